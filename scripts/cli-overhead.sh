#!/usr/bin/env bash
# What `bin/morgan build SERVICE -q` costs over the hand-written `docker build -q` of the same service,
# both warm with nothing changed, timed as whole processes the way a user runs them: the two commands
# alternate (A B, B A, ...), and the figure is the difference of the medians.
#   scripts/cli-overhead.sh [RUNS]      (default 21; env SERVICE=core, DOCKER=/usr/bin/docker)
# Needs the example stack built once (scripts/run-example.sh, or bin/morgan build core) and a docker
# client that can run BuildKit builds. Prints every sample, the medians, the extra and the load average.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
service=${SERVICE:-core}
docker=${DOCKER:-/usr/bin/docker}
export DOCKER_BUILDKIT=1
stack=examples/morgan-stack
[ "$service" = core ] || { echo "cli-overhead: only the example's core has its raw command written here" >&2; exit 2; }
raw=("$docker" build -q --network=host -f core/Dockerfile --target app
  --build-arg BASE_IMAGE=morgan/debian:bookworm -t morgan-raw/core:latest .)
morgan=("$PWD/bin/morgan" build core -q)

ms() { # runs "$@" in the stack's folder, output dropped; prints its wall time in ms
  local t0 t1
  t0=$(date +%s%N)
  (cd "$stack" && "$@" >/dev/null 2>&1) || { echo "cli-overhead: failed: $*" >&2; exit 1; }
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# warm-up: the layer cache, the CLI's AppCDS archive, the engine facts on disk
for _ in 1 2 3; do ms "${morgan[@]}" >/dev/null; ms "${raw[@]}" >/dev/null; done
m=() r=()
for ((i = 0; i < runs; i++)); do
  if ((i % 2 == 0)); then m+=("$(ms "${morgan[@]}")"); r+=("$(ms "${raw[@]}")")
  else r+=("$(ms "${raw[@]}")"); m+=("$(ms "${morgan[@]}")"); fi
done
mm=$(median "${m[@]}")
rm_=$(median "${r[@]}")
echo "bin/morgan build core -q (ms): ${m[*]}"
echo "raw docker build -q (ms):      ${r[*]}"
awk -v m="$mm" -v r="$rm_" -v n="$runs" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "medians of %d interleaved runs: bin/morgan %.0f ms, raw docker %.0f ms, extra %.0f ms (goal: at most 250 ms: %s); load average %s\n",
    n, m, r, m - r, (m - r <= 250 ? "met" : "MISSED"), load }'
