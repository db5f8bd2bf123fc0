#!/usr/bin/env bash
# Benchmark of `berth scan` on a real engine: 50 compose projects, 200 busybox containers.
# Measures, in one run and several repetitions each:
#   floor      `docker ps -a -q` + one `docker inspect` of all containers (what any scan must ask)
#   berth      `java -cp target/berth.jar:target/lib/* dev.berth.Main scan --json`, process start included
#   berth-aot  the same with a JDK 25 AOT cache trained on one scan (-XX:AOTCache)
#   warm       scans inside one JVM with the client connected (bench/ScanLoop.java)
# Needs: a built jar (./mvnw -B package -DskipTests), docker, docker-compose, /bin/busybox.
# Creates only projects named berth-bench-docker-NN and removes them (and their folder) at exit.
# usage: bench/scan-bench.sh [REPETITIONS]   (env: PROJECTS=50 SERVICES=4 KEEP=1 to keep the projects)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
REPS=${1:-10}
PROJECTS=${PROJECTS:-50}
SERVICES=${SERVICES:-4}
IMAGE=berth-it/busybox:1
PREFIX=berth-bench-docker-
JAVA_HOME=${JAVA_HOME:-$("$ROOT/scripts/find-jdk.sh")}
JAVA="$JAVA_HOME/bin/java"
CP="$ROOT/target/berth.jar:$ROOT/target/lib/*"
WORK=$(mktemp -d /tmp/berth-bench.XXXXXX)
OUT="$ROOT/bench/target"
mkdir -p "$OUT"

[ -f "$ROOT/target/berth.jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 2; }

cleanup() {
  if [ -z "${KEEP:-}" ]; then
    ids=$(docker ps -aq --filter "name=^/${PREFIX}")
    [ -n "$ids" ] && docker rm -f $ids >/dev/null
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

ms() { date +%s%N | cut -b1-13; }

# --- the image: busybox from the host, no registry needed --------------------------------------
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  cp /bin/busybox "$rootfs/bin/busybox"
  for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$rootfs/bin/$a"; done
  tar -C "$rootfs" -c . | docker import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' - "$IMAGE" >/dev/null
  rm -rf "$rootfs"
fi

# --- 50 projects x 4 services, no networks (the default address pools allow ~30 networks) -------
t0=$(ms)
for i in $(seq -w 1 "$PROJECTS"); do
  dir="$WORK/app$i"
  mkdir -p "$dir"
  {
    echo 'version: "2.4"'
    echo 'services:'
    for s in $(seq 1 "$SERVICES"); do
      echo "  svc$s: {image: $IMAGE, command: [sleep, \"1000000\"], init: true, network_mode: none}"
    done
  } >"$dir/docker-compose.yml"
  (cd "$dir" && docker-compose --ansi never -p "$PREFIX$i" up -d >/dev/null 2>&1) &
  if (( 10#$i % 5 == 0 )); then wait; fi
done
wait
count=$(docker ps -q --filter "name=^/${PREFIX}" | wc -l)
echo "setup: $PROJECTS projects, $count containers running in $(( $(ms) - t0 )) ms"
echo "engine: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})'), all containers: $(docker ps -aq | wc -l)"

# --- timing helper: runs a command REPS times, prints min/median/mean in ms ---------------------
measure() {
  local label=$1; shift
  local times=()
  "$@" >/dev/null 2>&1 # warm the disk cache
  for _ in $(seq 1 "$REPS"); do
    local s e
    s=$(ms); "$@" >/dev/null 2>"$OUT/last-stderr.txt" || { echo "$label failed:"; cat "$OUT/last-stderr.txt"; exit 1; }; e=$(ms)
    times+=($((e - s)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" '{a[NR]=$1; s+=$1} END {printf "%-34s min %5d ms  median %5d ms  mean %5d ms  (n=%d)\n", l, a[1], a[int((NR+1)/2)], s/NR, NR}'
}

floor() { docker inspect $(docker ps -aq) >/dev/null; }
berth() { "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.berth.Main scan --json "$@"; }
berth_aot() { "$JAVA" --enable-native-access=ALL-UNNAMED -XX:AOTCache="$OUT/berth.aot" -cp "$CP" dev.berth.Main scan --json "$@"; }

"$JAVA" -XX:AOTCacheOutput="$OUT/berth.aot" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.berth.Main scan --json \
  >/dev/null 2>"$OUT/aot-training.log" || { echo "AOT training failed:"; tail "$OUT/aot-training.log"; }
installs=$(berth | grep -c '"project"')
echo "berth scan --json finds $installs installs"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

measure "floor: docker ps -a + inspect all" floor
measure "berth scan --json" berth
measure "berth scan --json (AOT cache)" berth_aot
measure "berth scan --json --no-drift" berth --no-drift
measure "berth scan --json --no-drift --no-sizes" berth --no-drift --no-sizes
measure "berth --version (JVM + picocli only)" "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.berth.Main --version

mkdir -p "$OUT/classes"
"$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$CP" "$ROOT/bench/ScanLoop.java"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$OUT/classes:$CP" ScanLoop 10 "$((REPS * 2))"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$OUT/classes:$CP" ScanLoop 10 "$((REPS * 2))" fast
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
