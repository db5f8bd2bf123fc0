#!/usr/bin/env bash
# Builds the test bed's images without any internet registry and pushes them to the local one:
#   busybox:1.36  from Debian's busybox-static
#   postgres:15   Debian bookworm + postgresql-15 (mmdebstrap) with the official image's entrypoint contract
#   mariadb:10.11 Debian bookworm + mariadb-server (mmdebstrap) with the official image's environment contract
#   berth-demo/*  every release of the demo app (demo/build-images.sh)
# and tags them REGISTRY/<name> on the local registry (default 127.0.0.1:5000) so pulls are testable.
#
# usage: testbed/build-images.sh [--no-push]      (as root, or a member of the docker group once the
#        postgres root file system is cached; building that needs root for mmdebstrap)
# env:   BERTH_CI_STATE (default /var/tmp/berth-ci; the cache lives in $BERTH_CI_STATE/cache),
#        BERTH_REGISTRY (default 127.0.0.1:5000), BERTH_DEBIAN_MIRROR (optional Debian mirror URL)
#
# Cached: each image carries the label dev.berth.testbed.inputs=<hash of its build inputs> and is
# only rebuilt when that hash changes; the postgres root file system tarball is kept in the cache
# keyed by the hash of its own inputs. An image of the same name WITHOUT the label is a real upstream
# image someone pulled: it is used as it is, never overwritten.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd -P)
ROOT=$(cd "$HERE/.." && pwd -P)
STATE=${BERTH_CI_STATE:-/var/tmp/berth-ci}
CACHE=$STATE/cache
REGISTRY=${BERTH_REGISTRY:-127.0.0.1:5000}
LABEL=dev.berth.testbed.inputs
PUSH=yes
for arg; do
  case $arg in
    --no-push) PUSH=no ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "build-images: unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$CACHE"
export DOCKER_BUILDKIT=0 # the engine is 20.10 and buildx is not installed: the classic builder, quietly

