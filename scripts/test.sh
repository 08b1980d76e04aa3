#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then the integration tests (*IT) that build the example
# stack with a real BuildKit engine. Starts that engine first when none answers (see
# scripts/setup-buildkit.sh), so it works on a fresh machine. ITs fail, never skip, without an engine.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/setup-buildkit.sh --clean)"
# a registry with auth for RegistryIT (push, registry cache): Debian's docker-registry and htpasswd
bash scripts/install-test-tools.sh docker-registry apache2-utils
export DOCKER_BUILDKIT=1
echo "test.sh: Docker engine at $DOCKER_HOST"
exec mvn -B -ntp verify "$@"
