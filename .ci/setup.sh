#!/usr/bin/env bash
# Provisions what Berth's tests need on a Debian/Ubuntu machine (as root): packages, a Docker engine,
# a local registry on 127.0.0.1:5000, an SSH server on 127.0.0.1:2222. Idempotent: what is already there is left alone.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
STATE=${BERTH_CI_STATE:-/var/tmp/berth-ci}
mkdir -p "$STATE"

log() { printf '[setup %(%H:%M:%S)T] %s\n' -1 "$*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: run as root (it installs packages and starts dockerd), e.g. sudo bash .ci/run" >&2
  exit 2
fi

# --- packages ------------------------------------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
pkgs=(xvfb xauth libgtk-3-0 imagemagick xdotool x11-utils fonts-noto-cjk
      docker.io docker-compose docker-registry busybox-static mmdebstrap
      postgresql-client fakeroot rpm xdg-utils binutils curl ca-certificates unzip zstd sudo acl)
need=()
for p in "${pkgs[@]}"; do
  # a machine with its own Docker engine (GitHub's Ubuntu runners: docker-ce and compose v2)
  # keeps it; Debian's docker.io would conflict with docker-ce's containerd.io
  if [ "$p" = docker.io ] && docker info >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  log "installing ${need[*]}"
  apt-get update -q >"$STATE/apt-update.log" 2>&1 || { tail -20 "$STATE/apt-update.log"; exit 1; }
  apt-get install -y -q --no-install-recommends "${need[@]}" >"$STATE/apt-install.log" 2>&1 \
    || { tail -40 "$STATE/apt-install.log"; exit 1; }
fi
# jpackage .debs with a menu entry run xdg-desktop-menu in postinst; a desktop-less machine lacks these.
mkdir -p /usr/share/desktop-directories /usr/share/applications /etc/xdg/menus

# --- Docker engine ---------------------------------------------------------------------------------
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  nohup dockerd >"$STATE/dockerd.log" 2>&1 &
  echo $! >"$STATE/dockerd.pid"
  for _ in $(seq 1 120); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "setup: dockerd did not start:"; tail -50 "$STATE/dockerd.log"; exit 1; }
fi

# --- local registry on 127.0.0.1:5000 (127.0.0.0/8 is an insecure registry by default) -------------
if ! curl -fsS http://127.0.0.1:5000/v2/ >/dev/null 2>&1; then
  log "starting docker-registry on 127.0.0.1:5000"
  mkdir -p "$STATE/registry"
  cat >"$STATE/registry.yml" <<YML
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $STATE/registry}
  delete: {enabled: true}
http:
  addr: 127.0.0.1:5000
YML
  nohup docker-registry serve "$STATE/registry.yml" >"$STATE/registry.log" 2>&1 &
  echo $! >"$STATE/registry.pid"
  for _ in $(seq 1 100); do curl -fsS http://127.0.0.1:5000/v2/ >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fsS http://127.0.0.1:5000/v2/ >/dev/null || { echo "setup: registry did not start"; cat "$STATE/registry.log"; exit 1; }
fi

# --- non-root test user: talks to the engine, cannot read container users' data ----------------------
if ! id berth-it >/dev/null 2>&1; then
  log "creating user berth-it (docker group)"
  useradd --create-home --shell /bin/bash --user-group berth-it
fi
getent group docker >/dev/null || groupadd --system docker
id -nG berth-it | tr ' ' '\n' | grep -qx docker || usermod -aG docker berth-it
# The engine's socket must belong to that group (a dockerd started without it may not).
[ "$(stat -c %G /var/run/docker.sock)" = docker ] || chgrp docker /var/run/docker.sock

# --- SSH server for the remote-host tests (127.0.0.1:2222, own config in $STATE/sshd) ---------------
if ! dpkg-query -W -f='${Status}' openssh-server 2>/dev/null | grep -q "install ok installed"; then
  log "installing openssh-server (the system's ssh service is not started by this script)"
  # Installing the package would start the system sshd on port 22; a temporary policy-rc.d keeps it
  # stopped (Docker images ship one already). Berth's tests start their own sshd below.
  guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && guard=1
  fi
  { apt-get install -y -q --no-install-recommends openssh-server >"$STATE/apt-install-sshd.log" 2>&1 \
    || { apt-get update -q >>"$STATE/apt-install-sshd.log" 2>&1 \
      && apt-get install -y -q --no-install-recommends openssh-server >>"$STATE/apt-install-sshd.log" 2>&1; }; } \
    || { [ -z "$guard" ] || rm -f /usr/sbin/policy-rc.d; tail -40 "$STATE/apt-install-sshd.log"; exit 1; }
  [ -z "$guard" ] || rm -f /usr/sbin/policy-rc.d
fi
BERTH_CI_STATE="$STATE" bash "$ROOT/.ci/sshd.sh"

# --- test bed images (offline base images, demo app; cached, seconds when nothing changed) -----------
"$ROOT/testbed/build-images.sh"
log "docker $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})'), compose $(docker-compose version --short 2>/dev/null || echo none)"
