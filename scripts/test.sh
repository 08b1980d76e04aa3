#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then the integration tests (*IT) that build the example
# stack with a real BuildKit engine. Starts that engine first when none answers (see
# scripts/setup-buildkit.sh), so it works on a fresh machine. ITs fail, never skip, without an engine.
# Installs the other real parts the ITs use when they are missing (scripts/install-test-tools.sh):
# docker-compose (the compose differential tests' oracle), docker-registry and htpasswd (RegistryIT),
# chromium (ReportBrowserIT opens the HTML report in it).
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/setup-buildkit.sh --clean)"
# Debian's docker-compose 1.29 is the reference reader of ComposeDifferentialIT (which fails without it);
# a registry with auth for RegistryIT (push, registry cache); headless Chromium for ReportBrowserIT
bash scripts/install-test-tools.sh docker-compose docker-registry apache2-utils chromium fonts-dejavu-core
export MORGAN_DOCKER_COMPOSE="$(command -v docker-compose)"
export DOCKER_BUILDKIT=1
echo "test.sh: Docker engine at $DOCKER_HOST"
exec mvn -B -ntp verify "$@"
