#!/usr/bin/env bash
# The demo's 1.0.0 -> 1.1.0 upgrade through the CLI on this computer against the same upgrade over
# SSH to the test bed's sshd on 127.0.0.1:2222 (user berth-ssh, .ci/setup.sh), alternating, with
# the same Docker engine behind both. Prints each round's `berth upgrade` wall time and the ratio.
# With BASE=/path/to/another/checkout (built), each round first times that checkout's upgrade, local
# and over SSH, so an old and a new build are compared in the same minutes.
# usage: [BASE=DIR] bench/remote-upgrade.sh [ROUNDS]   (as root; needs a built jar: ./mvnw -B package -DskipTests)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
ROUNDS=${1:-3}
STATE=/var/tmp/berth-ci/sshd
KEY=$STATE/client/id_ed25519
WORK=$(mktemp -d /var/tmp/berth-bench-remote.XXXXXX)
KH=$WORK/known_hosts
for k in "$STATE"/ssh_host_*_key.pub; do
  printf '[127.0.0.1]:2222 %s\n' "$(cut -d' ' -f1,2 "$k")" >>"$KH"
done
SSH=(--host berth-ssh@127.0.0.1:2222 --identity "$KEY" --known-hosts "$KH")
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() {
  for p in $(docker ps -a --filter "label=com.docker.compose.project" --format '{{.Label "com.docker.compose.project"}}' | sort -u | grep '^berth-bench-ru-' || true); do
    docker ps -aq --filter "label=com.docker.compose.project=$p" | xargs -r docker rm -f >/dev/null
    docker volume ls -q --filter "label=com.docker.compose.project=$p" | xargs -r docker volume rm -f >/dev/null
    docker network ls -q --filter "label=com.docker.compose.project=$p" | xargs -r docker network rm >/dev/null
  done
  rm -rf "$WORK" /home/berth-ssh/berth-bench-ru-*
}
trap cleanup EXIT

one() { # one SIDE ROUND [BERTH]: install 1.0.0, then time the upgrade
  local side=$1 r=$2 berth=${3:-./berth} project=berth-bench-ru-$1-$2 dir extra=()
  [ "$berth" = ./berth ] || project=$project-base
  printf 'DB_PASSWORD=bench-%s\nWEB_PORT=%s\n' "$RANDOM$RANDOM" "$(free_port)" >"$WORK/answers"
  if [ "$side" = ssh ]; then dir=/home/berth-ssh/$project; extra=("${SSH[@]}"); else dir=$WORK/$project; fi
  "$berth" install --release demo/releases/1.0.0 --target "$dir" --project "$project" --answers "$WORK/answers" --yes "${extra[@]}" >"$WORK/log" 2>&1 \
    || { tail -20 "$WORK/log"; exit 1; }
  local s; s=$(date +%s%N)
  "$berth" upgrade --install "$dir" --release demo/releases/1.1.0 --yes "${extra[@]}" >"$WORK/log" 2>&1 \
    || { tail -20 "$WORK/log"; exit 1; }
  echo "$(ms "$s")"
  drop "$project" "$dir" # the next upgrade runs beside no leftover app
}
drop() {
  docker ps -aq --filter "label=com.docker.compose.project=$1" | xargs -r docker rm -f >/dev/null
  docker volume ls -q --filter "label=com.docker.compose.project=$1" | xargs -r docker volume rm -f >/dev/null
  docker network ls -q --filter "label=com.docker.compose.project=$1" | xargs -r docker network rm >/dev/null
  rm -rf "$2"
}
ratio() { python3 -c "print(round($2/$1, 2))"; }
BASE=${BASE:-}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$BASE" ]; then
  printf 'round  BASE local  BASE ssh  ratio   local ms  ssh ms  ratio\n'
else
  printf 'round  local ms  ssh ms  ratio\n'
fi
for r in $(seq "$ROUNDS"); do
  if [ -n "$BASE" ]; then
    bl=$(one local "$r" "$BASE/berth"); bs=$(one ssh "$r" "$BASE/berth")
    l=$(one local "$r"); s=$(one ssh "$r")
    printf '%-6s %10s %9s  %5s  %9s %7s  %s\n' "$r" "$bl" "$bs" "$(ratio "$bl" "$bs")" "$l" "$s" "$(ratio "$l" "$s")"
  else
    l=$(one local "$r"); s=$(one ssh "$r")
    printf '%-6s %8s %7s  %s\n' "$r" "$l" "$s" "$(ratio "$l" "$s")"
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
