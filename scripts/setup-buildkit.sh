#!/usr/bin/env bash
# Makes a Docker engine with built-in BuildKit answer, and creates the local base images the
# example stack builds FROM. Idempotent: a second run only checks and returns.
#
# When no engine answers at $DOCKER_HOST (or the default socket), it installs Debian's docker.io and
# starts a PRIVATE dockerd with its own data-root, exec-root and socket (vfs storage, no bridge, no
# iptables), so it never touches another daemon and never creates a private-range network.
#
# Prints, as its last line, `export DOCKER_HOST=...` for the engine it found or started.
# With --clean, also empties the build cache of the PRIVATE engine (never another daemon's).
# Environment:
#   MORGAN_DOCKERD_ROOT  where the private daemon keeps its state (default /var/lib/morgan-dockerd)
#   MORGAN_DOCKERD_RUN   where its socket and pid file live        (default /run/morgan-dockerd)
#   MORGAN_ROOTFS_CACHE  where the debootstrap'd rootfs tarball is kept (default /var/cache/morgan-rootfs)
set -euo pipefail

ROOT=${MORGAN_DOCKERD_ROOT:-/var/lib/morgan-dockerd}
RUN=${MORGAN_DOCKERD_RUN:-/run/morgan-dockerd}
ROOTFS_CACHE=${MORGAN_ROOTFS_CACHE:-/var/cache/morgan-rootfs}
SOCK="$RUN/docker.sock"
# Debian's client: it still drives the engine's built-in BuildKit with DOCKER_BUILDKIT=1, unlike a
# Docker 23+ CLI without the buildx plugin.
DOCKER=/usr/bin/docker
BASE_IMAGE=morgan/debian:bookworm
# Local stand-in for the CUDA base image the example's GPU services name by default. No registry is
# reachable here, so the tag is satisfied by the Debian rootfs; on a real GPU host the real image
# would be pulled instead. The stand-in carries a label saying what it is.
CUDA_STANDIN=nvidia/cuda:12.4.1-runtime-ubuntu22.04

log() { echo "setup-buildkit: $*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    log "must run as root to install and start a private dockerd (run it with sudo)"; exit 1
  fi
}

