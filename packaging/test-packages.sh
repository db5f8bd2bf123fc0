#!/usr/bin/env bash
# Proves the Linux packages work the way a user meets them: builds the app image, .deb and .rpm
# (./mvnw -Ppackage package), installs the .deb with apt, runs the installed `berth` (version,
# scan against the Docker engine), opens the GUI under Xvfb from the menu's launcher and takes a
# screenshot, checks the desktop integration, removes the package, and checks the .rpm's metadata.
# Prints one PASS/FAIL line per check and exits 1 when any failed. Run as root (apt, dpkg).
#   usage: packaging/test-packages.sh [--no-build]     (--no-build: use target/dist as it is)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
OUT="$ROOT/target/package-test"
rm -rf "$OUT" && mkdir -p "$OUT"
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "[package-test] PASS $*"; }
bad() { fail=$((fail + 1)); echo "[package-test] FAIL $*"; }
check() { # check "what" command...
  local what=$1; shift
  if "$@" >>"$OUT/checks.log" 2>&1; then ok "$what"; else bad "$what (see $OUT/checks.log)"; fi
}
now() { date +%s%N | cut -b1-13; }
finish() {
  if [ "$fail" -eq 0 ]; then
    echo "[package-test] all $pass package checks passed"
    exit 0
  fi
  echo "[package-test] $fail of $((pass + fail)) package checks FAILED"
  exit 1
}

if [ "$(id -u)" -ne 0 ]; then
  echo "test-packages: run as root (it installs and removes the .deb)" >&2
  exit 2
fi
JAVA_HOME=${JAVA_HOME:-$("$ROOT/scripts/find-jdk.sh")}
export JAVA_HOME MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)

# --- build -------------------------------------------------------------------------------------------
if [ "${1:-}" != --no-build ]; then
  t=$(now)
  # gzip: the .deb builds 3x faster than with xz; the release build uses xz
  if ./mvnw -B -ntp -Ppackage package -DskipTests -Dpackage.compression=gzip \
      >"$OUT/build.log" 2>&1; then
    ok "packages built in $((($(now) - t) / 1000)) s: $(cd target/dist && echo *)"
    grep '^\[package ' "$OUT/build.log"
  else
    bad "packages built (./mvnw -Ppackage package; log: $OUT/build.log)"
    tail -40 "$OUT/build.log"
    finish
  fi
fi
DEB=$(ls target/dist/berth_*.deb 2>/dev/null | head -n 1)
RPM=$(ls target/dist/berth-*.rpm 2>/dev/null | head -n 1)
IMAGE=target/dist/Berth

# --- app image ---------------------------------------------------------------------------------------
check "app image: bin/Berth --version says 'berth $VERSION'" \
  sh -c "test \"\$($IMAGE/bin/Berth --version)\" = 'berth $VERSION'"
check "app image: JavaFX natives are in the runtime (no ~/.openjfx extraction)" \
  test -f "$IMAGE/lib/runtime/lib/libglassgtk3.so"
echo "[package-test] sizes: app image $(du -sh "$IMAGE" | cut -f1), runtime $(du -sh "$IMAGE/lib/runtime" | cut -f1), jars $(du -sh "$IMAGE/lib/app" | cut -f1)"

# --- .deb metadata -----------------------------------------------------------------------------------
if [ -z "$DEB" ]; then
  bad ".deb built"
  finish
fi
echo "[package-test] $(basename "$DEB"): $(du -h "$DEB" | cut -f1)"
dpkg-deb -f "$DEB" Package Version Depends >"$OUT/deb-control.txt"
check ".deb: version $VERSION" grep -qx "Version: $VERSION" "$OUT/deb-control.txt"
check ".deb: depends on libgtk-3-0 (JavaFX natives seen by jpackage)" grep -q 'libgtk-3-0' "$OUT/deb-control.txt"

# --- install -----------------------------------------------------------------------------------------
# xdg-desktop-menu in the postinst needs these on a machine without a desktop (PLATFORM-NOTES §6)
mkdir -p /usr/share/desktop-directories /usr/share/applications /etc/xdg/menus
dpkg -r berth >/dev/null 2>&1 || true
t=$(now)
if DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$ROOT/$DEB" \
    >"$OUT/apt-install.log" 2>&1; then
  ok "apt-get install ./$(basename "$DEB") ($((($(now) - t) / 1000)) s)"
else
  bad "apt-get install ./$(basename "$DEB") (log: $OUT/apt-install.log)"
  tail -20 "$OUT/apt-install.log"
  finish
fi
check "dpkg: berth is installed and configured" sh -c "dpkg-query -W -f='\${Status}' berth | grep -qx 'install ok installed'"
check "/usr/bin/berth is on the PATH and points at /opt/berth/bin/Berth" \
  sh -c 'test "$(command -v berth)" = /usr/bin/berth && test "$(readlink -f /usr/bin/berth)" = /opt/berth/bin/Berth'

# --- CLI ---------------------------------------------------------------------------------------------
v=$(berth --version 2>"$OUT/version.err")
if [ "$v" = "berth $VERSION" ]; then ok "berth --version prints 'berth $VERSION'"; else bad "berth --version printed '$v', expected 'berth $VERSION'"; fi
if grep -q 'AOTCache' /opt/berth/lib/app/Berth.cfg; then
  # AOTMode=on turns "cache unusable" (moved, other runtime, changed jars) into an error
  check "the installed app uses its AOT cache (-XX:AOTMode=on accepts /opt/berth/lib/app/berth.aot)" \
    sh -c "JAVA_TOOL_OPTIONS=-XX:AOTMode=on berth --version 2>&1 | grep -qx 'berth $VERSION'"
