#!/usr/bin/env bash
# Benchmark of `berth scan` on a real engine: 50 compose projects, 200 busybox containers.
# Measures, in one run and several repetitions each:
#   floor      `docker ps -a -q` + one `docker inspect` of all containers (what any scan must ask)
#   berth      `java -cp target/berth.jar:target/lib/* dev.berth.Main scan --json`, process start included
#   berth-aot  the same with a JDK 25 AOT cache trained on one scan (-XX:AOTCache)
#   ./berth    the source launcher as users run it (C1 only, serial GC, class-data archive)
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
existing=$(docker ps -q --filter "name=^/${PREFIX}" | wc -l)
[ "$existing" -eq $((PROJECTS * SERVICES)) ] && PROJECTS_READY=1 # kept from a KEEP=1 run
for i in $(seq -w 1 "$PROJECTS"); do
  dir="$WORK/app$i"
  [ -n "${PROJECTS_READY:-}" ] && break
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

# --- timing helper: runs a command REPS times; wall time (min/median) and CPU time (user+sys) ---
# The machine may be shared: CPU time is the steadier number when the load average is high.
measure() {
  local label=$1; shift
  "$@" >/dev/null 2>&1 # warm the disk cache
  : >"$OUT/times.txt"
  for _ in $(seq 1 "$REPS"); do
    /usr/bin/time -f '%e %U %S' -a -o "$OUT/times.txt" "$@" >/dev/null 2>"$OUT/last-stderr.txt" \
      || { echo "$label failed:"; cat "$OUT/last-stderr.txt"; exit 1; }
  done
  local wall cpu
  wall=$(awk '{printf "%d\n", $1 * 1000}' "$OUT/times.txt" | sort -n | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)], NR}')
  cpu=$(awk '{printf "%d\n", ($2 + $3) * 1000}' "$OUT/times.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  set -- $wall
  printf '%-44s wall min %5d  median %5d ms   cpu median %5d ms  (n=%d)\n' "$label" "$1" "$2" "$cpu" "$3"
}

JOPTS="--enable-native-access=ALL-UNNAMED"

"$JAVA" -XX:AOTCacheOutput="$OUT/berth.aot" -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -cp "$CP" dev.berth.Main scan --json \
  >/dev/null 2>"$OUT/aot-training.log" || { echo "AOT training failed:"; tail "$OUT/aot-training.log"; }
installs=$("$JAVA" $JOPTS -cp "$CP" dev.berth.Main scan --json | grep -c '"project"')
echo "berth scan --json finds $installs installs"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

measure "floor: docker ps -a + inspect all" sh -c 'docker inspect $(docker ps -aq) >/dev/null'
measure "berth scan --json" "$JAVA" $JOPTS -cp "$CP" dev.berth.Main scan --json
# The launcher's class-data archive holds the classes of the first short command after a build: a scan here.
rm -f "$ROOT/target/berth-cli.jsa"
"$ROOT/berth" scan --json >/dev/null 2>&1
measure "./berth scan --json (launcher: C1, serial GC, CDS)" "$ROOT/berth" scan --json
measure "berth scan --json, C1 only" "$JAVA" $JOPTS -XX:TieredStopAtLevel=1 -cp "$CP" dev.berth.Main scan --json
measure "berth scan --json, C1 + AOT cache" "$JAVA" $JOPTS -XX:TieredStopAtLevel=1 -XX:AOTCache="$OUT/berth.aot" \
  -cp "$CP" dev.berth.Main scan --json
measure "berth scan --json --no-drift, C1 only" "$JAVA" $JOPTS -XX:TieredStopAtLevel=1 -cp "$CP" dev.berth.Main scan --json --no-drift
measure "berth scan --json --no-drift --no-sizes, C1" "$JAVA" $JOPTS -XX:TieredStopAtLevel=1 -cp "$CP" dev.berth.Main scan --json --no-drift --no-sizes
measure "berth --version (JVM + picocli only)" "$JAVA" $JOPTS -cp "$CP" dev.berth.Main --version
measure "./berth --version (launcher)" "$ROOT/berth" --version
measure "berth --version, C1 only" "$JAVA" $JOPTS -XX:TieredStopAtLevel=1 -cp "$CP" dev.berth.Main --version

mkdir -p "$OUT/classes"
"$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$CP" "$ROOT/bench/ScanLoop.java"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$OUT/classes:$CP" ScanLoop 10 "$((REPS * 2))"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$OUT/classes:$CP" ScanLoop 10 "$((REPS * 2))" fast
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
