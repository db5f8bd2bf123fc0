#!/usr/bin/env bash
# Measures a packaged launcher's cold start under Xvfb: ms from exec to main() and to the first
# rendered frame, RUNS times, then the medians. Needs a build whose GUI knows the hidden
# berth.coldstart property (prints both times and exits; dev.berth.gui.BerthApp).
#   usage: packaging/coldstart.sh LAUNCHER [RUNS] [JVM options for this variant...]
#   e.g.:  packaging/coldstart.sh target/dist/Berth/bin/Berth 7
#          packaging/coldstart.sh /opt/berth/bin/Berth 7 -XX:AOTCache=/tmp/berth.aot
# JVM options reach the jpackage launcher through JAVA_TOOL_OPTIONS (its arguments go to the app).
set -euo pipefail
launcher=$1
runs=${2:-7}
shift $(($# < 2 ? $# : 2))
extra="$*"
disp=""
for n in $(seq 130 160); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { disp=$n; break; }; done
Xvfb ":$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$disp" ] && break; sleep 0.1; done
home=$(mktemp -d)
mains=()
frames=()
for i in $(seq 1 "$runs"); do
  t0=$(date +%s%3N)
  out=$(DISPLAY=":$disp" HOME="$home" JAVA_TOOL_OPTIONS="-Dberth.coldstart=true $extra" \
    timeout 60 "$launcher" 2>&1 || true)
  m=$(printf '%s\n' "$out" | sed -n 's/.*berth-coldstart main() epochMs=\([0-9]*\).*/\1/p' | head -n 1)
  f=$(printf '%s\n' "$out" | sed -n 's/.*berth-coldstart first frame rendered epochMs=\([0-9]*\).*/\1/p' | head -n 1)
  if [ -z "$m" ] || [ -z "$f" ]; then
    echo "run $i: no coldstart timings in the output:" >&2
    printf '%s\n' "$out" | tail -20 >&2
    exit 1
  fi
  mains+=($((m - t0)))
  frames+=($((f - t0)))
  echo "run $i: main ${mains[$((i - 1))]} ms, first frame ${frames[$((i - 1))]} ms"
done
rm -rf "$home"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
echo "median of $runs: main $(median "${mains[@]}") ms, first frame $(median "${frames[@]}") ms ($launcher${extra:+ $extra})"