log() { printf '[images %(%H:%M:%S)T] %s\n' -1 "$*"; }
t0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# hash_inputs DIR PATH... : a short hash over the names and contents of the files below DIR/PATH...
hash_inputs() {
  local dir=$1; shift
  (cd "$dir" && find "$@" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}
# Images of ours that a rebuild replaced; removed at the end, once nothing refers to them.
REPLACED=()
replaced() { local id; id=$(docker image inspect --format '{{.Id}}' "$1" 2>/dev/null) && REPLACED+=("$id") || true; }
label_of() { docker image inspect --format "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null || true; }
exists() { docker image inspect "$1" >/dev/null 2>&1; }

# up_to_date IMAGE HASH: 0 when IMAGE is ours with HASH, or is a real upstream image (no label).
up_to_date() {
  local image=$1 hash=$2 have
  exists "$image" || return 1
  have=$(label_of "$image")
  if [ -z "$have" ] || [ "$have" = "<no value>" ]; then
    log "$image exists without the $LABEL label (a real upstream image): using it as it is"
    return 0
  fi
  [ "$have" = "$hash" ]
}

# push IMAGE: tag it REGISTRY/IMAGE and push unless the registry already holds exactly this image
# (its manifest's config digest is the image id).
push() {
  local image=$1 target=$REGISTRY/$1 repo tag remote id
  repo=${image%:*}; tag=${image##*:}
  id=$(docker image inspect --format '{{.Id}}' "$image")
  remote=$(curl -fsS -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$repo/manifests/$tag" 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["config"]["digest"])' 2>/dev/null || true)
  docker tag "$image" "$target"
  if [ "$remote" = "$id" ]; then
    return 0
  fi
  local s; s=$(date +%s%N)
  docker push "$target" >"$STATE/push.log" 2>&1 || { cat "$STATE/push.log"; echo "build-images: push of $target failed" >&2; exit 1; }
  log "pushed $target ($(ms "$s") ms)"
}

# --- busybox:1.36 ----------------------------------------------------------------------------------
build_busybox() {
  local image=busybox:1.36 hash bb dir s
  bb=$(command -v busybox || echo /bin/busybox)
  [ -x "$bb" ] || { echo "build-images: $bb is missing: apt-get install busybox-static" >&2; exit 1; }
  hash=$( { hash_inputs "$HERE" busybox; sha256sum <"$bb"; } | sha256sum | cut -c1-16)
  if up_to_date "$image" "$hash"; then return 0; fi
  replaced "$image"
  s=$(date +%s%N)
  dir=$(mktemp -d)
  "$HERE/busybox/rootfs.sh" "$dir/rootfs"
  tar -C "$dir/rootfs" --numeric-owner -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["sh"]' -c "LABEL $LABEL=$hash" \
    -m "offline stand-in for busybox:1.36 (Berth test bed)" - "$image" >/dev/null
  rm -rf "$dir"
  log "built $image ($(ms "$s") ms)"
}

# --- postgres:15 and mariadb:10.11: Debian root file systems ----------------------------------------
# build_debian IMAGE DIR KEY DESCRIPTION: DIR holds rootfs.sh (mmdebstrap), its hooks, a Dockerfile and
# an entrypoint. The root file system tarball is cached as $CACHE/KEY-rootfs-<hash>.tar and imported
# as berth-testbed/KEY-rootfs:<hash>; the image is rebuilt when any input changes.
build_debian() {
  local image=$1 dir=$2 key=$3 description=$4 fs_hash hash tar rootfs_image s
  fs_hash=$( { hash_inputs "$dir" rootfs.sh essential-hook.sh customize-hook.sh; echo "${BERTH_DEBIAN_MIRROR:-}"; } \
    | sha256sum | cut -c1-16)
  hash=$( { echo "$fs_hash"; hash_inputs "$dir" Dockerfile .dockerignore docker-entrypoint.sh; } | sha256sum | cut -c1-16)
  if up_to_date "$image" "$hash"; then return 0; fi

  tar=$CACHE/$key-rootfs-$fs_hash.tar
  rootfs_image=berth-testbed/$key-rootfs:$fs_hash
  if ! exists "$rootfs_image"; then
    if [ ! -s "$tar" ]; then
      [ "$(id -u)" = 0 ] || { echo "build-images: building the $image root file system needs root (mmdebstrap)" >&2; exit 2; }
      command -v mmdebstrap >/dev/null || { echo "build-images: mmdebstrap is missing: apt-get install mmdebstrap" >&2; exit 1; }
      log "bootstrapping the $image root file system (mmdebstrap, about a minute)"
      s=$(date +%s%N)
      rm -f "$CACHE/$key"-rootfs-*.tar "$CACHE/$key"-rootfs-*.tar.part
      "$dir/rootfs.sh" "$tar.part" >"$STATE/mmdebstrap-$key.log" 2>&1 \
        || { tail -40 "$STATE/mmdebstrap-$key.log"; echo "build-images: mmdebstrap failed (log: $STATE/mmdebstrap-$key.log)" >&2; exit 1; }
      mv "$tar.part" "$tar"
      log "root file system $(du -h "$tar" | cut -f1) in $(ms "$s") ms"
    fi
    s=$(date +%s%N)
    docker import -m "$description (Berth test bed)" "$tar" "$rootfs_image" >/dev/null
    log "imported $rootfs_image ($(ms "$s") ms)"
  fi
  replaced "$image"
  s=$(date +%s%N)
  docker build -q --build-arg "ROOTFS=$rootfs_image" --label "$LABEL=$hash" -t "$image" "$dir" >"$STATE/build-$key.log" 2>&1 \
    || { cat "$STATE/build-$key.log"; exit 1; }
  log "built $image ($(ms "$s") ms)"
  # Older root file systems of ours are dead weight now.
  docker image ls --format '{{.Repository}}:{{.Tag}}' "berth-testbed/$key-rootfs" | grep -vxF "$rootfs_image" \
    | xargs -r docker rmi >/dev/null 2>&1 || true
}

if [ "$PUSH" = yes ]; then
  curl -fsS "http://$REGISTRY/v2/" >/dev/null \
    || { echo "build-images: no registry at $REGISTRY (.ci/setup.sh starts one); use --no-push to skip" >&2; exit 1; }
fi
build_busybox
build_debian postgres:15 "$HERE/postgres" postgres15 "Debian bookworm + postgresql-15"
build_debian mariadb:10.11 "$HERE/mariadb" mariadb1011 "Debian bookworm + mariadb-server 10.11"
if [ "$PUSH" = yes ]; then
  push busybox:1.36
  push postgres:15
  push mariadb:10.11
  "$ROOT/demo/build-images.sh" --push "$REGISTRY"
else
  "$ROOT/demo/build-images.sh"
fi
# Untagged by the rebuild; a failure only means something else still uses it (a container, a tag).
for id in "${REPLACED[@]}"; do
  docker rmi "$id" >/dev/null 2>&1 || true
done
log "images ready in $(ms "$t0") ms: $(docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' \
  | grep -E '^(busybox:1.36|postgres:15|mariadb:10.11|berth-demo/)' | sort | paste -sd, | sed 's/,/, /g')"
