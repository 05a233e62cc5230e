#!/usr/bin/env bash
# Used in session 4 of issue #12 (BENCHMARKS.md "Memory"): LAUNCHER is an installed layout (bin/hailctl +
# lib/hailctl.jar) of the build to measure; rows: label,command,run,maxrss_kib,cpu_ms,wall_s,load1.
# measure.sh LAUNCHER LABEL RUNS OUTFILE : peak RSS / CPU of status, plan, deploy all against a fresh moto
# (deployed once), the launcher's own flags, its own CDS archive (waits for it). Cache per label.
set -euo pipefail
mkdir -p "${MEASURE_WORK:-/tmp/hailctl-memory}"
launcher=$1; label=$2; runs=${3:-3}; out=$4
root=${HAILCTL_ROOT:?checkout whose examples/local.yaml is used}
tools=$HOME/.cache/hailctl/bench/bin
export AWS_EC2_METADATA_DISABLED=true AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 NO_COLOR=1
export AWS_CONFIG_FILE=${MEASURE_WORK:-/tmp/hailctl-memory}/aws-empty AWS_SHARED_CREDENTIALS_FILE=${MEASURE_WORK:-/tmp/hailctl-memory}/aws-empty
: > ${MEASURE_WORK:-/tmp/hailctl-memory}/aws-empty
export HAILCTL_CACHE_DIR=${MEASURE_CACHE:-${MEASURE_WORK:-/tmp/hailctl-memory}/cache-$label}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$tools/moto_server" -H 127.0.0.1 -p "$port" >${MEASURE_WORK:-/tmp/hailctl-memory}/moto-$label.log 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/moto-api/" && break; sleep 0.5; done
ep=http://127.0.0.1:$port
"$launcher" --version >/dev/null
for _ in $(seq 1 900); do [ -n "$(find $HAILCTL_CACHE_DIR/cds -name "*.jsa" 2>/dev/null)" ] && break; sleep 1; done
find $HAILCTL_CACHE_DIR/cds -name "*.jsa" -exec ls -la {} +
hc() { "$launcher" --endpoint-url "$ep" --config $root/examples/local.yaml "$@"; }
hc -y deploy all >${MEASURE_WORK:-/tmp/hailctl-memory}/deploy-$label.log 2>&1 || { echo deploy failed; tail ${MEASURE_WORK:-/tmp/hailctl-memory}/deploy-$label.log; exit 1; }
hc status >/dev/null 2>&1; hc plan >/dev/null 2>&1   # warm moto
for r in $(seq 1 "$runs"); do
  for c in status plan "deploy all"; do
    case $c in status) a=(status);; plan) a=(plan);; *) a=(-y deploy all);; esac
    /usr/bin/time -f "%M %U %S %e" -o ${MEASURE_WORK:-/tmp/hailctl-memory}/t.$label "$launcher" --endpoint-url "$ep" --config $root/examples/local.yaml "${a[@]}" >${MEASURE_WORK:-/tmp/hailctl-memory}/out-$label.txt 2>&1 || { echo "$c failed"; tail ${MEASURE_WORK:-/tmp/hailctl-memory}/out-$label.txt; }
    read m u s e < ${MEASURE_WORK:-/tmp/hailctl-memory}/t.$label
    echo "$label,$c,$r,$m,$(python3 -c "print(round(($u+$s)*1000))"),$e,$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out"
  done
done
