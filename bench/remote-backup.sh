#!/usr/bin/env bash
# Backup of a server's install over SSH (test bed sshd on 127.0.0.1:2222, user berth-ssh): kept on
# the server (`berth backup --host`, the default) against also copying it to this computer
# (`berth backups --host --copy-to`, streamed, SHA-256 compared, verified entry by entry).
# The demo is installed on the server and its data folder grown by MIB of mixed files first.
# With BASE=/path/to/another/checkout (built), each round first times that checkout's `berth backup`
# of the same install, for a before/after ratio measured side by side. "phase 2" is the copy made
# while the app is stopped, as the run's log says it ("Copied what changed since the app stopped").
# usage: [BASE=DIR] bench/remote-backup.sh [ROUNDS] [MIB]   (as root; needs a built jar: ./mvnw -B package -DskipTests)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
ROUNDS=${1:-3}
MIB=${2:-512}
STATE=/var/tmp/berth-ci/sshd
KEY=$STATE/client/id_ed25519
WORK=$(mktemp -d /var/tmp/berth-bench-rbackup.XXXXXX)
KH=$WORK/known_hosts
for k in "$STATE"/ssh_host_*_key.pub; do
  printf '[127.0.0.1]:2222 %s\n' "$(cut -d' ' -f1,2 "$k")" >>"$KH"
done
SSH=(--host berth-ssh@127.0.0.1:2222 --identity "$KEY" --known-hosts "$KH")
PROJECT=berth-bench-rb-$RANDOM
DIR=/home/berth-ssh/$PROJECT
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
phase2() { grep -o 'Copied what changed since the app stopped in [0-9]* ms' "$WORK/log" | tail -1 | tr -dc '0-9'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() {
  docker ps -aq --filter "label=com.docker.compose.project=$PROJECT" | xargs -r docker rm -f >/dev/null
  docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT" | xargs -r docker volume rm -f >/dev/null
  docker network ls -q --filter "label=com.docker.compose.project=$PROJECT" | xargs -r docker network rm >/dev/null
  rm -rf "$WORK" "$DIR" /home/berth-ssh/berth-bench-rb-backups-*
}
trap cleanup EXIT

printf 'DB_PASSWORD=bench-%s\nWEB_PORT=%s\n' "$RANDOM$RANDOM" "$(free_port)" >"$WORK/answers"
./berth install --release demo/releases/1.0.0 --target "$DIR" --project "$PROJECT" --answers "$WORK/answers" --yes "${SSH[@]}" >"$WORK/log" 2>&1 \
  || { tail -20 "$WORK/log"; exit 1; }
# Mixed data: half incompressible, half text, in files of 1-8 MiB.
python3 - "$DIR/data/bulk" "$MIB" <<'PY'
import os, sys, random
root, mib = sys.argv[1], int(sys.argv[2])
os.makedirs(root, exist_ok=True)
random.seed(7)
left, i = mib << 20, 0
while left > 0:
    n = min(left, random.randint(1, 8) << 20)
    with open(os.path.join(root, f"f{i:04d}.{'bin' if i % 2 else 'txt'}"), "wb") as f:
        if i % 2:
            f.write(os.urandom(n))
        else:
            line = (f"record {i} " + "lorem ipsum dolor sit amet " * 3 + "\n").encode()
            f.write((line * (n // len(line) + 1))[:n])
    left -= n; i += 1
PY
chown -R berth-ssh: "$DIR/data/bulk"
SIZE=$(du -sb "$DIR" | cut -f1)
echo "install on the server: $((SIZE >> 20)) MiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
BASE=${BASE:-}
if [ -n "$BASE" ]; then
  printf 'round  BASE kept ms  MB/s  phase 2 ms   '
fi
printf 'round  kept on server ms  MB/s  phase 2 ms   + copy to desktop ms  MB/s   copy/keep\n'
for r in $(seq "$ROUNDS"); do
  out=/home/berth-ssh/berth-bench-rb-backups-$r
  if [ -n "$BASE" ]; then
    s=$(date +%s%N)
    "$BASE/berth" backup --install "$DIR" --out "$out-base" --yes "${SSH[@]}" >"$WORK/log" 2>&1 || { tail -20 "$WORK/log"; exit 1; }
    base=$(ms "$s")
    python3 -c "import sys; r,b,size,p2=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]),sys.argv[4]; print(f'{r:<6} {b:>12} {size/1e6/b*1000:6.1f} {p2:>11}   ', end='')" "$r" "$base" "$SIZE" "$(phase2)"
  fi
  s=$(date +%s%N)
  ./berth backup --install "$DIR" --out "$out" --yes "${SSH[@]}" >"$WORK/log" 2>&1 || { tail -20 "$WORK/log"; exit 1; }
  keep=$(ms "$s")
  p2=$(phase2)
  rm -rf "$WORK/copies"; mkdir -p "$WORK/copies"
  s=$(date +%s%N)
  ./berth backups --copy-to "$WORK/copies" "${SSH[@]}" "$out" >"$WORK/log" 2>&1 || { tail -20 "$WORK/log"; exit 1; }
  copy=$(ms "$s")
  ls "$WORK/copies"/*.berth >/dev/null
  python3 - "$r" "$keep" "$copy" "$SIZE" "$p2" <<'PY'
import sys
r, keep, copy, size, p2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
mb = size / 1e6
print(f"{r:<6} {keep:>17} {mb / keep * 1000:6.1f} {p2:>11}   {keep + copy:>20} {mb / (keep + copy) * 1000:6.1f}   {(keep + copy) / keep:.2f}")
PY
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
