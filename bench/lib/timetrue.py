"""bench/run's `timetrue` phase: the issue's environment deployed on the time-true emulator, side by side.

Starts its own moto server, the hailctl stand-in in time-true mode in front of it (AWS's durations times
BENCH_TT_SCALE) and the counting proxy in front of that, all on free loopback ports, and stops them by PID.
Each trial wipes the emulator, then one tool deploys s3, network, 3 users with EFS access points, the AMI
project, the AMI build (CodeBuild) and 2 EMR clusters, through the proxy:

  hailctl   `deploy all` (ami.source: build)
  sceptre   `sceptre launch` of a stack group; the AMI build is an after_create hook (a script that starts the
            build and polls it every 30 s) and the clusters read the AMI id with !file_contents
  aws2      a script of `aws cloudformation deploy` per stack in dependency order, outputs read with
            describe-stacks, the build started and polled every 30 s, the AMI id read from SSM

The peers get hailctl's inputs (parameters and tags of a reference `deploy all`), with cross-stack values
read at run time. What only hailctl does as API calls is left out for the peers (EFS file-system policy, the
Packer bundle upload, the notebook content seed, the subnet tag) or made before their clock starts (the
users' access points): untimed in the emulator either way, so the peers do a little less work.

Per trial: wall time; the critical path (critical_path.py over the steps' dependency graph, each step's
duration from the stand-in's own timeline: stack events, build start/end); each stack's (and the build's)
settle-to-notice delay: from its completion to the first read of it after that (proxy log); read calls
(Describe/List/Get/BatchGet outside S3) per minute and the peak in any 1 s window.
"""
import json
import os
import random
import shlex
import signal
import socket
import subprocess
import time
import urllib.request

import boto3

from critical_path import critical_path

USERS = ["alice", "bob", "carol"]
CLUSTERS = ["hail", "vep"]
ENV = "tt"
BUILD_POLL_S = 30  # a user's script: the AWS CLI's own stack waiter polls every 30 s too


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def wait_http(url, seconds=60):
    end = time.time() + seconds
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.25)
    raise SystemExit("timetrue: nothing answers on " + url)


def config_yaml(fs_id):
    users = "".join(f"  - name: {u}\n" for u in USERS)
    clusters = "".join(f"""  - name: {c}
    releaseLabel: emr-7.12.0
    masterType: m5.xlarge
    coreType: m5.xlarge
    coreCount: {i + 1}
    idleTimeoutMinutes: 30
""" for i, c in enumerate(CLUSTERS))
    return f"""environment: {ENV}
region: us-east-1
network:
  vpcId: default
  subnetId: default
buckets:
  hail: hailctl-{ENV}-hail
  logs: hailctl-{ENV}-logs
  jupyter: hailctl-{ENV}-jupyter
users:
{users}efs:
  fileSystemId: {fs_id}
ami:
  source: build
  hailVersion: 0.2.139
  vepVersion: none
clusters:
{clusters}"""


STACKS = [f"{ENV}-s3", f"{ENV}-network"] + [f"{ENV}-jupyter-{u}" for u in USERS] + [f"{ENV}-ami"] \
    + [f"{ENV}-emr-{c}" for c in CLUSTERS]
BUILD = "ami-build"


def depends_on():
    """The steps' graph (hailctl's Topology; the peers follow the same order): what each step waits for."""
    d = {f"{ENV}-jupyter-{u}": [f"{ENV}-s3", f"{ENV}-network"] for u in USERS}
    d[f"{ENV}-ami"] = [f"{ENV}-s3"]
    d[BUILD] = [f"{ENV}-ami"]
    for c in CLUSTERS:
        d[f"{ENV}-emr-{c}"] = [f"{ENV}-s3", f"{ENV}-network", BUILD]
    return d


