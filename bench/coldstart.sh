#!/usr/bin/env bash
# Cold start of the desktop app: time from exec to the first rendered frame of Berth's Home,
# against a bare JavaFX window (dev.berth.bench.BareWindow, test scope) in the same run,
# alternating the two, under one Xvfb. Both print epoch-ms stamps at main() and at the second
# pulse after stage.show(), then exit. Berth runs with its real wiring (dev.berth.Main: the local
# Docker engine, discovery), twice per round: once to the first frame, once more
# (-Dberth.coldstart.home=true) on to the frame showing the installs the scan found, and to the
# one with their disk use filled in.
#   bench/coldstart.sh [--cds] [REPS]        (default 9)
# --cds first records an application class-data-sharing archive for each (one run with
# -XX:ArchiveClassesAtExit), then measures with it: what a launcher or jpackage image using
# AppCDS would get.
# Prints each run, then medians and minimums, the Berth/bare ratio and CPU seconds (user+sys; on a
# busy machine CPU time is the steadier number). Goal: Berth's first frame under 1 s and within
# 1.3x of the bare window.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
CDS=""
if [ "${1:-}" = --cds ]; then CDS=yes; shift; fi
REPS=${1:-9}

if [ -z "${BERTH_BENCH_INNER:-}" ]; then
  JAVA_HOME=$("$ROOT/scripts/find-jdk.sh") || { echo "coldstart: no JDK 25 found" >&2; exit 2; }
  export JAVA_HOME
  command -v xvfb-run >/dev/null || { echo "coldstart: xvfb-run missing (apt-get install xvfb xauth)" >&2; exit 2; }
  (cd "$ROOT" && MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow} \
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package >&2)
  # One X server for all runs, so its start-up is not measured.
  # CDS cannot archive classes from a directory, so the bench class goes into a jar.
  (cd "$ROOT/target" && "$JAVA_HOME/bin/jar" cf bench.jar -C test-classes dev/berth/bench)
  BERTH_BENCH_INNER=1 exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" ${CDS:+--cds} "$REPS"
fi

cd "$ROOT"
CP="target/berth.jar:target/lib/*"
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED)
WORK=$(mktemp -d /tmp/berth-coldstart.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
BARE_CDS=() BERTH_CDS=()
if [ -n "$CDS" ]; then
  BARE_CDS=(-XX:SharedArchiveFile="$WORK/bare.jsa") BERTH_CDS=(-XX:SharedArchiveFile="$WORK/berth.jsa")
fi

# run LABEL CMD... → prints "LABEL main_ms frame_ms cpu_s listed_ms sized_ms installs" (the last
# three "-" unless the run waited for Home's list)
run() {
  local label=$1; shift
  local home="$WORK/home-$label-$RANDOM"
  mkdir -p "$home"
  local t0 out cpu
  TIMEFORMAT='%U %S'
  t0=$(date +%s%3N)
  { time env HOME="$home" "$@" >"$WORK/out" 2>"$WORK/err"; } 2>"$WORK/time"
  out=$(cat "$WORK/out")
  cpu=$(awk '{printf "%.2f", $1 + $2}' "$WORK/time")
  local m f
  m=$(grep -oP 'main\(\) epochMs=\K[0-9]+' <<<"$out" | head -1 || true)
  f=$(grep -oP 'first frame rendered epochMs=\K[0-9]+' <<<"$out" | head -1 || true)
  if [ -z "$f" ]; then
    echo "coldstart: $label printed no first frame:" >&2; cat "$WORK/err" >&2; exit 1
  fi
  local l s n
  l=$(grep -oP 'home listed .* epochMs=\K[0-9]+' <<<"$out" | head -1 || true)
  s=$(grep -oP 'sizes shown epochMs=\K[0-9]+' <<<"$out" | head -1 || true)
  n=$(grep -oP 'home listed .*installs=\K[0-9]+' <<<"$out" | head -1 || true)
  [ -n "$l" ] && l=$((l - t0)) || l=-
  [ -n "$s" ] && s=$((s - t0)) || s=-
  echo "$label $((m - t0)) $((f - t0)) $cpu $l $s ${n:--}"
}

bare() { run bare "${JAVA[@]}" "${BARE_CDS[@]}" -cp "target/bench.jar:$CP" dev.berth.bench.BareWindow; }
berth() { run berth "${JAVA[@]}" "${BERTH_CDS[@]}" -Dberth.coldstart=true -cp "$CP" dev.berth.Main; }
home() { run home "${JAVA[@]}" "${BERTH_CDS[@]}" -Dberth.coldstart=true -Dberth.coldstart.home=true -cp "$CP" dev.berth.Main; }

if [ -n "$CDS" ]; then
  run bare "${JAVA[@]}" -XX:ArchiveClassesAtExit="$WORK/bare.jsa" -cp "target/bench.jar:$CP" dev.berth.bench.BareWindow >/dev/null
  run berth "${JAVA[@]}" -XX:ArchiveClassesAtExit="$WORK/berth.jsa" -Dberth.coldstart=true -cp "$CP" dev.berth.Main >/dev/null
  echo "CDS archives: $(du -h "$WORK/bare.jsa" | cut -f1) bare, $(du -h "$WORK/berth.jsa" | cut -f1) Berth"
fi
bare >/dev/null; berth >/dev/null   # warm the disk cache and ~/.openjfx natives once
echo "run    main_ms frame_ms cpu_s listed_ms sized_ms installs"
for i in $(seq 1 "$REPS"); do
  if ((i % 2)); then bare; berth; home; else home; berth; bare; fi
done | tee "$WORK/runs" | awk '{printf "%-6s %7s %8s %5s %9s %8s %8s\n", $1, $2, $3, $4, $5, $6, $7}'

stats() { # LABEL COLUMN → "median minimum"
  awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$WORK/runs" | sort -n | awk '
    { v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1] }'
}
read -r bare_med bare_min <<<"$(stats bare 3)"
read -r berth_med berth_min <<<"$(stats berth 3)"
read -r bare_cpu _ <<<"$(stats bare 4)"
read -r berth_cpu _ <<<"$(stats berth 4)"
echo
awk -v a="$bare_med" -v b="$berth_med" 'BEGIN { printf "first frame, median:  bare %d ms, Berth %d ms (ratio %.2f)\n", a, b, b / a }'
awk -v a="$bare_min" -v b="$berth_min" 'BEGIN { printf "first frame, minimum: bare %d ms, Berth %d ms (ratio %.2f)\n", a, b, b / a }'
awk -v a="$bare_cpu" -v b="$berth_cpu" 'BEGIN { printf "CPU user+sys, median: bare %.2f s, Berth %.2f s (ratio %.2f)\n", a, b, b / a }'
read -r home_frame _ <<<"$(stats home 3)"
read -r listed_med listed_min <<<"$(stats home 5)"
read -r sized_med sized_min <<<"$(stats home 6)"
awk -v a="$bare_med" -v f="$home_frame" -v l="$listed_med" -v s="$sized_med" -v lm="$listed_min" 'BEGIN {
  printf "Home with the local installs, median: first frame %d ms, installs listed %d ms (%.2fx the bare window; minimum %d ms), disk use filled in %d ms\n", f, l, l / a, lm, s }'
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
