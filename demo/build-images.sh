#!/usr/bin/env bash
# Builds the images of every berth-demo release (demo/releases/<version>/<service>/Dockerfile ->
# berth-demo/<service>:<version>) and, with --push, pushes them to REGISTRY as
# REGISTRY/berth-demo/<service>:<version>, which is what the compose files pull when
# BERTH_DEMO_REGISTRY=REGISTRY/ is set.
#
# usage: demo/build-images.sh [--push REGISTRY]      e.g. --push 127.0.0.1:5000
#
# The contexts build FROM postgres:15 (and could use busybox:1.36): the official images where
# Docker Hub is reachable, the test bed's stand-ins (testbed/build-images.sh) elsewhere. An image
# is rebuilt only when its context or its base image changed (label dev.berth.testbed.inputs).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd -P)
LABEL=dev.berth.testbed.inputs
REGISTRY=
while [ $# -gt 0 ]; do
  case $1 in
    --push) REGISTRY=${2:?--push needs a registry, e.g. 127.0.0.1:5000}; shift 2 ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "demo/build-images.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
export DOCKER_BUILDKIT=0 # engine 20.10 without buildx: the classic builder

log() { printf '[demo %(%H:%M:%S)T] %s\n' -1 "$*"; }
label_of() { docker image inspect --format "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null || true; }

built=0 kept=0 pushed=0
replaced=() # image ids a rebuild untagged; removed at the end

for release in "$HERE"/releases/*/; do
  version=$(basename "$release")
  for dockerfile in "$release"*/Dockerfile; do
    [ -e "$dockerfile" ] || continue
    context=$(dirname "$dockerfile")
    service=$(basename "$context")
    image=berth-demo/$service:$version
    grep -q "berth-demo/$service:$version" "$release/docker-compose.yml" \
      || { echo "demo: $release/docker-compose.yml does not use $image; fix the image: line" >&2; exit 1; }
    base=$(sed -n 's/^FROM[[:space:]]\+\([^[:space:]]\+\).*/\1/p' "$dockerfile" | head -1)
    base_id=$(docker image inspect --format '{{.Id}}' "$base" 2>/dev/null) \
      || { echo "demo: base image $base of $image is missing (testbed/build-images.sh builds it offline)" >&2; exit 1; }
    hash=$( { (cd "$context" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); echo "$base_id"; } \
      | sha256sum | cut -c1-16)
    if [ "$(label_of "$image")" = "$hash" ]; then
      kept=$((kept + 1))
    else
      old=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null) && replaced+=("$old")
      s=$(date +%s%N)
      out=$(docker build -q --label "$LABEL=$hash" -t "$image" "$context" 2>&1) \
        || { echo "$out"; echo "demo: building $image failed" >&2; exit 1; }
      built=$((built + 1))
      log "built $image ($(( ($(date +%s%N) - s) / 1000000 )) ms)"
    fi
    if [ -n "$REGISTRY" ]; then
      id=$(docker image inspect --format '{{.Id}}' "$image")
      remote=$(curl -fsS -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
        "http://$REGISTRY/v2/berth-demo/$service/manifests/$version" 2>/dev/null \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["config"]["digest"])' 2>/dev/null || true)
      docker tag "$image" "$REGISTRY/$image"
      if [ "$remote" != "$id" ]; then
        out=$(docker push "$REGISTRY/$image" 2>&1) || { echo "$out"; echo "demo: pushing $REGISTRY/$image failed" >&2; exit 1; }
        pushed=$((pushed + 1))
      fi
    fi
  done
done
for id in "${replaced[@]}"; do
  docker rmi "$id" >/dev/null 2>&1 || true # still used by a container or another tag: keep it
done
log "demo images: $built built, $kept up to date${REGISTRY:+, $pushed pushed to $REGISTRY}"