class Emulator:
    """moto + the time-true stand-in + the counting proxy, ours alone."""

    def __init__(self, cfg, scale, work):
        self.cfg, self.work, self.pids = cfg, work, []
        tools = cfg["tools"]
        mport, sport = free_port(), free_port()
        self.moto_url = f"http://127.0.0.1:{mport}"
        self._spawn([os.path.join(tools, "moto_server"), "-H", "127.0.0.1", "-p", str(mport)], "moto.log", {})
        wait_http(self.moto_url + "/moto-api/")
        jar = os.path.join(cfg["root"], "target", "hailctl-all.jar")
        # As StandInProcess starts it (`hailctl local up --timings aws --time-scale S`), on a port of ours.
        self._spawn(["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx256m",
                     "-Djava.net.preferIPv4Stack=true", "-cp", jar, "io.hailctl.Main", "__stand-in",
                     "--upstream", self.moto_url, "--port", str(sport), "--timings", "aws", "--time-scale", str(scale)],
                    "stand-in.log", {})
        self.url = f"http://127.0.0.1:{sport}"
        wait_http(self.url + "/__stand-in/")
        self.calls = os.path.join(work, "tt-calls.jsonl")
        open(self.calls, "w").close()
        port_file = os.path.join(work, "tt-proxy.port")
        self._spawn([os.path.join(os.path.dirname(tools), "moto", "bin", "python"),
                     os.path.join(cfg["root"], "bench", "lib", "proxy.py"), "--upstream", self.url, "--log", self.calls],
                    "tt-proxy.port", {}, stdout_file=port_file)
        for _ in range(80):
            if os.path.getsize(port_file) > 0:
                break
            time.sleep(0.25)
        self.proxy = "http://127.0.0.1:" + open(port_file).read().split()[0]

    def _spawn(self, cmd, log, env, stdout_file=None):
        out = open(stdout_file or os.path.join(self.work, log), "w")
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT if not stdout_file else subprocess.DEVNULL,
                             stdin=subprocess.DEVNULL, env={**os.environ, **env})
        self.pids.append(p)

    def stop(self):
        for p in reversed(self.pids):
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()

    def client(self, service):
        return boto3.client(service, endpoint_url=self.url, region_name="us-east-1",
                            aws_access_key_id="test", aws_secret_access_key="test")

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST", data=b""), timeout=60)
        ec2 = self.client("ec2")
        vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
        subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
        subnet = min((s for s in subnets if s.get("DefaultForAz")), key=lambda s: s["AvailabilityZone"])["SubnetId"]
        for svc, call in (("cloudformation", "list_stacks"), ("s3", "list_buckets"), ("sagemaker", "list_notebook_instances"),
                          ("emr", "list_clusters"), ("iam", "list_roles"), ("codebuild", "list_projects"),
                          ("efs", "describe_file_systems"), ("ssm", "describe_parameters")):
            getattr(self.client(svc), call)()
        fs = self.client("efs").create_file_system(CreationToken="bench-" + str(time.time()))["FileSystemId"]
        return vpc, subnet, fs

    def mark(self):
        with open(self.calls, encoding="utf-8") as f:
            return sum(1 for _ in f)

    def calls_since(self, mark):
        with open(self.calls, encoding="utf-8") as f:
            return [json.loads(x) for x in f.readlines()[mark:]]

    def timeline(self):
        """{step: (start, settle)} from the stand-in's own answers: stack events, the build's start and end."""
        cfn, out = self.client("cloudformation"), {}
        for s in STACKS:
            events = cfn.describe_stack_events(StackName=s)["StackEvents"]
            own = [e for e in events if e["LogicalResourceId"] == s]
            start = min(e["Timestamp"].timestamp() for e in own if e["ResourceStatus"] == "CREATE_IN_PROGRESS")
            done = [e["Timestamp"].timestamp() for e in own if e["ResourceStatus"] == "CREATE_COMPLETE"]
            if not done:
                raise SystemExit(f"timetrue: {s} did not complete: {[e['ResourceStatus'] for e in own]}")
            out[s] = (start, min(done), s, cfn.describe_stacks(StackName=s)["Stacks"][0]["StackId"])
        cb = self.client("codebuild")
        ids = cb.list_builds_for_project(projectName=f"{ENV}-hail-ami")["ids"]
        builds = [b for b in cb.batch_get_builds(ids=ids)["builds"] if b["buildStatus"] == "SUCCEEDED"]
        if len(builds) != 1:
            raise SystemExit(f"timetrue: expected one successful AMI build, got {[b['buildStatus'] for b in cb.batch_get_builds(ids=ids)['builds']]}")
        b = builds[0]
        out[BUILD] = (b["startTime"].timestamp(), b["endTime"].timestamp(), b["id"], b["id"])
        return out


READ_PREFIXES = ("Describe", "List", "Get", "BatchGet")


