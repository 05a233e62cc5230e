"""Benchmark harness for bench/run: interleaved timing, emulator resets, call counting, summary.

Everything talks to a moto server and a counting proxy on 127.0.0.1 that bench/run started; this
file never starts or stops servers. Results are raw CSV/JSON under the results folder, plus
summary.md made from them.

    python harness.py ENV_JSON PHASE...      phases: startup read deploy split seed memory timetrue summary
"""
import csv
import datetime
import json
import os
import random
import shlex
import statistics
import subprocess
import sys
import time
import urllib.request

import boto3

CFG = {}


def env_base():
    e = dict(os.environ)
    e.update({"AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
              "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1", "NO_COLOR": "1",
              "HAILCTL_CACHE_DIR": CFG["hailctl_cache"], "AWS_PAGER": "",
              # CDK: no update check, notices or telemetry (they would reach out of the machine)
              "CDK_DISABLE_VERSION_CHECK": "1", "CDK_DISABLE_CLI_TELEMETRY": "true"})
    for k in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        e.pop(k, None)
    # an empty config so that no profile of the machine's user is read
    e["AWS_CONFIG_FILE"] = e["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(CFG["work"], "aws-empty")
    return e


def run(cmd, env, cwd=None, out=None):
    """Runs one command; returns (wall ms, peak RSS KiB, exit code, start epoch, end epoch).

    Peak RSS comes from GNU time (`%M`, the same figure as `/usr/bin/time -v`): measured from this
    Python process, the child's maximum would include the pre-exec copy of the harness itself. The
    wall time is taken here and so includes GNU time's own fork and exec (about 1 ms, the same for
    every command)."""
    stdout = open(out, "wb") if out else subprocess.DEVNULL
    rss_file = os.path.join(CFG["work"], "rss")
    try:
        t0 = time.time()
        p0 = time.perf_counter()
        rc = subprocess.call(["/usr/bin/time", "-f", "%M", "-o", rss_file, *cmd], env=env, cwd=cwd or CFG["root"],
                             stdin=subprocess.DEVNULL, stdout=stdout,
                             stderr=subprocess.STDOUT if out else subprocess.DEVNULL)
        wall = (time.perf_counter() - p0) * 1000
        t1 = time.time()
    finally:
        if out:
            stdout.close()
    with open(rss_file, encoding="ascii") as f:
        rss = int(f.read().split()[-1])
    return wall, rss, rc, t0, t1


def write_csv(path, rows, header):
    new = not os.path.exists(path)
    with open(path, "a", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        if new:
            w.writerow(header)
        w.writerows(rows)


def load():
    return open("/proc/loadavg", encoding="ascii").read().split()[:3]


# ---------------------------------------------------------------------------------------- emulator

def moto(url, path, method="POST"):
    req = urllib.request.Request(url + path, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()


def client(service, url=None):
    return boto3.client(service, endpoint_url=url or CFG["moto"], region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test")


def reset_and_warm():
    """Wipes the emulator (our own server) and touches every service the deploys use, so that no tool
    pays moto's lazy start-up of a backend. Returns the default VPC and its first default subnet by
    zone (hailctl's `default` rule)."""
    moto(CFG["moto"], "/moto-api/reset")
    ec2 = client("ec2")
    vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
    subnet = min((s for s in subnets if s.get("DefaultForAz")), key=lambda s: s["AvailabilityZone"])["SubnetId"]
    ec2.describe_instance_type_offerings(LocationType="availability-zone")
    client("cloudformation").list_stacks()
    client("s3").list_buckets()
    client("sagemaker").list_notebook_instances()
    client("emr").list_clusters()
    client("iam").list_roles()
    client("sts").get_caller_identity()
    return vpc, subnet


def stacks_ok(names):
    cfn = client("cloudformation")
    got = {s["StackName"]: s["StackStatus"] for s in cfn.describe_stacks()["Stacks"]}
    bad = {n: got.get(n, "ABSENT") for n in names if got.get(n, "ABSENT") not in ("CREATE_COMPLETE", "UPDATE_COMPLETE")}
    return bad


# ---------------------------------------------------------------------------------------- commands

def hailctl(*args, cds=True, endpoint=None):
    env = {}
    if not cds:
        env["HAILCTL_NO_CDS"] = "1"
    cmd = [os.path.join(CFG["root"], "hailctl")]
    if endpoint:
        cmd += ["--endpoint-url", endpoint, "--config", os.path.join(CFG["root"], "examples/local.yaml")]
    return cmd + list(args), env


def tool(name):
    return os.path.join(CFG["tools"], name)


def startup_commands():
    jar = os.path.join(CFG["root"], "target/hailctl-all.jar")
    # The launcher's JVM flags, without the launcher (its own cost is the difference), and with the
    # JDK's default archive relocation (what the launcher did before ArchiveRelocationMode=0).
    java_flags = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xlog:disable",
                  "-XX:SharedArchiveFile=" + CFG["archive"]]
    no_reloc = ["-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"]
    cmds = [
        ("hailctl --version", *hailctl("--version")),
        ("hailctl --help", *hailctl("--help")),
        ("hailctl --version (no CDS)", *hailctl("--version", cds=False)),
        ("hailctl --help (no CDS)", *hailctl("--help", cds=False)),
        ("java --version, launcher flags (no launcher)", ["java", *java_flags, *no_reloc, "-jar", jar, "--version"], {}),
        ("java --help, launcher flags (no launcher)", ["java", *java_flags, *no_reloc, "-jar", jar, "--help"], {}),
        ("java --version, archive relocated (JDK default)", ["java", *java_flags, "-jar", jar, "--version"], {}),
        ("java --help, archive relocated (JDK default)", ["java", *java_flags, "-jar", jar, "--help"], {}),
    ]
    peers = [
        ("aws2 --version", [tool("aws2"), "--version"]),
        ("aws1 --version", [tool("aws1"), "--version"]),
        ("rain --version", [tool("rain"), "--version"]),
        ("rain --help", [tool("rain"), "--help"]),
        ("sceptre --version", [tool("sceptre"), "--version"]),
        ("sceptre --help", [tool("sceptre"), "--help"]),
        ("cdk --version", [tool("cdk"), "--version"]),
    ]
    for name, cmd in peers:
        if os.path.exists(cmd[0]):
            cmds.append((name, cmd, {}))
    return cmds


def interleaved(phase, cmds, runs, warmups, path):
    """Round-robin over cmds (order shuffled each round); warm-up rounds are not recorded."""
    base = env_base()
    rows = []
    rng = random.Random(42)
    for r in range(-warmups, runs):
        order = list(cmds)
        rng.shuffle(order)
        for name, cmd, extra in order:
            wall, rss, rc, _, _ = run(cmd, {**base, **extra})
            if rc != 0:
                raise SystemExit(f"{phase}: {name} exited {rc}: {shlex.join(cmd)}")
            if r >= 0:
                rows.append([phase, name, r, round(wall, 2), rss, rc])
    write_csv(path, rows, ["phase", "name", "run", "wall_ms", "maxrss_kib", "rc"])


def phase_startup():
    interleaved("startup", startup_commands(), CFG["startup_runs"], CFG["warmups"], CFG["csv"])
    # Cross-check with hyperfine (not interleaved: each command's runs back to back).
    hf = tool("hyperfine")
    if os.path.exists(hf):
        base = env_base()
        cmds = [c for c in startup_commands() if c[0] in
                ("hailctl --version", "hailctl --help", "aws2 --version", "rain --version", "sceptre --version")]
        args = [hf, "-N", "--warmup", "3", "--runs", "20", "--export-json", os.path.join(CFG["results"], "hyperfine-startup.json")]
        for name, cmd, extra in cmds:
            prefix = " ".join(f"{k}={v}" for k, v in extra.items())
            args += ["-n", name, ((("env " + prefix + " ") if prefix else "") + shlex.join(cmd))]
        subprocess.run(args, env=base, check=True, stdout=open(os.path.join(CFG["results"], "hyperfine-startup.txt"), "w"),
                       stderr=subprocess.STDOUT)


# ---------------------------------------------------------------------------------------- peers' inputs

STACKS = ["demo-s3", "demo-network", "demo-jupyter-alice", "demo-jupyter-bob", "demo-emr-hail"]
TEMPLATES = {"demo-s3": "hail-s3.yml", "demo-network": "hail-network.yml", "demo-jupyter-alice": "hail-jupyter.yml",
             "demo-jupyter-bob": "hail-jupyter.yml", "demo-emr-hail": "hail-emr.yml"}
NETWORK_PARAMS = ("VpcId", "SubnetId")  # resolved per trial (the emulator's default VPC changes on reset)


def reference():
    """Deploys with hailctl once and reads back each stack's parameters and tags (minus hailctl's own
    fingerprint tag): the inputs every peer gets."""
    reset_and_warm()
    cmd, extra = hailctl("-y", "deploy", "all", endpoint=CFG["moto"])
    _, _, rc, _, _ = run(cmd, {**env_base(), **extra}, out=os.path.join(CFG["work"], "reference-deploy.txt"))
    if rc != 0:
        raise SystemExit("reference deploy failed; see reference-deploy.txt")
    ref = {}
    for s in client("cloudformation").describe_stacks()["Stacks"]:
        ref[s["StackName"]] = {
            "template": TEMPLATES[s["StackName"]],
            "parameters": {p["ParameterKey"]: p["ParameterValue"] for p in s.get("Parameters", [])},
            "tags": {t["Key"]: t["Value"] for t in s.get("Tags", []) if t["Key"] != "hailctl:fingerprint"},
        }
    json.dump(ref, open(os.path.join(CFG["results"], "reference-stacks.json"), "w"), indent=1, sort_keys=True)
    return ref


def write_peer_inputs(ref):
    """Writes what a user of each peer would write: a script of `aws cloudformation deploy` and of
    `rain deploy` calls, and a Sceptre project (stack group with the same dependency order)."""
    root, work = CFG["root"], CFG["work"]
    tpl = lambda s: os.path.join(root, "cloudformation", ref[s]["template"])  # noqa: E731

    def val(k, v):
        return '"${' + ("VPC_ID" if k == "VpcId" else "SUBNET_ID") + '}"' if k in NETWORK_PARAMS else shlex.quote(v)

    def kv(k, v):
        return k + "=" + val(k, v) if k in NETWORK_PARAMS else shlex.quote(f"{k}={v}")

    for aws in ("aws2", "aws1"):
        lines = ["#!/bin/sh", "# Generated by bench/lib/harness.py: one `aws cloudformation deploy` per stack, in order.",
                 "set -eu"]
        for s in STACKS:
            p = ref[s]["parameters"]
            lines.append(f'"$AWS" --endpoint-url "$ENDPOINT" cloudformation deploy --stack-name {s} \\')
            lines.append(f"  --template-file {shlex.quote(tpl(s))} \\")
            lines.append("  --parameter-overrides " + " ".join(kv(k, v) for k, v in p.items()) + " \\")
            lines.append("  --tags " + " ".join(shlex.quote(f"{k}={v}") for k, v in ref[s]["tags"].items()) + " \\")
            lines.append("  --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset")
        open(os.path.join(work, f"deploy-{aws}.sh"), "w").write("\n".join(lines) + "\n")

    os.makedirs(os.path.join(work, "rain"), exist_ok=True)
    lines = ["#!/bin/sh", "# Generated by bench/lib/harness.py: one `rain deploy` per stack, in order.", "set -eu"]
    for s in STACKS:
        cfg = {"Parameters": {k: v for k, v in ref[s]["parameters"].items() if k not in NETWORK_PARAMS},
               "Tags": ref[s]["tags"]}
        cf = os.path.join(work, "rain", s + ".json")
        json.dump(cfg, open(cf, "w"), indent=1)
        net = [k for k in NETWORK_PARAMS if k in ref[s]["parameters"]]
        extra = (" --params " + ",".join(kv(k, "") for k in net)) if net else ""
        lines.append(f'"$RAIN" deploy -y --no-colour -c {shlex.quote(cf)}{extra} {shlex.quote(tpl(s))} {s}')
    open(os.path.join(work, "deploy-rain.sh"), "w").write("\n".join(lines) + "\n")

    sc = os.path.join(work, "sceptre")
    os.makedirs(os.path.join(sc, "config", "demo"), exist_ok=True)
    os.makedirs(os.path.join(sc, "templates"), exist_ok=True)
    open(os.path.join(sc, "config", "config.yaml"), "w").write("project_code: demo\nregion: us-east-1\n")
    for s in STACKS:
        link = os.path.join(sc, "templates", ref[s]["template"].replace(".yml", ".yaml"))  # Sceptre wants .yaml
        if not os.path.lexists(link):
            os.symlink(tpl(s), link)
        deps = [] if s in ("demo-s3", "demo-network") else ["demo/s3.yaml", "demo/network.yaml"]
        y = [f"template:\n  path: {os.path.basename(link)}", f"stack_name: {s}"]
        if deps:
            y.append("dependencies:\n" + "".join(f"  - {d}\n" for d in deps).rstrip())
        y.append("parameters:")
        for k, v in ref[s]["parameters"].items():
            if k in NETWORK_PARAMS:
                y.append(f"  {k}: !environment_variable {'VPC_ID' if k == 'VpcId' else 'SUBNET_ID'}")
            else:
                y.append(f"  {k}: {json.dumps(v)}")
        y.append("stack_tags:")
        y += [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in ref[s]["tags"].items()]
        open(os.path.join(sc, "config", "demo", s[len("demo-"):] + ".yaml"), "w").write("\n".join(y) + "\n")


def phase_prepare():
    write_peer_inputs(reference())


def ensure_prepared():
    if not os.path.exists(os.path.join(CFG["work"], "sceptre")):
        phase_prepare()


def deploy_tools(endpoint):
    root, work = CFG["root"], CFG["work"]
    e = {"ENDPOINT": endpoint, "AWS_ENDPOINT_URL": endpoint}
    tools = [("hailctl deploy all", *hailctl("-y", "deploy", "all", endpoint=endpoint), None),
             ("hailctl deploy all (no CDS)", *hailctl("-y", "deploy", "all", cds=False, endpoint=endpoint), None)]
    if os.path.exists(tool("aws2")):
        tools.append(("aws2 cloudformation deploy ×5", ["sh", os.path.join(work, "deploy-aws2.sh")],
                      {**e, "AWS": tool("aws2")}, None))
    if os.path.exists(tool("aws1")):
        tools.append(("aws1 cloudformation deploy ×5", ["sh", os.path.join(work, "deploy-aws1.sh")],
                      {**e, "AWS": tool("aws1")}, None))
    if os.path.exists(tool("rain")):
        tools.append(("rain deploy ×5", ["sh", os.path.join(work, "deploy-rain.sh")], {**e, "RAIN": tool("rain")}, None))
    if os.path.exists(tool("sceptre")):
        tools.append(("sceptre launch (group)", [tool("sceptre"), "--no-colour", "launch", "-y", "demo"], e,
                      os.path.join(work, "sceptre")))
    only = os.environ.get("BENCH_DEPLOY_TOOLS")  # e.g. "hailctl" to measure a change of hailctl alone
    return [t for t in tools if not only or t[0].split()[0] in only.split(",")]


def proxy_calls_since(mark):
    with open(CFG["proxy_log"], encoding="utf-8") as f:
        lines = f.readlines()
    return [json.loads(x) for x in lines[mark:]], len(lines)


def proxy_mark():
    with open(CFG["proxy_log"], encoding="utf-8") as f:
        return sum(1 for _ in f)


def deploy_trial(name, cmd, extra, cwd, rows, r, counting, base):
    vpc, subnet = reset_and_warm()
    env = {**base, **extra, "VPC_ID": vpc, "SUBNET_ID": subnet}
    tag = "".join(ch if ch.isalnum() else "-" for ch in name).strip("-") + ("-count" if counting else "")
    out = []
    for kind in ("fresh", "no-op"):
        mark = proxy_mark()
        log = os.path.join(CFG["logs"] if counting else CFG["work"], f"{tag}-{kind}.txt")
        wall, rss, rc, t0, t1 = run(cmd, env, cwd=cwd, out=log)
        bad = stacks_ok(STACKS)
        if rc != 0 or bad:
            raise SystemExit(f"deploy: {name} {kind} run {r}: exit {rc}, stacks {bad}:\n"
                             + open(log, errors="replace").read()[-3000:])
        calls, _ = proxy_calls_since(mark)
        if counting:
            writes = [c for c in calls if c["write"]]
            out.append({"tool": name, "kind": kind, "calls": len(calls), "writes": len(writes),
                        "by_op": count_ops(calls), "write_ops": count_ops(writes), "wall_ms": round(wall, 1)})
        else:
            rows.append(["deploy-" + kind, name, r, round(wall, 2), rss, rc])
    return out


def count_ops(calls):
    d = {}
    for c in calls:
        k = c["service"] + ":" + c["op"]
        d[k] = d.get(k, 0) + 1
    return dict(sorted(d.items()))


def phase_deploy():
    ensure_prepared()
    base = env_base()
    rows = []
    tools = deploy_tools(CFG["moto"])
    rng = random.Random(7)
    for r in range(-1, CFG["deploy_runs"]):
        order = list(tools)
        rng.shuffle(order)
        for name, cmd, extra, cwd in order:
            deploy_trial(name, cmd, extra, cwd, rows if r >= 0 else [], r, False, base)
    write_csv(CFG["csv"], rows, ["phase", "name", "run", "wall_ms", "maxrss_kib", "rc"])
    counts = []
    for name, cmd, extra, cwd in deploy_tools(CFG["proxy"]):
        counts += deploy_trial(name, cmd, extra, cwd, [], 0, True, base)
    json.dump(counts, open(os.path.join(CFG["results"], "calls-deploy.json"), "w"), indent=1)


# ---------------------------------------------------------------------------------------- reads

def read_commands(endpoint):
    e = {"AWS_ENDPOINT_URL": endpoint}
    cmds = [("hailctl status", *hailctl("status", endpoint=endpoint), None),
            ("hailctl status (no CDS)", *hailctl("status", cds=False, endpoint=endpoint), None),
            ("hailctl plan", *hailctl("plan", endpoint=endpoint), None),
            ("hailctl seed (no change)", *hailctl("seed", endpoint=endpoint), None)]
    for aws in ("aws2", "aws1"):
        if os.path.exists(tool(aws)):
            cmds.append((f"{aws} cloudformation describe-stacks",
                         [tool(aws), "--endpoint-url", endpoint, "cloudformation", "describe-stacks", "--output", "json"],
                         {}, None))
            cmds.append((f"{aws} cloudformation describe-stacks --stack-name demo-s3",
                         [tool(aws), "--endpoint-url", endpoint, "cloudformation", "describe-stacks", "--stack-name",
                          "demo-s3", "--output", "json"], {}, None))
    if os.path.exists(tool("rain")):
        cmds.append(("rain ls", [tool("rain"), "ls", "--no-colour"], e, None))
        cmds.append(("rain ls demo-s3", [tool("rain"), "ls", "--no-colour", "demo-s3"], e, None))
    if os.path.exists(tool("sceptre")):
        cmds.append(("sceptre status (group)", [tool("sceptre"), "--no-colour", "status", "demo"], e,
                     os.path.join(CFG["work"], "sceptre")))
    return cmds


def phase_read():
    ensure_prepared()
    vpc, subnet = reset_and_warm()
    cmd, extra = hailctl("-y", "deploy", "all", endpoint=CFG["moto"])
    _, _, rc, _, _ = run(cmd, {**env_base(), **extra})
    if rc != 0:
        raise SystemExit("read: deploy for the read state failed")
    base = {**env_base(), "VPC_ID": vpc, "SUBNET_ID": subnet}
    rows = []
    rng = random.Random(11)
    cmds = read_commands(CFG["moto"])
    for r in range(-CFG["warmups"], CFG["read_runs"]):
        order = list(cmds)
        rng.shuffle(order)
        for name, cmd, extra, cwd in order:
            wall, rss, rc, _, _ = run(cmd, {**base, **extra}, cwd=cwd)
            if rc != 0:
                log = os.path.join(CFG["logs"], "failed.txt")
                run(cmd, {**base, **extra}, cwd=cwd, out=log)
                raise SystemExit(f"read: {name} exited {rc}: " + open(log, errors="replace").read()[-2000:])
            if r >= 0:
                rows.append(["read", name, r, round(wall, 2), rss, rc])
    write_csv(CFG["csv"], rows, ["phase", "name", "run", "wall_ms", "maxrss_kib", "rc"])
    counts = []
    for name, cmd, extra, cwd in read_commands(CFG["proxy"]):
        mark = proxy_mark()
        log = os.path.join(CFG["logs"], "read-" + name.replace(" ", "_").replace("/", "_") + ".txt")
        run(cmd, {**base, **extra}, cwd=cwd, out=log)
        calls, _ = proxy_calls_since(mark)
        counts.append({"tool": name, "calls": len(calls), "writes": sum(c["write"] for c in calls),
                       "by_op": count_ops(calls)})
    json.dump(counts, open(os.path.join(CFG["results"], "calls-read.json"), "w"), indent=1)


# ---------------------------------------------------------------------------------------- split

def phase_split():
    """Where the wall time of a no-op `deploy all` goes: spawn → first AWS call (JVM, CLI, config,
    credentials, clients) → first step started (pre-flight) → summary (the steps) → exit. Through the
    counting proxy (for the call times) with --output json (for the step times)."""
    base = env_base()
    reset_and_warm()
    cmd, extra = hailctl("-y", "deploy", "all", endpoint=CFG["proxy"])
    run(cmd, {**base, **extra})
    rows = []
    for cds in (True, False):
        for r in range(-1, CFG["split_runs"]):
            cmd, extra = hailctl("-y", "-o", "json", "deploy", "all", cds=cds, endpoint=CFG["proxy"])
            mark = proxy_mark()
            out = os.path.join(CFG["work"], "split.jsonl")
            wall, rss, rc, t0, t1 = run(cmd, {**base, **extra}, out=out)
            calls, _ = proxy_calls_since(mark)
            events = []
            for line in open(out, encoding="utf-8"):
                try:
                    events.append(json.loads(line))
                except ValueError:
                    pass
            ts = lambda e: datetime.datetime.fromisoformat(e["time"][:26].rstrip("Z")).replace(  # noqa: E731
                tzinfo=datetime.timezone.utc).timestamp()
            started = min(ts(e) for e in events if e.get("event") == "step-started")
            finished = max(ts(e) for e in events if e.get("event") == "step-finished")
            first_call = min(c["t"] for c in calls)
            if r >= 0 and rc == 0:
                rows.append(["CDS" if cds else "no CDS", r, round(wall, 1), round((first_call - t0) * 1000, 1),
                             round((started - first_call) * 1000, 1), round((finished - started) * 1000, 1),
                             round((t1 - finished) * 1000, 1), len(calls), rss])
    write_csv(os.path.join(CFG["results"], "split.csv"), rows,
              ["archive", "run", "wall_ms", "to_first_call_ms", "preflight_ms", "steps_ms", "after_last_step_ms",
               "calls", "maxrss_kib"])


# ---------------------------------------------------------------------------------------- seed

SEED_FILES, SEED_BYTES = 1000, 10_000_000
SEED_PEER_BUCKET = "bench-seed-peer"


def seed_content():
    """1,000 files, 10 MB in all (2-18 KB each, random bytes, fixed seed), laid out as `hailctl seed DIR`
    expects: half under common-notebooks/, half under scripts/, in 10 sub-folders each."""
    root = os.path.join(CFG["work"], "seed-content")
    if os.path.isdir(root):
        return root
    rng = random.Random(1)
    sizes = [2000 + (i * 7919) % 16001 for i in range(SEED_FILES)]
    scale = SEED_BYTES / sum(sizes)
    for i, size in enumerate(sizes):
        d = os.path.join(root, "common-notebooks" if i % 2 == 0 else "scripts", f"d{i % 10}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"f{i:04d}.txt"), "wb") as f:
            f.write(rng.randbytes(int(size * scale)))
    return root


def empty_bucket(bucket, prefixes=("",)):
    s3 = client("s3")
    for prefix in prefixes:
        keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
                for o in page.get("Contents", [])]
        for i in range(0, len(keys), 1000):
            s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys[i:i + 1000]]})


