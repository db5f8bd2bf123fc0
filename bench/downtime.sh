#!/usr/bin/env bash
# Downtime of Berth's full upgrade of the demo app (1.0.0 -> 1.1.0, two-phase backup and pg_dump
# included) against the floor of the same upgrade by hand: `docker-compose stop`, the new files,
# `docker-compose up -d`, wait until healthy, images already present.
#
# Each run installs a fresh 1.0.0 (`berth install`), grows it to DATA_MIB of DATA_DIR files
# (hard links to one generated tree: mixed big random files, compressible text, small files) and
# ROWS database rows, then upgrades it one way or the other. Berth and the floor alternate.
# Downtime is read the same way for both, from `docker events` of the project: from the first
# `kill` (the first service asked to stop) to the last `health_status: healthy` of db and web on
# the new version. For Berth it also prints the window its --json-events give (stop-app started
# -> verify finished) and the time of each step inside it.
#
# Needs: a built jar (./mvnw -B package -DskipTests), docker, docker-compose, python3, the demo
# images (demo/build-images.sh). Projects are named berth-bench-dt-<pid>-<n>; each is removed
# with its volumes, folder and backups right after its run; WORK with the generated tree (1 GiB)
# at the end, unless KEEP_DATA=1 keeps it for the next run.
# With BASE_CP set to the class path of another build (e.g. a copy of target/berth.jar and
# target/lib/* from before a change), a third side "base" runs that build in the same rotation.
# usage: bench/downtime.sh [ROUNDS]   (env: WORK, DATA_MIB=1024, ROWS=100000, BASE_CP, KEEP_DATA=1, KEEP=1 keeps the last install)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
PAIRS=${1:-3}
WORK=${WORK:-/var/tmp/berth-bench-downtime}
DATA_MIB=${DATA_MIB:-1024}
ROWS=${ROWS:-100000}
JAVA_HOME=${JAVA_HOME:-$("$ROOT/scripts/find-jdk.sh")}
CP="$ROOT/target/berth.jar:$ROOT/target/lib/*"
BERTH=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.berth.Main)
BASE=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "${BASE_CP:-}" dev.berth.Main)
KINDS=(floor berth)
[ -n "${BASE_CP:-}" ] && KINDS+=(base)
REL="$ROOT/demo/releases"
PREFIX="berth-bench-dt-$$-"
OUT="$ROOT/bench/target/downtime"
mkdir -p "$WORK" "$OUT"
# Berth's own folders (backups, run journals) go under WORK, not the user's home.
export XDG_DATA_HOME="$WORK/xdg-data" XDG_STATE_HOME="$WORK/xdg-state" XDG_CONFIG_HOME="$WORK/xdg-config"