def reads(calls):
    """Control-plane reads: Describe/List/Get/BatchGet operations of any service but S3 (hailctl's rule,
    ReadPacingInterceptor). REST services (EFS) name no operation on the wire: the proxy logs them as
    "GET <path shape>", and their Describe*/List* operations are exactly their GETs, so those count too."""
    return [c for c in calls if c["service"] != "s3" and (c["op"].startswith(READ_PREFIXES) or c["op"].startswith("GET "))]


def peak_per_second(times):
    times, best, j = sorted(times), 0, 0
    for i, t in enumerate(times):
        while times[j] < t - 1.0:
            j += 1
        best = max(best, i - j + 1)
    return best


def noticed(timeline, calls):
    """{step: seconds from its settling to the first read of it after that} (None: never read after)."""
    out = {}
    for step, (_, settle, name, ident) in timeline.items():
        if step == BUILD:
            ok = [c for c in calls if c["op"] == "BatchGetBuilds" and c.get("target") == ident]
        else:
            ok = [c for c in calls if c["service"] == "cloudformation"
                  and c["op"] in ("DescribeStacks", "DescribeStackEvents", "ListStacks")
                  and c.get("target") in (name, ident, "")]
        after = [c["t"] for c in ok if c["t"] >= settle]
        out[step] = round(min(after) - settle, 3) if after else None
    return out


# ---------------------------------------------------------------------------------------- peers' inputs

def reference(emu, cfg, env):
    """One hailctl deploy (also the warm-up): each stack's parameters and tags, the peers' inputs."""
    vpc, subnet, fs = emu.reset()
    conf = os.path.join(cfg["work"], "tt-hailctl.yaml")
    open(conf, "w").write(config_yaml(fs))
    rc = subprocess.call([os.path.join(cfg["root"], "hailctl"), "--endpoint-url", emu.url, "--config", conf, "-y",
                          "deploy", "all"], env=env, stdout=open(os.path.join(cfg["work"], "tt-reference.txt"), "w"),
                         stderr=subprocess.STDOUT)
    if rc != 0:
        raise SystemExit("timetrue: the reference deploy failed; see tt-reference.txt (BENCH_KEEP_WORK=1)")
    ref = {}
    for s in emu.client("cloudformation").describe_stacks()["Stacks"]:
        ref[s["StackName"]] = {"parameters": {p["ParameterKey"]: p["ParameterValue"] for p in s.get("Parameters", [])},
                               "tags": {t["Key"]: t["Value"] for t in s.get("Tags", []) if t["Key"] != "hailctl:fingerprint"}}
    return ref


TEMPLATE = {"s3": "hail-s3.yml", "network": "hail-network.yml", "jupyter": "hail-jupyter.yml", "ami": "hail-ami.yml",
            "emr": "hail-emr.yml"}


def template_of(stack):
    return TEMPLATE[stack[len(ENV) + 1:].split("-")[0]]


# Per stack: parameter -> (shell expression for the AWS CLI script, Sceptre resolver). Values taken at run time.
def runtime_value(stack, key):
    net = f"{ENV}-network"
    if key in ("NotebookSecurityGroupId", "EmrMasterSecurityGroupId", "EmrWorkerSecurityGroupId"):
        # Sceptre's !stack_output names the stack from the group path (tt-tt-network), not stack_name: the
        # external form takes the real name; the dependency is listed explicitly.
        return f'"$(out {net} {key})"', f"!stack_output_external {net}::{key}"
    if key == "EfsAccessPointId":
        user = stack.rsplit("-", 1)[1]
        return f'"${{AP_{user.upper()}}}"', f"!environment_variable AP_{user.upper()}"
    if key == "EfsFileSystemId":
        return '"${FS_ID}"', "!environment_variable FS_ID"
    if key == "VpcId":
        return '"${VPC_ID}"', "!environment_variable VPC_ID"
    if key == "SubnetId":
        return '"${SUBNET_ID}"', "!environment_variable SUBNET_ID"
    if key == "CustomAmiId":
        return '"${AMI_ID}"', "!file_contents {ami_file}"
    return None


