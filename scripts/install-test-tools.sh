#!/usr/bin/env bash
# Installs the Debian packages given as arguments when they are missing: the real parts the
# integration tests use (e.g. docker-registry and apache2-utils for RegistryIT's registry with htpasswd
# auth). Packages start no service while installing (policy-rc.d answers 101): the tests start their
# own, on loopback only.
set -euo pipefail
need=()
for p in "$@"; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-tools: ${need[*]} missing; run as root, or apt-get install ${need[*]}" >&2
  exit 1
fi
created=no
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created=yes
fi
trap '[ "$created" = yes ] && rm -f /usr/sbin/policy-rc.d' EXIT
echo "install-test-tools: installing ${need[*]} from Debian's archive" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