engine_answers() { # $1 = DOCKER_HOST value
  [ -x "$DOCKER" ] || return 1
  DOCKER_HOST="$1" timeout 10 "$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

install_packages() {
  local missing=()
  [ -x /usr/bin/docker ] && command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if [ ${#missing[@]} -gt 0 ]; then
    need_root
    log "installing ${missing[*]} from Debian's archive"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" ca-certificates >/dev/null
  fi
}

# overlay2 when the kernel lets us mount overlayfs on the data root's file system (layers are then
# shared, not copied: builds are faster and the disk stays small); vfs otherwise, which works
# everywhere. MORGAN_STORAGE_DRIVER=vfs|overlay2 forces one.
storage_driver() {
  if [ -n "${MORGAN_STORAGE_DRIVER:-}" ]; then
    echo "$MORGAN_STORAGE_DRIVER"
    return
  fi
  local t; t=$(mktemp -d "$ROOT/overlay-probe.XXXXXX")
  mkdir -p "$t/lower" "$t/upper" "$t/work" "$t/merged"
  if mount -t overlay overlay -o "lowerdir=$t/lower,upperdir=$t/upper,workdir=$t/work" "$t/merged" 2>/dev/null; then
    umount "$t/merged"
    echo overlay2
  else
    echo vfs
  fi
  rm -rf "$t"
}

start_private_dockerd() {
  need_root
  mkdir -p "$ROOT" "$RUN"
  if [ -f "$RUN/dockerd.pid" ] && kill -0 "$(cat "$RUN/dockerd.pid")" 2>/dev/null; then
    log "private dockerd is running but not answering yet; waiting"
  else
    rm -f "$SOCK" "$RUN/dockerd.pid"
    # BuildKit's automatic cache GC is off: vfs makes its size accounting unreliable and it dropped
    # fresh layer-cache records mid-run; scripts/test.sh and run-example.sh prune explicitly instead.
    printf '{"builder": {"gc": {"enabled": false}}}\n' > "$ROOT/daemon.json"
    local driver; driver=$(storage_driver)
    # containerd comes with docker.io; dockerd starts its own managed containerd when none runs.
    log "starting private dockerd (data-root $ROOT, socket $SOCK, storage driver $driver)"
    setsid dockerd --config-file "$ROOT/daemon.json" \
      --data-root "$ROOT/data" --exec-root "$RUN/exec" --pidfile "$RUN/dockerd.pid" \
      --host "unix://$SOCK" --storage-driver "$driver" \
      --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
      >"$ROOT/dockerd.log" 2>&1 < /dev/null &
  fi
  for _ in $(seq 1 120); do
    engine_answers "unix://$SOCK" && return 0
    sleep 0.5
  done
  log "private dockerd did not answer within 60 s; its log follows"
  tail -n 40 "$ROOT/dockerd.log" >&2 || true
  exit 1
}

ensure_base_images() {
  export DOCKER_HOST="$1"
  if ! "$DOCKER" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    local tarball="$ROOTFS_CACHE/bookworm-minbase.tar"
    if [ ! -s "$tarball" ]; then
      need_root
      local dir; dir=$(mktemp -d /tmp/morgan-rootfs.XXXXXX)
      log "debootstrapping Debian bookworm (minbase) into $dir"
      debootstrap --variant=minbase bookworm "$dir" http://deb.debian.org/debian >"$dir.log" 2>&1 \
        || { tail -n 30 "$dir.log" >&2; exit 1; }
      # Keep downloaded .debs in the cache mount instead of deleting them after each install.
      rm -f "$dir/etc/apt/apt.conf.d/docker-clean"
      printf 'Binary::apt::APT::Keep-Downloaded-Packages "true";\n' > "$dir/etc/apt/apt.conf.d/keep-cache"
      rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*_Packages
      mkdir -p "$ROOTFS_CACHE"
      tar -C "$dir" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
      rm -rf "$dir" "$dir.log"
    fi
    log "importing $BASE_IMAGE"
    "$DOCKER" import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' \
      "$tarball" "$BASE_IMAGE" >/dev/null
  fi
  if ! "$DOCKER" image inspect "$CUDA_STANDIN" >/dev/null 2>&1; then
    log "tagging local stand-in $CUDA_STANDIN (Debian rootfs; no CUDA libraries inside)"
    local ctx; ctx=$(mktemp -d)
    printf 'FROM %s\nENV CUDA_VERSION=12.4.1 NVIDIA_VISIBLE_DEVICES=all\nLABEL org.morgan.standin="Debian bookworm rootfs standing in for %s; no CUDA inside"\n' \
      "$BASE_IMAGE" "$CUDA_STANDIN" > "$ctx/Dockerfile"
    DOCKER_BUILDKIT=1 "$DOCKER" build --network=host -q -t "$CUDA_STANDIN" "$ctx" >/dev/null
    rm -rf "$ctx"
  fi
}

# Our private daemon only (never someone else's): drop build cache and the example's images from
# earlier runs, keeping the base images. vfs stores every layer as a full copy, so without this the
# data root grows by gigabytes per test run.
clean_private() {
  [ "${1:-}" = "unix://$SOCK" ] || return 0
  export DOCKER_HOST="$1"
  local images
  images=$("$DOCKER" images --format '{{.Repository}}:{{.Tag}} {{.ID}}' | awk '$1 !~ /^(morgan\/debian|nvidia\/cuda):/ {print $2}' | sort -u)
  [ -z "$images" ] || "$DOCKER" rmi -f $images >/dev/null 2>&1 || true
  "$DOCKER" builder prune -af >/dev/null
  log "cleaned the private engine's build cache and example images"
}

main() {
  local host=""
  if [ -n "${DOCKER_HOST:-}" ] && engine_answers "$DOCKER_HOST"; then
    host=$DOCKER_HOST
  elif engine_answers "unix://$SOCK"; then
    host="unix://$SOCK"
  else
    install_packages
    start_private_dockerd
    host="unix://$SOCK"
  fi
  install_packages
  ensure_base_images "$host"
  if [ "${1:-}" = "--clean" ]; then
    clean_private "$host"
  fi
  echo "export DOCKER_HOST=$host"
}

main "$@"