def build_script(path, ami_file):
    """Starts the AMI build, polls it every BUILD_POLL_S s, writes the AMI id (what a user's script does)."""
    open(path, "w").write(f"""#!/bin/sh
# Generated by bench/lib/timetrue.py: the AMI build, as a user's script runs it.
set -eu
aws() {{ "$AWS" --endpoint-url "$ENDPOINT" "$@"; }}
build=$(aws codebuild start-build --project-name {ENV}-hail-ami --query build.id --output text)
while :; do
  status=$(aws codebuild batch-get-builds --ids "$build" --query 'builds[0].buildStatus' --output text)
  [ "$status" = IN_PROGRESS ] || break
  sleep {BUILD_POLL_S}
done
[ "$status" = SUCCEEDED ] || {{ echo "build $build: $status" >&2; exit 1; }}
aws ssm get-parameter --name /hail/{ENV}/ami/latest --query Parameter.Value --output text > {shlex.quote(ami_file)}
""")


def write_peers(cfg, ref):
    work, root = cfg["work"], cfg["root"]
    ami_file = os.path.join(work, "tt-ami-id")
    build_script(os.path.join(work, "tt-build-ami.sh"), ami_file)
    # AWS CLI: one deploy per stack, in dependency order.
    lines = ["#!/bin/sh", "# Generated by bench/lib/timetrue.py: `aws cloudformation deploy` per stack, in order.", "set -eu",
             'aws() { "$AWS" --endpoint-url "$ENDPOINT" "$@"; }',
             'out() { aws cloudformation describe-stacks --stack-name "$1" '
             "--query \"Stacks[0].Outputs[?OutputKey=='$2'].OutputValue\" --output text; }"]
    for s in STACKS:
        if s.startswith(f"{ENV}-emr-") and "AMI_ID=" not in "\n".join(lines):
            lines.append(f"sh {shlex.quote(os.path.join(work, 'tt-build-ami.sh'))}")
            lines.append(f"AMI_ID=$(cat {shlex.quote(ami_file)})")
        params = []
        for k, v in ref[s]["parameters"].items():
            rv = runtime_value(s, k)
            params.append(f"{k}={rv[0]}" if rv else shlex.quote(f"{k}={v}"))
        lines.append(f'aws cloudformation deploy --stack-name {s} \\')
        lines.append(f"  --template-file {shlex.quote(os.path.join(root, 'cloudformation', template_of(s)))} \\")
        lines.append("  --parameter-overrides " + " ".join(params) + " \\")
        lines.append("  --tags " + " ".join(shlex.quote(f"{k}={v}") for k, v in ref[s]["tags"].items()) + " \\")
        lines.append("  --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset")
    open(os.path.join(work, "tt-deploy-aws2.sh"), "w").write("\n".join(lines) + "\n")
    # Sceptre: a stack group; dependencies from !stack_output and explicit lists; the build as a hook.
    sc = os.path.join(work, "tt-sceptre")
    os.makedirs(os.path.join(sc, "config", ENV), exist_ok=True)
    os.makedirs(os.path.join(sc, "templates"), exist_ok=True)
    open(os.path.join(sc, "config", "config.yaml"), "w").write(f"project_code: {ENV}\nregion: us-east-1\n")
    deps = depends_on()
    for s in STACKS:
        short = s[len(ENV) + 1:]
        link = os.path.join(sc, "templates", template_of(s).replace(".yml", ".yaml"))
        if not os.path.lexists(link):
            os.symlink(os.path.join(root, "cloudformation", template_of(s)), link)
        y = [f"template:\n  path: {os.path.basename(link)}", f"stack_name: {s}"]
        wanted = [d for d in deps.get(s, []) if d != BUILD] + ([f"{ENV}-ami"] if BUILD in deps.get(s, []) else [])
        if wanted:
            y.append("dependencies:\n" + "\n".join(f"  - {ENV}/{d[len(ENV) + 1:]}.yaml" for d in wanted))
        y.append("parameters:")
        for k, v in ref[s]["parameters"].items():
            rv = runtime_value(s, k)
            y.append(f"  {k}: {rv[1].format(ami_file=ami_file)}" if rv else f"  {k}: {json.dumps(v)}")
        y.append("stack_tags:")
        y += [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in ref[s]["tags"].items()]
        if short == "ami":
            y.append("hooks:\n  after_create:\n    - !cmd " + json.dumps("sh " + os.path.join(work, "tt-build-ami.sh")))
        open(os.path.join(sc, "config", ENV, short + ".yaml"), "w").write("\n".join(y) + "\n")