def seed_tools(content):
    """(name, command, bucket to empty before the fresh run, its prefixes)."""
    cmd, _ = hailctl("seed", content, endpoint=CFG["moto"])
    tools = [("hailctl seed DIR", cmd, "hailctl-demo-jupyter", ("common-notebooks/", "scripts/"))]
    for aws in ("aws2", "aws1"):
        if os.path.exists(tool(aws)):
            tools.append((f"{aws} s3 sync DIR", [tool(aws), "--endpoint-url", CFG["moto"], "s3", "sync", content,
                                                 f"s3://{SEED_PEER_BUCKET}/", "--only-show-errors"],
                          SEED_PEER_BUCKET, ("",)))
    return tools


def proc_cpu_ms(pid):
    """User + system CPU time (ms) a process has used so far: /proc/PID/stat fields 14 and 15, in clock ticks."""
    if not pid:
        return None
    try:
        fields = open(f"/proc/{pid}/stat", encoding="ascii").read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def run_timed(cmd, env):
    """As run(), plus the command's own CPU time (GNU time's user + sys) and the emulator's CPU time
    meanwhile (moto serves every tool: its share says how much of a run is the emulator's work)."""
    rss_file = os.path.join(CFG["work"], "rss-cpu")
    moto0 = proc_cpu_ms(CFG.get("moto_pid"))
    p0 = time.perf_counter()
    rc = subprocess.call(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file, *cmd], env=env, cwd=CFG["root"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = (time.perf_counter() - p0) * 1000
    moto1 = proc_cpu_ms(CFG.get("moto_pid"))
    rss, user, sys_ = open(rss_file, encoding="ascii").read().split()[-3:]
    moto_ms = round(moto1 - moto0) if moto0 is not None and moto1 is not None else ""
    return wall, int(rss), rc, round((float(user) + float(sys_)) * 1000), moto_ms


def phase_seed():
    """Seeding 1,000 files / 10 MB: fresh (empty prefixes) and again with nothing changed, hailctl
    against `aws s3 sync`, interleaved. hailctl's bucket is its environment's jupyter bucket (from a
    `deploy all`); the peers sync to a bucket of their own. Emptying the buckets is not timed; it
    leaves hailctl's seed manifest in place (so the fresh run also checks that a manifest describing
    objects that are gone makes no upload be skipped). Besides raw.csv, seed.csv has each run's CPU
    time, the emulator's CPU time meanwhile and the load average."""
    reset_and_warm()
    base = env_base()
    cmd, extra = hailctl("-y", "deploy", "all", endpoint=CFG["moto"])
    if run(cmd, {**base, **extra})[2] != 0:
        raise SystemExit("seed: deploy for the seed state failed")
    client("s3").create_bucket(Bucket=SEED_PEER_BUCKET)
    content = seed_content()
    rows, detail = [], []
    rng = random.Random(13)
    tools = seed_tools(content)
    for r in range(-1, CFG.get("seed_runs", 5)):
        order = list(tools)
        rng.shuffle(order)
        for name, cmd, bucket, prefixes in order:
            empty_bucket(bucket, prefixes)
            for kind in ("seed-fresh", "seed-no-change"):
                wall, rss, rc, cpu, moto_cpu = run_timed(cmd, base)
                if rc != 0:
                    log = os.path.join(CFG["logs"], "failed.txt")
                    run(cmd, base, out=log)
                    raise SystemExit(f"seed: {name} exited {rc}: " + open(log, errors="replace").read()[-2000:])
                if r >= 0:
                    rows.append([kind, name, r, round(wall, 2), rss, rc])
                    detail.append([kind, name, r, round(wall, 1), cpu, moto_cpu, rss, " ".join(load())])
    write_csv(CFG["csv"], rows, ["phase", "name", "run", "wall_ms", "maxrss_kib", "rc"])
    write_csv(os.path.join(CFG["results"], "seed.csv"), detail,
              ["phase", "name", "run", "wall_ms", "cpu_ms", "moto_cpu_ms", "maxrss_kib", "load"])
    counts = []
    for name, cmd, bucket, prefixes in seed_tools(content):
        cmd = [c.replace(CFG["moto"], CFG["proxy"]) for c in cmd]
        empty_bucket(bucket, prefixes)
        for kind in ("fresh", "no change"):
            mark = proxy_mark()
            run(cmd, base, out=os.path.join(CFG["logs"], f"seed-{name.split()[0]}-{kind.replace(' ', '-')}.txt"))
            calls, _ = proxy_calls_since(mark)
            counts.append({"tool": name, "kind": kind, "calls": len(calls), "writes": sum(c["write"] for c in calls),
                           "by_op": count_ops(calls)})
    json.dump(counts, open(os.path.join(CFG["results"], "calls-seed.json"), "w"), indent=1)


# ---------------------------------------------------------------------------------------- memory

# JVM heap levers for the AWS-calling commands: peak RSS and CPU time of each, against the launcher's
# flags (HAILCTL_JAVA_OPTS is appended after them, so a later flag wins).
# -Xmn128m stands for the launcher before -Xmn16m: on a 24 GiB machine the JVM's default initial heap
# is 384 MiB, of which SerialGC gives a third to the young generation.
MEMORY_LEVERS = [("launcher (-Xmn16m)", ""), ("-Xmn8m", "-Xmn8m"), ("-Xmn32m", "-Xmn32m"),
                 ("-Xmn128m (≈ before)", "-Xmn128m")]


def phase_memory():
    reset_and_warm()
    base = env_base()
    cmd, extra = hailctl("-y", "deploy", "all", endpoint=CFG["moto"])
    if run(cmd, {**base, **extra})[2] != 0:
        raise SystemExit("memory: deploy for the read state failed")
    rows = []
    rng = random.Random(17)
    cmds = [("status", ["status"]), ("plan", ["plan"]), ("deploy all (no change)", ["-y", "deploy", "all"])]
    for r in range(-1, CFG.get("memory_runs", 5)):
        trials = [(c, lv) for c in cmds for lv in MEMORY_LEVERS]
        rng.shuffle(trials)
        for (cname, args), (lname, opts) in trials:
            cmd, extra = hailctl(*args, endpoint=CFG["moto"])
            rss_file = os.path.join(CFG["work"], "rss-cpu")
            p0 = time.perf_counter()
            rc = subprocess.call(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file, *cmd],
                                 env={**base, **extra, "HAILCTL_JAVA_OPTS": opts}, cwd=CFG["root"],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = (time.perf_counter() - p0) * 1000
            rss, user, sys_ = open(rss_file, encoding="ascii").read().split()[-3:]
            if rc != 0:
                raise SystemExit(f"memory: {cname} with {lname} exited {rc}")
            if r >= 0:
                rows.append([cname, lname, r, round(wall, 1), round((float(user) + float(sys_)) * 1000), rss,
                             " ".join(load())])
    write_csv(os.path.join(CFG["results"], "memory.csv"), rows,
              ["command", "lever", "run", "wall_ms", "cpu_ms", "maxrss_kib", "load"])


# ---------------------------------------------------------------------------------------- time-true

def phase_timetrue():
    """The issue's environment on the time-true emulator (its own servers), hailctl and peers side by side."""
    import timetrue  # noqa: E402 (bench/lib is this script's folder)
    here = os.path.dirname(os.path.abspath(__file__))
    subprocess.run([sys.executable, os.path.join(here, "critical_path.py"), "--self-test"], check=True)
    timetrue.run(CFG, env_base(), float(os.environ.get("BENCH_TT_SCALE", "0.02")), int(os.environ.get("BENCH_TT_RUNS", "2")))


# ---------------------------------------------------------------------------------------- summary

def stats(xs):
    xs = sorted(xs)
    return statistics.median(xs), xs[0], xs[-1], len(xs)


def fmt(m, lo, hi):
    return f"{m:.0f} ({lo:.0f}–{hi:.0f})"


def phase_summary():
    rows = list(csv.DictReader(open(CFG["csv"], encoding="utf-8")))
    by = {}
    for row in rows:
        by.setdefault((row["phase"], row["name"]), []).append(row)
    out = ["# Summary (generated by bench/lib/harness.py from raw.csv)", ""]
    for phase in ("startup", "read", "deploy-fresh", "deploy-no-op", "seed-fresh", "seed-no-change"):
        names = sorted((n for (p, n) in by if p == phase), key=lambda n: (not n.startswith("hailctl"), n))
        if not names:
            continue
        hail = {"startup": "hailctl --version", "read": "hailctl status", "deploy-fresh": "hailctl deploy all",
                "deploy-no-op": "hailctl deploy all", "seed-fresh": "hailctl seed DIR",
                "seed-no-change": "hailctl seed DIR"}[phase]
        href = stats([float(x["wall_ms"]) for x in by[(phase, hail)]])[0] if (phase, hail) in by else None
        out += [f"## {phase}", "", "| command | runs | wall ms median (min–max) | peak RSS MiB median (min–max) | "
                f"hailctl ÷ this ({hail}{' or --help' if phase == 'startup' else ''}) |", "|---|---|---|---|---|"]
        for n in names:
            w = stats([float(x["wall_ms"]) for x in by[(phase, n)]])
            m = stats([int(x["maxrss_kib"]) / 1024 for x in by[(phase, n)]])
            ref = href
            if phase == "startup" and "--help" in n and ("startup", "hailctl --help") in by:
                ref = stats([float(x["wall_ms"]) for x in by[("startup", "hailctl --help")]])[0]
            ratio = f"{ref / w[0]:.2f}" if ref else ""
            out.append(f"| {n} | {w[3]} | {fmt(*w[:3])} | {fmt(*m[:3])} | {ratio} |")
        out.append("")
    sp = os.path.join(CFG["results"], "split.csv")
    if os.path.exists(sp):
        srows = list(csv.DictReader(open(sp, encoding="utf-8")))
        out += ["## no-op `deploy all` split (through the counting proxy)", "",
                "| archive | runs | wall | spawn → first AWS call | pre-flight | steps | last step → exit | calls |",
                "|---|---|---|---|---|---|---|---|"]
        for a in ("CDS", "no CDS"):
            rs = [x for x in srows if x["archive"] == a]
            if rs:
                cols = [fmt(*stats([float(x[c]) for x in rs])[:3]) for c in
                        ("wall_ms", "to_first_call_ms", "preflight_ms", "steps_ms", "after_last_step_ms")]
                out.append(f"| {a} | {len(rs)} | " + " | ".join(cols) + f" | {rs[0]['calls']} |")
        out.append("")
    sd = os.path.join(CFG["results"], "seed.csv")
    if os.path.exists(sd):
        drows = list(csv.DictReader(open(sd, encoding="utf-8")))
        out += ["## seed: wall, CPU and the emulator's CPU per run", "",
                "| run | command | runs | wall ms | CPU ms (user+sys) | moto CPU ms meanwhile | peak RSS MiB | "
                "load (1 min) | hailctl ÷ this (wall) |", "|---|---|---|---|---|---|---|---|---|"]
        for kind in dict.fromkeys(x["phase"] for x in drows):
            names = sorted(dict.fromkeys(x["name"] for x in drows if x["phase"] == kind),
                           key=lambda n: (not n.startswith("hailctl"), n))
            walls = {n: stats([float(x["wall_ms"]) for x in drows if x["phase"] == kind and x["name"] == n])[0]
                     for n in names}
            for n in names:
                rs = [x for x in drows if x["phase"] == kind and x["name"] == n]
                loads = [float(x["load"].split()[0]) for x in rs]
                motos = [float(x["moto_cpu_ms"]) for x in rs if x["moto_cpu_ms"] != ""]
                ratio = f"{walls['hailctl seed DIR'] / walls[n]:.2f}" if "hailctl seed DIR" in walls else ""
                out.append(f"| {kind} | {n} | {len(rs)} | {fmt(*stats([float(x['wall_ms']) for x in rs])[:3])} | "
                           f"{fmt(*stats([float(x['cpu_ms']) for x in rs])[:3])} | "
                           f"{fmt(*stats(motos)[:3]) if motos else ''} | "
                           f"{fmt(*stats([int(x['maxrss_kib']) / 1024 for x in rs])[:3])} | "
                           f"{min(loads):.1f}–{max(loads):.1f} | {ratio} |")
        out.append("")
    mp = os.path.join(CFG["results"], "memory.csv")
    if os.path.exists(mp):
        mrows = list(csv.DictReader(open(mp, encoding="utf-8")))
        out += ["## memory levers (HAILCTL_JAVA_OPTS after the launcher's flags)", "",
                "| command | lever | runs | peak RSS MiB | CPU ms (user+sys) | wall ms | load (1 min) |", "|---|---|---|---|---|---|---|"]
        for c in dict.fromkeys(x["command"] for x in mrows):
            for lv in dict.fromkeys(x["lever"] for x in mrows):
                rs = [x for x in mrows if x["command"] == c and x["lever"] == lv]
                if rs:
                    loads = [float(x["load"].split()[0]) for x in rs]
                    out.append(f"| {c} | {lv} | {len(rs)} | {fmt(*stats([int(x['maxrss_kib']) / 1024 for x in rs])[:3])} | "
                               f"{fmt(*stats([float(x['cpu_ms']) for x in rs])[:3])} | "
                               f"{fmt(*stats([float(x['wall_ms']) for x in rs])[:3])} | {min(loads):.1f}–{max(loads):.1f} |")
        out.append("")
    for f, title in (("calls-read.json", "calls per read command"), ("calls-deploy.json", "calls per deploy"),
                     ("calls-seed.json", "calls per seed")):
        p = os.path.join(CFG["results"], f)
        if os.path.exists(p):
            out += [f"## {title}", "", "| command | run | calls | writes | by operation |", "|---|---|---|---|---|"]
            for c in json.load(open(p, encoding="utf-8")):
                ops = ", ".join(f"{k.split(':', 1)[1]} {v}" for k, v in c["by_op"].items())
                out.append(f"| {c['tool']} | {c.get('kind', '')} | {c['calls']} | {c['writes']} | {ops} |")
            out.append("")
    open(os.path.join(CFG["results"], "summary.md"), "w").write("\n".join(out))
    print("\n".join(out))


def main():
    CFG.update(json.load(open(sys.argv[1], encoding="utf-8")))
    os.makedirs(CFG["logs"], exist_ok=True)
    with open(CFG["work"] + "/aws-empty", "a"):
        pass
    for phase in sys.argv[2:]:
        print(f"harness: {phase} (load {' '.join(load())})", file=sys.stderr, flush=True)
        with open(os.path.join(CFG["results"], "load.txt"), "a") as f:
            f.write(f"{datetime.datetime.now().isoformat(timespec='seconds')} before {phase}: load {' '.join(load())}\n")
        globals()["phase_" + phase]()
    with open(os.path.join(CFG["results"], "load.txt"), "a") as f:
        f.write(f"{datetime.datetime.now().isoformat(timespec='seconds')} end: load {' '.join(load())}\n")


if __name__ == "__main__":
    main()
