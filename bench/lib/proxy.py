"""A counting reverse proxy for AWS API calls, loopback only.

Listens on 127.0.0.1 (a free port, printed on stdout as the first line), forwards every request
unchanged to the upstream emulator (also on 127.0.0.1), and appends one JSON line per call to a
log file: time, service (from the SigV4 credential scope), operation (Query `Action`, JSON
`X-Amz-Target`, or the S3 REST method and path), status, and whether the call writes.

    python proxy.py --upstream http://127.0.0.1:PORT --log calls.jsonl

Only used to count calls: timed runs go straight to the emulator.
"""
import argparse
import http.client
import http.server
import json
import re
import sys
import threading
import time
import urllib.parse

READ_PREFIXES = ("Describe", "List", "Get", "Head", "Validate", "Estimate", "Detect", "Lookup", "Search",
                 "BatchGet", "Scan", "Query", "Select")
HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
       "transfer-encoding", "upgrade"}
SCOPE = re.compile(r"Credential=[^/]+/\d{8}/[^/]+/([^/]+)/aws4_request")


def target(headers, body):
    """What a call is about, for the time-true phase's noticing measure: a CloudFormation StackName, or the
    first of a JSON call's ids / names (BatchGetBuilds, DescribeCluster...); empty when none."""
    if headers.get("X-Amz-Target"):
        try:
            doc = json.loads(body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, ValueError):
            return ""
        for k in ("ids", "ClusterId", "NotebookInstanceName", "projectName"):
            v = doc.get(k)
            if v:
                return v[0] if isinstance(v, list) else str(v)
        return ""
    try:
        params = urllib.parse.parse_qs(body.decode("utf-8"))
    except UnicodeDecodeError:
        return ""
    return params.get("StackName", [""])[0]


def operation(method, path, headers, body):
    """(service, operation, write?) for one request."""
    auth = headers.get("Authorization", "")
    m = SCOPE.search(auth)
    service = m.group(1) if m else "?"
    target = headers.get("X-Amz-Target")
    if target:
        op = target.split(".")[-1]
        return service, op, not op.startswith(READ_PREFIXES)
    query = urllib.parse.urlparse(path).query
    params = urllib.parse.parse_qs(query)
    ctype = headers.get("Content-Type", "")
    if "Action" not in params and "x-www-form-urlencoded" in ctype and body:
        try:
            params = urllib.parse.parse_qs(body.decode("utf-8"))
        except UnicodeDecodeError:
            params = {}
    if "Action" in params:
        op = params["Action"][0]
        return service, op, not op.startswith(READ_PREFIXES)
    # REST (S3): name it by method and path shape.
    p = urllib.parse.urlparse(path)
    segs = [s for s in p.path.split("/") if s]
    shape = "bucket" if len(segs) == 1 else ("object" if segs else "service")
    sub = "?" + "&".join(sorted(k for k in urllib.parse.parse_qs(p.query, keep_blank_values=True))) if p.query else ""
    op = f"{method} {shape}{sub}"
    return service, op, method not in ("GET", "HEAD")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = None
    log = None
    lock = threading.Lock()
    local = threading.local()

    def log_message(self, *args):  # quiet
        pass

    def _conn(self):
        c = getattr(self.local, "conn", None)
        if c is None:
            c = http.client.HTTPConnection(self.upstream[0], self.upstream[1], timeout=120)
            self.local.conn = c
        return c

    def _body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _forward(self):
        body = self._body()
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP and k.lower() != "expect"}
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked" or body:
            headers["Content-Length"] = str(len(body))
        start = time.time()
        for attempt in (1, 2):
            conn = self._conn()
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                break
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    raise
        service, op, write = operation(self.command, self.path, self.headers, body)
        with self.lock:
            self.log.write(json.dumps({"t": round(start, 4), "service": service, "op": op, "write": write,
                                       "status": resp.status, "target": target(self.headers, body),
                                       "ms": round((time.time() - start) * 1000, 1)}) + "\n")
            self.log.flush()
        self.send_response_only(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() in HOP or (k.lower() == "content-length" and self.command != "HEAD"):
                continue
            self.send_header(k, v)
        if self.command != "HEAD":
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD" and data:
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _forward


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--log", required=True)
    a = ap.parse_args()
    u = urllib.parse.urlparse(a.upstream)
    if u.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("proxy: upstream must be on loopback")
    Handler.upstream = (u.hostname, u.port)
    Handler.log = open(a.log, "a", encoding="utf-8")
    http.server.ThreadingHTTPServer.daemon_threads = True
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
