#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then the integration tests (*IT) that build the example
# stack with a real BuildKit engine. Starts that engine first when none answers (see
# scripts/setup-buildkit.sh), so it works on a fresh machine. ITs fail, never skip, without an engine.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/setup-buildkit.sh --clean)"
export DOCKER_BUILDKIT=1
echo "test.sh: Docker engine at $DOCKER_HOST"
exec mvn -B -ntp verify "$@"
