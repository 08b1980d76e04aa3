#!/usr/bin/env bash
# The main job on the bundled example stack: build all four services twice (cold, then warm) with
# the morgan CLI and write the HTML report. Starts a private BuildKit engine when none answers.
# One service at a time, so the warm build reliably shows every step cached (README: known issues).
#   scripts/run-example.sh [REPORT_DIR]     (default: ./morgan-report)
set -euo pipefail
cd "$(dirname "$0")/.."
REPORT=${1:-morgan-report}
# --clean: on our private engine, start from an empty build cache so the first build is cold.
eval "$(bash scripts/setup-buildkit.sh --clean)"
export DOCKER_BUILDKIT=1
mvn -B -ntp -q -DskipTests -DskipITs package
STATE=${MORGAN_EXAMPLE_STATE:-$PWD/target/example-state}
mkdir -p "$STATE"
export MORGAN_CACHE_ROOT="$STATE/cache"
COMPOSE=examples/morgan-stack/docker-compose.yml
echo "== cold build"
bin/morgan build --all -f "$COMPOSE" --parallel 1
echo "== warm build (no change)"
bin/morgan build --all -f "$COMPOSE" --parallel 1
echo "== report"
bin/morgan report -f "$COMPOSE" --out "$REPORT"
