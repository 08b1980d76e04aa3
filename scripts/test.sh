#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then the integration tests (*IT) that build the example
# stack with a real BuildKit engine. Starts that engine first when none answers (see
# scripts/setup-buildkit.sh), so it works on a fresh machine. ITs fail, never skip, without an engine.
# Installs docker-compose (the compose differential tests' oracle) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/setup-buildkit.sh --clean)"
# Debian's docker-compose 1.29 is the reference reader of ComposeDifferentialIT (which fails without it)
if ! command -v docker-compose >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: docker-compose is missing; run as root to install it, or apt-get install docker-compose" >&2
    exit 1
  fi
  echo "test.sh: installing docker-compose from Debian's archive"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi
export MORGAN_DOCKER_COMPOSE="$(command -v docker-compose)"
export DOCKER_BUILDKIT=1
echo "test.sh: Docker engine at $DOCKER_HOST"
exec mvn -B -ntp verify "$@"
