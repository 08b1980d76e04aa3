#!/usr/bin/env bash
# Reads real public compose projects with morgan and with docker-compose 1.29 and compares them
# (ComposePublicCorpusCheck; docs/compose-compatibility.md). The projects are fetched public material,
# kept as data outside this repository: DIR (default ../shared/compose-public beside the checkout)
# holds one <owner>-<repo>/ folder per project, each with a SOURCE.txt and case*.properties.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=$(cd "${1:-../shared/compose-public}" && pwd)
scripts/install-test-tools.sh docker-compose
mvn -B -ntp -q -pl engine -am -Dit.test=ComposePublicCorpusCheck -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dmorgan.publicCorpus="$DIR" verify
echo "public-corpus-check: every case of $DIR read as Compose reads it"