def prepare_peer(emu, ref, fs):
    """What hailctl makes with API calls and the peers are given: the users' access points."""
    efs, env = emu.client("efs"), {}
    for u in USERS:
        ap = efs.create_access_point(FileSystemId=fs, Tags=[{"Key": "Name", "Value": u}],
                                     PosixUser={"Uid": 1000, "Gid": 100},
                                     RootDirectory={"Path": f"/home/{u}"})["AccessPointId"]
        env[f"AP_{u.upper()}"] = ap
    # The Packer bundle object is not made: the stand-in's build does not read it (hailctl uploads it, a few ms).
    return env


# ---------------------------------------------------------------------------------------- the phase

def run(cfg, base_env, scale, runs):
    work = cfg["work"]
    out_dir = os.path.join(cfg["results"], "timetrue")
    os.makedirs(out_dir, exist_ok=True)
    env = {**base_env, "HAILCTL_CACHE_DIR": cfg["hailctl_cache"]}
    # The reference deploy only collects parameters and tags (and warms the CDS archive): at AWS's own
    # durations (scale 1) it would take as long as a trial, so it runs on an emulator of its own at a
    # fast scale unless BENCH_TT_REFERENCE_SCALE says otherwise.
    ref_scale = float(os.environ.get("BENCH_TT_REFERENCE_SCALE", min(scale, 0.02)))
    if ref_scale != scale:
        ref_emu = Emulator(cfg, ref_scale, work)
        try:
            ref = reference(ref_emu, cfg, env)
        finally:
            ref_emu.stop()
    emu = Emulator(cfg, scale, work)
    trials = []
    try:
        if ref_scale == scale:
            ref = reference(emu, cfg, env)
        write_peers(cfg, ref)
        aws = os.path.join(cfg["tools"], "aws2")
        tools = [("hailctl deploy all", None), ("sceptre launch", os.path.join(cfg["tools"], "sceptre")),
                 ("aws2 cloudformation deploy, in order", aws)]
        only = os.environ.get("BENCH_TT_TOOLS")  # e.g. "hailctl" to measure a change of hailctl alone
        tools = [t for t in tools if not only or t[0].split()[0] in only.split(",")]
        rng = random.Random(23)
        for r in range(runs):
            order = list(tools)
            rng.shuffle(order)
            for name, exe in order:
                if exe is not None and not os.path.exists(exe):
                    continue
                trials.append(trial(emu, cfg, env, ref, name, r, scale))
                json.dump(trials, open(os.path.join(out_dir, "trials.json"), "w"), indent=1)
        table = summarise(trials, scale)
        open(os.path.join(out_dir, "summary.md"), "w").write(table)
        print(table)
    finally:
        emu.stop()
        for f in ("tt-calls.jsonl", "stand-in.log", "moto.log"):
            p = os.path.join(work, f)
            if os.path.exists(p):
                subprocess.call(["cp", p, os.path.join(out_dir, f)])