fi
check "berth without a display says so (exit 2) instead of a JavaFX stack trace" \
  sh -c 'env -u DISPLAY -u WAYLAND_DISPLAY berth >/dev/null 2>"$0"; test $? -eq 2 && grep -q "no display found" "$0"' "$OUT/nodisplay.err"
berth --help >"$OUT/help.txt" 2>&1
if grep -qE '^ +scan( |,|$)' "$OUT/help.txt"; then
  berth scan --json >"$OUT/scan.json" 2>"$OUT/scan.err"
  rc=$?
  if [ "$rc" -eq 0 ] && python3 -m json.tool "$OUT/scan.json" >/dev/null 2>&1; then
    ok "berth scan --json: exit 0 and valid JSON from the Docker engine ($(wc -c <"$OUT/scan.json") bytes)"
  else
    bad "berth scan --json: exit $rc, stdout not valid JSON or empty ($OUT/scan.json, $OUT/scan.err)"
    head -5 "$OUT/scan.err"
  fi
else
  echo "[package-test] SKIP berth scan --json: this build has no 'scan' command yet (it comes with the docker branch)"
fi

# --- desktop integration -----------------------------------------------------------------------------
desktop=/usr/share/applications/berth-Berth.desktop
check "menu entry $desktop installed" test -f "$desktop"
check "menu entry opens files in the GUI (Exec=/opt/berth/bin/Berth gui %f)" grep -qx 'Exec=/opt/berth/bin/Berth gui %f' "$desktop"
check "menu entry has the icon and categories" sh -c "grep -q '^Icon=/opt/berth/lib/Berth.png' $desktop && grep -q '^Categories=System;Utility;' $desktop && test -s /opt/berth/lib/Berth.png"
check "menu entry handles application/x-berth-backup" grep -q '^MimeType=application/x-berth-backup;' "$desktop"
check "MIME type application/x-berth-backup (*.berth) registered" \
  sh -c 'grep -rqs "application/x-berth-backup" /usr/share/mime/packages/ && { [ ! -f /usr/share/mime/globs2 ] || grep -q "application/x-berth-backup:\*\.berth" /usr/share/mime/globs2; }'

# --- GUI from the installed launcher, under Xvfb ---------------------------------------------------
home="$OUT/home"
mkdir -p "$home"
disp=""
for n in $(seq 90 120); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { disp=$n; break; }; done
Xvfb ":$disp" -screen 0 1280x800x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$disp" ] && break; sleep 0.1; done
t=$(now)
DISPLAY=":$disp" HOME="$home" berth >"$OUT/gui.log" 2>&1 &
app=$!
win=""
for _ in $(seq 1 60); do
  win=$(DISPLAY=":$disp" xdotool search --name '^Berth' 2>/dev/null | head -n 1)
  [ -n "$win" ] && break
  kill -0 "$app" 2>/dev/null || break
  sleep 0.5
done
if [ -n "$win" ]; then
  ok "GUI window 'Berth' opened from /usr/bin/berth ($((($(now) - t))) ms to a mapped window)"
  sleep 2 # let it paint
  DISPLAY=":$disp" import -window root "$OUT/gui.png"
  colors=$(identify -format '%k' "$OUT/gui.png" 2>/dev/null || echo 0)
  if [ "$colors" -gt 30 ]; then
    ok "GUI screenshot is not blank ($colors colours, $OUT/gui.png)"
  else
    bad "GUI screenshot looks blank ($colors colours, $OUT/gui.png)"
  fi
else
  bad "GUI window did not open in 30 s (log: $OUT/gui.log)"
  tail -20 "$OUT/gui.log"
fi
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
kill "$xvfb" 2>/dev/null
wait "$xvfb" 2>/dev/null
check "GUI run left no ~/.openjfx native cache (natives load from the runtime)" test ! -e "$home/.openjfx"

# --- remove ------------------------------------------------------------------------------------------
check "dpkg -r berth" dpkg -r berth
check "removal took /opt/berth, /usr/bin/berth and the menu entry away" \
  sh -c "test ! -e /opt/berth && test ! -e /usr/bin/berth && test ! -L /usr/bin/berth && test ! -e $desktop"

# --- .rpm (built, not installed: Debian is not an rpm system) --------------------------------------
if [ -n "$RPM" ]; then
  echo "[package-test] $(basename "$RPM"): $(du -h "$RPM" | cut -f1)"
  check ".rpm: requires gtk3" sh -c "rpm -qpR '$RPM' 2>/dev/null | grep -qx 'gtk3'"
  check ".rpm: version $VERSION" sh -c "test \"\$(rpm -qp --qf '%{VERSION}' '$RPM' 2>/dev/null)\" = '$VERSION'"
  check ".rpm: scripts add and remove /usr/bin/berth" sh -c "rpm -qp --scripts '$RPM' 2>/dev/null | grep -q 'ln -sf /opt/berth/bin/Berth /usr/bin/berth'"
  check ".rpm: holds the launcher, the runtime and the desktop entry" \
    sh -c "rpm -qpl '$RPM' 2>/dev/null | grep -qx /opt/berth/bin/Berth && rpm -qpl '$RPM' | grep -q '/opt/berth/lib/runtime/lib/libglassgtk3.so' && rpm -qpl '$RPM' | grep -q 'berth-Berth.desktop'"
else
  bad ".rpm built"
fi
finish