[ -f "$ROOT/target/berth.jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 2; }
for v in 1.0.0 1.1.0; do
  for s in web db; do
    docker image inspect "berth-demo/$s:$v" >/dev/null 2>&1 || { echo "missing berth-demo/$s:$v: run demo/build-images.sh" >&2; exit 2; }
  done
done

CURRENT=""
EVENTS_PID=""
remove_install() { # dir project
  local dir=$1 project=$2
  [ -n "$EVENTS_PID" ] && kill "$EVENTS_PID" 2>/dev/null || true
  EVENTS_PID=""
  if [ -f "$dir/docker-compose.yml" ]; then
    (cd "$dir" && docker-compose --ansi never -p "$project" down -v --remove-orphans -t 5 >/dev/null 2>&1) || true
  fi
  ids=$(docker ps -aq --filter "label=com.docker.compose.project=$project")
  [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
  vols=$(docker volume ls -q --filter "label=com.docker.compose.project=$project")
  [ -n "$vols" ] && docker volume rm $vols >/dev/null 2>&1 || true
  for tag in $(docker images --format '{{.Repository}}:{{.Tag}}' "berth-rollback/$project-*"); do docker rmi "$tag" >/dev/null 2>&1 || true; done
  rm -rf "$dir" "$XDG_DATA_HOME/berth/backups/$project" 2>/dev/null || true
}
cleanup() {
  if [ -n "$CURRENT" ] && [ -z "${KEEP:-}" ]; then remove_install $CURRENT; fi
  if [ -z "${KEEP_DATA:-}" ] && [ -z "${KEEP:-}" ]; then
    # only what this script made: WORK itself may be a folder of the user's
    rm -rf "$WORK"/golden-* "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"
    rmdir "$WORK" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# --- the data tree, generated once: 1/2 random (photos), 1/4 text (1 MiB files), 1/4 small files ---
GOLDEN="$WORK/golden-$DATA_MIB"
if [ ! -f "$GOLDEN/.complete" ]; then
  echo "generating $DATA_MIB MiB of data files in $GOLDEN"
  rm -rf "$GOLDEN"
  python3 - "$GOLDEN" "$DATA_MIB" <<'PY'
import os, random, sys
root, mib = sys.argv[1], int(sys.argv[2])
rnd = random.Random(42)
words = [("%x" % rnd.getrandbits(24)) for _ in range(5000)]
def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
big = mib // 2 // 8                      # 8 MiB random files
for i in range(big):
    write(f"{root}/photos/{i // 16:02d}/img-{i:04d}.bin", os.urandom(8 << 20))
text = mib // 4                          # 1 MiB text files
for i in range(text):
    line = " ".join(rnd.choice(words) for _ in range(120)) + "\n"
    data = (line * ((1 << 20) // len(line) + 1)).encode()[: 1 << 20]
    write(f"{root}/docs/{i // 64:02d}/doc-{i:04d}.txt", data)
small = (mib - big * 8 - text) * 1024 // 10 + 16   # 10 KiB files, the rest
for i in range(small):
    write(f"{root}/records/{i // 1000:03d}/rec-{i:06d}.json", os.urandom(5 << 10) + (b"{}\n" * 1750)[: 5 << 10])
PY
  touch "$GOLDEN/.complete"
fi
echo "data: $(du -sm "$GOLDEN" | cut -f1) MiB in $(find "$GOLDEN" -type f | wc -l) files"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ns() { date +%s%N; }

# Installs 1.0.0 and grows it; prints nothing. Arguments: dir project
setup_install() {
  local dir=$1 project=$2 answers="$WORK/answers-$project.env"
  printf 'DB_PASSWORD=bench-%s\nWEB_PORT=%s\nAPP_TITLE=Downtime bench\n' "$RANDOM$RANDOM" "$(free_port)" >"$answers"
  "${BERTH[@]}" install --release "$REL/1.0.0" --target "$dir" --project "$project" --answers "$answers" --yes \
    >"$OUT/install.log" 2>&1 || { echo "install failed:"; tail -20 "$OUT/install.log"; exit 1; }
  rm -f "$answers"
  local db
  db=$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=db)
  docker exec "$db" psql -X -q -U demo -d demo -c \
    "INSERT INTO records (body, created_at) SELECT 'record ' || g || ' ' || md5(g::text) || repeat(' lorem ipsum', 1 + g % 20), now() - g * interval '1 minute' FROM generate_series(1, $ROWS) g; CHECKPOINT;" >/dev/null
  mkdir -p "$dir/data"
  cp -al "$GOLDEN" "$dir/data/bulk"
  rm -f "$dir/data/bulk/.complete"
  sync
}

# Starts recording the project's container events into $1.
record_events() { # file project
  docker events --filter "label=com.docker.compose.project=$2" --filter type=container \
    --format '{{.TimeNano}} {{index .Actor.Attributes "com.docker.compose.service"}} {{.Actor.Attributes.image}} {{.Action}}' >"$1" &
  EVENTS_PID=$!
  sleep 1 # docker events needs a moment before it reports
}

# Downtime in ms from an events file: first kill -> last "healthy" of db and web on version 1.1.0.
downtime_ms() {
  awk '
    $4 == "kill" && !t0 { t0 = $1 }
    $4 == "health_status:" && $5 == "healthy" && $3 ~ /:1\.1\.0$/ { last[$2] = $1 }
    END {
      if (!t0 || !("db" in last) || !("web" in last)) { print "NA"; exit }
      t1 = last["db"] > last["web"] ? last["db"] : last["web"]
      printf "%d\n", (t1 - t0) / 1e6
    }' "$1"
}

wait_healthy() { # project services...
  local project=$1; shift
  local deadline=$(( $(date +%s) + 300 ))
  while :; do
    local ok=1
    for s in "$@"; do
      id=$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$s")
      [ -n "$id" ] && [ "$(docker inspect -f '{{.State.Health.Status}}' "$id")" = healthy ] || ok=0
    done
    [ $ok = 1 ] && return 0
    [ "$(date +%s)" -gt $deadline ] && { echo "not healthy after 300 s: $project" >&2; return 1; }
    sleep 0.2
  done
}

run_floor() { # dir project events
  local dir=$1 project=$2
  record_events "$3" "$project"
  (
    cd "$dir"
    docker-compose --ansi never -p "$project" stop >/dev/null 2>&1
    cp "$REL/1.1.0/docker-compose.yml" docker-compose.yml
    cp "$REL/1.1.0/config/app.yaml" config/app.yaml
    docker-compose --ansi never -p "$project" up -d >"$OUT/floor-up.log" 2>&1
  ) || { echo "floor upgrade failed:"; tail "$OUT/floor-up.log"; exit 1; }
  wait_healthy "$project" db web
  sleep 1
  kill "$EVENTS_PID"; EVENTS_PID=""
}

run_berth() { # dir project events jsonl [base]
  local dir=$1 project=$2
  local -a cmd=("${BERTH[@]}")
  [ -n "${5:-}" ] && cmd=("${BASE[@]}")
  record_events "$3" "$project"
  "${cmd[@]}" upgrade --install "$dir" --release "$REL/1.1.0" --yes --json-events >"$4" 2>"$OUT/berth-upgrade.log" \
    || { echo "berth upgrade failed:"; tail -30 "$OUT/berth-upgrade.log"; exit 1; }
  # Berth may see the services healthy before the engine's next check (it runs their healthcheck
  # itself); the downtime is read from the engine's events for both sides, so wait for them too.
  wait_healthy "$project" db web
  sleep 1
  kill "$EVENTS_PID"; EVENTS_PID=""
}

# Berth's window and its steps from the JSON events: "window_ms step=ms step=ms ...".
berth_steps() {
  python3 - "$1" <<'PY'
import json, re, sys
from datetime import datetime
ev = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
def t(e):
    s = re.sub(r"(\.\d{6})\d*", r"\1", e["time"]).replace("Z", "+00:00")
    return datetime.fromisoformat(s).timestamp()
start, steps = {}, []
for e in ev:
    if e.get("type") == "step-started": start[e["step"]] = t(e)
    if e.get("type") == "step-finished" and e["step"] in start:
        steps.append((e["step"], start[e["step"]], t(e)))
t0 = next((s for n, s, _ in steps if n.startswith("stop")), None)
t1 = next((f for n, _, f in steps if n.startswith("verify")), None)
win = "NA" if t0 is None or t1 is None else "%d" % ((t1 - t0) * 1000)
inside = " ".join("%s=%d" % (n, (f - s) * 1000) for n, s, f in steps if t0 is not None and s >= t0 - 0.001 and (t1 is None or f <= t1 + 0.001))
before = " ".join("%s=%d" % (n, (f - s) * 1000) for n, s, f in steps if t0 is not None and f < t0 - 0.001)
print(win, "| in window:", inside, "| before:", before)
PY
}

echo "engine: $(docker version --format '{{.Server.Version}}'), $(docker-compose version --short), $(nproc) cores"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s %-6s %12s %14s  %s\n' run kind "downtime ms" "berth window" "load"
results="$OUT/results.txt"
: >"$results"
n=0
for pair in $(seq 1 "$PAIRS"); do
  # rotate which side goes first so that a trend in the load does not favour one side
  order=""
  for i in "${!KINDS[@]}"; do order="$order ${KINDS[$(( (i + pair - 1) % ${#KINDS[@]} ))]}"; done
  for kind in $order; do
    n=$((n + 1))
    project="$PREFIX$n"
    dir="$WORK/$project"
    CURRENT="$dir $project"
    setup_install "$dir" "$project"
    events="$OUT/events-$n-$kind.txt"
    window="-"
    if [ "$kind" = floor ]; then
      run_floor "$dir" "$project" "$events"
    else
      run_berth "$dir" "$project" "$events" "$OUT/$kind-$n.jsonl" "$([ "$kind" = base ] && echo base)"
      steps=$(berth_steps "$OUT/$kind-$n.jsonl")
      window=${steps%% *}
    fi
    d=$(downtime_ms "$events")
    load=$(cut -d' ' -f1 /proc/loadavg)
    printf '%-4s %-6s %12s %14s  %s\n' "$n" "$kind" "$d" "$window" "$load"
    echo "$kind $d $load" >>"$results"
    [ "$kind" != floor ] && echo "     steps: ${steps#* }"
    if [ -n "${KEEP:-}" ] && [ "$pair" = "$PAIRS" ] && [ "$kind" = "${order##* }" ]; then
      echo "kept: $dir (project $project)"; CURRENT=""
    else
      remove_install "$dir" "$project"; CURRENT=""
    fi
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for k in "${KINDS[@]}"; do
  grep "^$k " "$results" | awk '{print $2}' | sort -n | awk -v k="$k" '
    { a[NR] = $1 }
    END { if (NR) printf "%-6s median %6d ms  min %6d  max %6d  (n=%d)\n", k, a[int((NR + 1) / 2)], a[1], a[NR], NR }'
done | tee "$OUT/summary.txt"
awk '{m[$1] = $3} END { if (m["floor"] > 0) { printf "ratio berth/floor (medians): %.2f (goal <= 1.2)\n", m["berth"] / m["floor"]
  if (m["base"] > 0) printf "ratio base/floor (medians): %.2f\n", m["base"] / m["floor"] } }' "$OUT/summary.txt"