def trial(emu, cfg, env, ref, name, r, scale):
    vpc, subnet, fs = emu.reset()
    work = cfg["work"]
    extra, cwd = {"VPC_ID": vpc, "SUBNET_ID": subnet, "FS_ID": fs, "AWS": os.path.join(cfg["tools"], "aws2"),
                  "AWS_ENDPOINT_URL": emu.proxy, "ENDPOINT": emu.proxy}, cfg["root"]
    if name.startswith("hailctl"):
        conf = os.path.join(work, "tt-hailctl.yaml")
        open(conf, "w").write(config_yaml(fs))
        cmd = [os.path.join(cfg["root"], "hailctl"), "--endpoint-url", emu.proxy, "--config", conf, "-y", "deploy", "all"]
    else:
        extra.update(prepare_peer(emu, ref, fs))
        if os.path.exists(os.path.join(work, "tt-ami-id")):
            os.remove(os.path.join(work, "tt-ami-id"))
        if name.startswith("sceptre"):
            cmd, cwd = [os.path.join(cfg["tools"], "sceptre"), "--no-colour", "launch", "-y", ENV], os.path.join(work, "tt-sceptre")
        else:
            cmd = ["sh", os.path.join(work, "tt-deploy-aws2.sh")]
    load_before = open("/proc/loadavg").read().split()[:3]
    mark = emu.mark()
    log = os.path.join(cfg["logs"], "timetrue-" + name.split()[0] + f"-{r}.txt")
    t0 = time.time()
    rc = subprocess.call(cmd, env={**env, **extra}, cwd=cwd, stdin=subprocess.DEVNULL,
                         stdout=open(log, "w"), stderr=subprocess.STDOUT)
    t1 = time.time()
    load_after = open("/proc/loadavg").read().split()[:3]
    if rc != 0:
        raise SystemExit(f"timetrue: {name} exited {rc}; see {log}:\n" + open(log, errors="replace").read()[-3000:])
    time.sleep(0.5)  # the proxy writes its last line after answering
    calls = emu.calls_since(mark)
    tl = emu.timeline()
    durations = {s: settle - start for s, (start, settle, _, _) in tl.items()}
    cp, chain = critical_path(durations, depends_on())
    rd = reads(calls)
    wall = t1 - t0
    writes = [c["t"] for c in calls if c["write"]]
    waiting = [c["t"] for c in rd if writes and c["t"] >= writes[0]]
    return {"tool": name, "run": r, "scale": scale, "t0": t0, "wall_s": round(wall, 2), "critical_path_s": round(cp, 2),
            "chain": chain, "over_s": round(wall - cp, 2), "over_pct": round(100 * (wall - cp) / cp, 1),
            "last_settle_to_exit_s": round(t1 - max(s for _, s, _, _ in tl.values()), 2),
            "first_call_after_start_s": round(min(c["t"] for c in calls) - t0, 2) if calls else None,
            "notice_s": noticed(tl, calls), "calls": len(calls), "reads": len(rd),
            "reads_per_min": round(len(rd) / (wall / 60), 1), "peak_reads_per_s": peak_per_second([c["t"] for c in rd]),
            "peak_reads_per_s_after_first_write": peak_per_second(waiting),
            "steps": {s: [round(a - t0, 2), round(b - t0, 2)] for s, (a, b, _, _) in tl.items()},
            "load_before": load_before, "load_after": load_after}


def summarise(trials, scale):
    out = [f"# Time-true deploy (scale {scale}; generated by bench/lib/timetrue.py from trials.json)", "",
           "| tool | run | wall s | critical path s | over s (%) | settle→notice s: median / max over steps | "
           "reads | reads/min | peak reads/s (all / after the first write) | load 1 min before→after |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for t in trials:
        n = sorted(v for v in t["notice_s"].values() if v is not None)
        med = n[len(n) // 2] if n else float("nan")
        out.append(f"| {t['tool']} | {t['run']} | {t['wall_s']:.1f} | {t['critical_path_s']:.1f} | {t['over_s']:.1f} "
                   f"({t['over_pct']:.0f} %) | {med:.1f} / {max(n) if n else float('nan'):.1f} | {t['reads']} | "
                   f"{t['reads_per_min']} | {t['peak_reads_per_s']} / {t.get('peak_reads_per_s_after_first_write', '?')} | "
                   f"{t['load_before'][0]}→{t['load_after'][0]} |")
    out.append("")
    return "\n".join(out)


def resummarise(trials_json, calls_jsonl):
    """Adds what a trial records since (t0, the peak after the first write) to trials of an older run, from its
    proxy log (each trial's calls are the next ones in the log, within its wall time), and rewrites the summary."""
    trials = json.load(open(trials_json))
    calls = [json.loads(x) for x in open(calls_jsonl)]
    i = 0
    for t in trials:
        t0 = t.get("t0") or calls[i]["t"] - t["first_call_after_start_s"]
        mine = [c for c in calls[i:] if c["t"] <= t0 + t["wall_s"] + 0.5]
        i += len(mine)
        writes = [c["t"] for c in mine if c["write"]]
        t["t0"] = t0
        t["peak_reads_per_s_after_first_write"] = peak_per_second([c["t"] for c in reads(mine) if writes and c["t"] >= writes[0]])
    json.dump(trials, open(trials_json, "w"), indent=1)
    table = summarise(trials, trials[0]["scale"])
    open(os.path.join(os.path.dirname(trials_json), "summary.md"), "w").write(table)
    return table


if __name__ == "__main__":
    import sys
    print(resummarise(sys.argv[1], sys.argv[2]))
