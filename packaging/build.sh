#!/usr/bin/env bash
# Builds Berth's native packages: a jlink runtime (the JDK modules jdeps finds + JavaFX linked in as
# modules), a jpackage app image and the installers of this OS (Linux: .deb and .rpm; Windows: .msi;
# macOS: .dmg).
#
# Run through Maven, which sets the inputs below from the `package` profile in pom.xml:
#     ./mvnw -Ppackage package
# Standalone (after `./mvnw package`): PKG_VERSION=0.1.0 packaging/build.sh
#
# Inputs (environment; defaults in brackets; pom.xml is where they are set):
#   PKG_TYPES          comma list of jpackage types, "app-image" always comes first [by OS]
#   PKG_VERSION        project version; the numeric part goes into the package metadata
#   PKG_NAME, PKG_VENDOR, PKG_DESCRIPTION, PKG_COPYRIGHT, PKG_MAINTAINER, PKG_URL
#   JLINK_OPTIONS      e.g. "--strip-debug --no-header-files --no-man-pages --compress zip-9"
#   JLINK_MODULES_EXTRA  modules jdeps cannot see (service providers), comma list
#   JLINK_LOCALES      --include-locales value for jdk.localedata (the GUI's languages)
#   JAVA_OPTIONS       JVM options baked into the launcher (space separated)
#   PKG_EXCLUDE_JARS   extended regex of jar file names not to ship on this OS
#   PKG_STARTUP_CACHE  none | cds (default CDS archive of the runtime) | aot (AOT cache, Linux)
#   PKG_COMPRESSION    xz (release) | gzip (CI: 3x faster) for the .deb and .rpm payloads
# Works with bash 3.2 (macOS) and Git Bash (Windows): no bash 4 features.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
T=${PKG_TARGET:-$ROOT/target}
JAVA_HOME=${JAVA_HOME:-$("$ROOT/scripts/find-jdk.sh")}
J="$JAVA_HOME/bin"

NAME=${PKG_NAME:-Berth}
VERSION_FULL=${PKG_VERSION:?PKG_VERSION is not set: run ./mvnw -Ppackage package}
# jpackage wants 1-3 numbers (msi: each < 256/256/65536); drop qualifiers like -SNAPSHOT
VERSION=$(printf '%s' "$VERSION_FULL" | sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/')
VENDOR=${PKG_VENDOR:-Berth}
DESCRIPTION=${PKG_DESCRIPTION:-Installs, upgrades and restores self-hosted Docker Compose applications.}
COPYRIGHT=${PKG_COPYRIGHT:-Berth contributors}
MAINTAINER=${PKG_MAINTAINER:-berth@example.org}
JLINK_OPTIONS=${JLINK_OPTIONS:---strip-debug --no-header-files --no-man-pages --compress zip-0}
# -Xlog: the JVM's own warnings (an AOT cache it cannot use, say) go to stderr, never into the
# stdout of `berth scan --json` and friends
JAVA_OPTIONS=${JAVA_OPTIONS:---enable-native-access=javafx.graphics,ALL-UNNAMED -Xlog:disable -Xlog:all=warning:stderr}
STARTUP_CACHE=${PKG_STARTUP_CACHE:-none}
COMPRESSION=${PKG_COMPRESSION:-xz}
export DPKG_DEB_COMPRESSOR_TYPE=$COMPRESSION
case "$COMPRESSION" in
  xz) RPM_PAYLOAD=w6T.xzdio ;;   # T: xz on all cores
  gzip)
    # gzip is the CI's choice: speed over size
    export DPKG_DEB_COMPRESSOR_LEVEL=1
    RPM_PAYLOAD=w1.gzdio ;;
  *) echo "package: PKG_COMPRESSION must be xz or gzip, not '$COMPRESSION'" >&2; exit 2 ;;
esac

case "$(uname -s)" in
  Linux) OS=linux; FX_NATIVE='\.so$'; FX_NATIVE_DIR=lib ;;
  Darwin) OS=mac; FX_NATIVE='\.dylib$'; FX_NATIVE_DIR=lib ;;
  MINGW* | MSYS* | CYGWIN*)
    OS=windows; FX_NATIVE='\.dll$'; FX_NATIVE_DIR=bin/javafx
    # Maven hands over Windows paths (C:\...); the script works with Git Bash's /c/... form
    J=$(cygpath -u "$JAVA_HOME")/bin
    T=$(cygpath -u "$T") ;;
  *) echo "package: unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
case "$OS" in
  linux) DEFAULT_TYPES=app-image,deb,rpm ;;
  mac) DEFAULT_TYPES=app-image,dmg ;;
  windows) DEFAULT_TYPES=app-image,msi ;;
esac
TYPES=${PKG_TYPES:-$DEFAULT_TYPES}
case "$(uname -m)" in
  x86_64 | amd64) ARCH=amd64 ;;
  aarch64 | arm64) ARCH=aarch64 ;;
  *) ARCH=$(uname -m) ;;
esac

P="$T/package"          # work folder
INPUT="$P/input"        # jars on the app's class path
RUNTIME="$P/runtime"    # jlink output
DIST="$T/dist"          # app image and installers
log() { printf '[package %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
ms() { local n; n=$(date +%s%N 2>/dev/null); case "$n" in *N) echo $(($(date +%s) * 1000)) ;; *) echo $((n / 1000000)) ;; esac; }
# Windows tools want Windows paths; elsewhere this is the identity
native_path() { if [ "$OS" = windows ]; then cygpath -w "$1"; else printf '%s' "$1"; fi; }

[ -f "$T/berth.jar" ] && [ -d "$T/lib" ] || { echo "package: $T/berth.jar or $T/lib missing; run ./mvnw package first" >&2; exit 2; }
rm -rf "$P" "$DIST"
mkdir -p "$INPUT" "$P/fx" "$DIST"

# --- inputs: JavaFX platform jars go into the runtime, everything else onto the class path --------
cp "$T/berth.jar" "$INPUT/"
# Maven's resolved run-time class path (the POM writes it on every build); target/lib may hold
# jars of dependencies since removed, so it is only the fallback for standalone runs.
if [ -f "$T/package-classpath.txt" ]; then
  jars_in=$(tr ';' '\n' <"$T/package-classpath.txt" | tr -d '\r')
  [ "$OS" = windows ] && jars_in=$(printf '%s\n' "$jars_in" | while read -r l; do cygpath -u "$l"; done)
else
  jars_in=$(ls "$T"/lib/*.jar)
fi
while IFS= read -r jar; do
  [ -n "$jar" ] || continue
  base=$(basename "$jar")
  case "$base" in
    javafx-*-[0-9]*-*.jar) cp "$jar" "$P/fx/" ;;   # javafx-graphics-25.0.2-linux.jar (the platform jar)
    javafx-*.jar) ;;                                # javafx-graphics-25.0.2.jar: empty, for Maven only
    *)
      if [ -n "${PKG_EXCLUDE_JARS:-}" ] && printf '%s' "$base" | grep -Eq "$PKG_EXCLUDE_JARS"; then
        log "leaving out $base (PKG_EXCLUDE_JARS)"
      else
        cp "$jar" "$INPUT/"
      fi ;;
  esac
done <<<"$jars_in"
ls "$P"/fx/*.jar >/dev/null 2>&1 || { echo "package: no JavaFX platform jars (javafx-*-<os>.jar) in $T/lib" >&2; exit 2; }

# zstd-jni carries native libraries for 18 platforms (16 MB); keep only this one's.
thin_zstd() {
  local jar=$1 keep dir
  case "$OS-$ARCH" in
    linux-*) keep="linux/$ARCH" ;;
    mac-amd64) keep="darwin/x86_64" ;;
    mac-aarch64) keep="darwin/aarch64" ;;
    windows-*) keep="win/$ARCH" ;;
  esac
  dir="$P/thin"
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && "$J/jar" xf "$(native_path "$jar")")
  for d in "$dir"/*/; do
    d=${d%/}
    case "$(basename "$d")" in
      aix | darwin | freebsd | linux | win)
        for a in "$d"/*; do [ "${a#"$dir"/}" = "$keep" ] || rm -rf "$a"; done ;;
    esac
  done
  rm -f "$jar"
  "$J/jar" --create --file "$(native_path "$jar")" --manifest "$(native_path "$dir/META-INF/MANIFEST.MF")" \
    --date 2026-01-01T00:00:00Z -C "$(native_path "$dir")" .
  rm -rf "$dir"
}
for jar in "$INPUT"/zstd-jni-*.jar; do [ -f "$jar" ] && thin_zstd "$jar"; done

# --- JDK modules: whatever jdeps finds in the jars, plus JavaFX from the module path ---------------
s=$(ms)
FX_PATH=$(for f in "$P"/fx/*.jar; do native_path "$f"; echo; done | paste -sd "$([ "$OS" = windows ] && echo ';' || echo ':')" -)
jars=()
for f in "$INPUT"/*.jar; do jars+=("$(native_path "$f")"); done
MODULES=$("$J/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 \
  --module-path "$FX_PATH" "${jars[@]}" | tail -n 1 | tr -d '\r')
case "$MODULES" in *javafx.controls*) ;; *) MODULES="$MODULES,javafx.controls" ;; esac
[ -n "${JLINK_MODULES_EXTRA:-}" ] && MODULES="$MODULES,$JLINK_MODULES_EXTRA"
log "jdeps ($(($(ms) - s)) ms): $MODULES"

s=$(ms)
locales=()
case ",$MODULES," in *,jdk.localedata,*) locales=(--include-locales "${JLINK_LOCALES:-en}") ;; esac
# shellcheck disable=SC2086 # JLINK_OPTIONS is a list of flags
"$J/jlink" --module-path "$FX_PATH" --add-modules "$MODULES" $JLINK_OPTIONS \
  ${locales[@]+"${locales[@]}"} --output "$(native_path "$RUNTIME")"
# JavaFX loads its natives from the runtime first (NativeLibLoader.libDirForJRT): no extraction to
# ~/.openjfx at run time, and jpackage's ldd scan sees them, so the .deb depends on GTK 3.
mkdir -p "$RUNTIME/$FX_NATIVE_DIR"
for f in "$P"/fx/*.jar; do
  names=$("$J/jar" tf "$(native_path "$f")" | tr -d '\r' | grep -E "$FX_NATIVE" || true)
  [ -z "$names" ] && continue
  # shellcheck disable=SC2086 # one name per word; JavaFX's library names have no spaces
  (cd "$RUNTIME/$FX_NATIVE_DIR" && "$J/jar" xf "$(native_path "$f")" $names)
  for n in $names; do
    [ "$(dirname "$n")" = . ] || { mv "$RUNTIME/$FX_NATIVE_DIR/$n" "$RUNTIME/$FX_NATIVE_DIR/"; }
  done
done
# Linux: the JDK's and JavaFX's libraries keep their symbol tables (libjvm.so: 29 MB -> 24 MB)
if [ "$OS" = linux ]; then
  if command -v strip >/dev/null; then
    find "$RUNTIME" -name '*.so' -exec strip --strip-unneeded {} +
  else
    log "strip (binutils) not found: native libraries keep their symbols (+5 MB)"
  fi
fi
log "jlink ($(($(ms) - s)) ms): runtime $(du -sh "$RUNTIME" | cut -f1)"

# --- jpackage ----------------------------------------------------------------------------------------
icon=""
case "$OS" in
  linux) icon="$ROOT/icons/png/berth-256.png" ;;
  mac) icon="$ROOT/icons/berth.icns" ;;
  windows) icon="$ROOT/icons/berth.ico" ;;
esac
# the file association's own icon follows the launcher's format on each OS
sed -e "s|@ICON@|$(native_path "$icon" | sed 's|\\|\\\\|g')|" "$ROOT/packaging/berth-backup.properties" >"$P/berth-backup.properties"

java_opts=()
for o in $JAVA_OPTIONS; do java_opts+=(--java-options "$o"); done
image_extra=()
case "$OS" in
  windows) image_extra=(--add-launcher "berth-cli=$(native_path "$ROOT/packaging/windows/berth-cli.properties")") ;;
  mac) image_extra=(--mac-package-identifier dev.berth.app --mac-package-name "$NAME") ;;
esac
# jpackage refuses a macOS bundle version starting with 0 (CFBundleVersion rule); until 1.0 the
# bundle says 1.0.0 and the .dmg is renamed to the real version. `berth --version` is always right.
BUNDLE_VERSION=$VERSION
case "$OS-$VERSION" in mac-0*) BUNDLE_VERSION=1.0.0 ;; esac

s=$(ms)
"$J/jpackage" --type app-image --name "$NAME" --app-version "$BUNDLE_VERSION" --vendor "$VENDOR" \
  --description "$DESCRIPTION" --copyright "$COPYRIGHT" --icon "$(native_path "$icon")" \
  --input "$(native_path "$INPUT")" --main-jar berth.jar --main-class dev.berth.Main \
  --runtime-image "$(native_path "$RUNTIME")" ${java_opts[@]+"${java_opts[@]}"} \
  ${image_extra[@]+"${image_extra[@]}"} --dest "$(native_path "$DIST")"
case "$OS" in
  mac) APP_IMAGE="$DIST/$NAME.app" ;;
  *) APP_IMAGE="$DIST/$NAME" ;;
esac
log "app image ($(($(ms) - s)) ms): $APP_IMAGE $(du -sh "$APP_IMAGE" | cut -f1)"

# --- startup cache -----------------------------------------------------------------------------------
# AOT cache (JEP 483/514): one training run of the packaged app up to its first frame records the
# loaded and linked classes; the launcher then maps them at start (docs/benchmarks.md: first frame
# about 2x sooner). Linux only for now: on macOS changing the bundle after jpackage would break
# its signature, and neither macOS nor Windows was measured.
if [ "$STARTUP_CACHE" = aot ] && [ "$OS" != linux ]; then
  log "AOT cache: Linux only for now; none on $OS"
  STARTUP_CACHE=none
fi
# The cache remembers each jar's modification time and refuses a jar whose time differs. The
# .deb/.rpm keep whole seconds only, so a time with a fraction may come back one second off once
# installed (seen: "timestamp has changed", the cache unused): the app's files get a whole second.
if [ "$STARTUP_CACHE" != none ] && [ "$OS" = linux ]; then
  find "$APP_IMAGE/lib/app" -type f -exec touch -d "@$(date +%s)" {} +
fi
case "$STARTUP_CACHE" in
  none) ;;
  cds)
    # the runtime's default CDS archive, dumped with the launcher's module options so the
    # archived module graph is used too
    "$APP_IMAGE/lib/runtime/bin/java" $JAVA_OPTIONS -Xshare:dump >"$P/cds-dump.log" 2>&1 \
      || { tail -20 "$P/cds-dump.log" >&2; exit 1; }
    log "CDS archive: $(du -h "$APP_IMAGE/lib/runtime/lib/server/classes.jsa" | cut -f1)" ;;
  aot)
    s=$(ms)
    train=("$APP_IMAGE/bin/$NAME")
    if [ -z "${DISPLAY:-}" ]; then
      command -v xvfb-run >/dev/null || {
        echo "package: the AOT cache's training run opens the GUI and needs a display: install Xvfb" \
          "(apt-get install xvfb xauth) or build with -Dpackage.startup.cache=none" >&2
        exit 2
      }
      train=(xvfb-run -a -s "-screen 0 1280x800x24" "${train[@]}")
    fi
    home=$(mktemp -d)
    aot="$APP_IMAGE/lib/app/berth.aot"
    # a throw-away home: the training run must not leave settings or logs on the build machine
    if ! HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_STATE_HOME="$home/.local/state" XDG_CACHE_HOME="$home/.cache" \
        JAVA_TOOL_OPTIONS="-Dberth.coldstart=true -Duser.home=$home -XX:AOTCacheOutput=$aot" \
        timeout 300 "${train[@]}" >"$P/aot-training.log" 2>&1 \
        || ! grep -q 'berth-coldstart first frame' "$P/aot-training.log" || [ ! -s "$aot" ]; then
      echo "package: the AOT cache's training run failed (log: $P/aot-training.log):" >&2
      tail -20 "$P/aot-training.log" >&2
      exit 1
    fi
    rm -rf "$home"
    # $APPDIR is the launcher's own app folder, wherever the package is installed
    echo 'java-options=-XX:AOTCache=$APPDIR/berth.aot' >>"$APP_IMAGE/lib/app/$NAME.cfg"
    log "AOT cache ($(($(ms) - s)) ms): $(du -h "$aot" | cut -f1)" ;;
  *) echo "package: PKG_STARTUP_CACHE must be none, cds or aot, not '$STARTUP_CACHE'" >&2; exit 2 ;;
esac

common=(--app-image "$(native_path "$APP_IMAGE")" --name "$NAME" --app-version "$BUNDLE_VERSION" --vendor "$VENDOR"
  --description "$DESCRIPTION" --copyright "$COPYRIGHT" --dest "$(native_path "$DIST")"
  --file-associations "$(native_path "$P/berth-backup.properties")")
for type in $(printf '%s' "$TYPES" | tr ',' ' '); do
  [ "$type" = app-image ] && continue
  s=$(ms)
  extra=()
  case "$type" in
    deb | rpm)
      # the desktop entry (icon, categories, "gui %f") and /usr/bin/berth come from packaging/linux
      rm -rf "$P/resources-$type" && mkdir -p "$P/resources-$type"
      for f in "$ROOT"/packaging/linux/*; do
        sed -e "s|@LAUNCHER@|/opt/berth/bin/$NAME|g" -e "s|@RPM_PAYLOAD@|$RPM_PAYLOAD|g" "$f" \
          >"$P/resources-$type/$(basename "$f")"
      done
      extra=(--resource-dir "$P/resources-$type" --icon "$icon" --linux-package-name berth
        --linux-shortcut --linux-menu-group "System;Utility")
      if [ "$type" = deb ]; then
        extra+=(--linux-deb-maintainer "$MAINTAINER" --linux-app-category admin)
      else
        # jpackage computes no library Requires for rpm: name GTK 3 (Fedora/RHEL/openSUSE name)
        extra+=(--linux-package-deps gtk3 --linux-app-category Applications/System)
      fi ;;
    # the launchers' icons are in the app image already
    msi)
      extra=(--win-menu --win-menu-group "$NAME" --win-shortcut --win-per-user-install
        --win-upgrade-uuid 6c1d6a0e-6f0b-4be4-9a3e-2b7c1f0de7a1) ;;
    dmg) ;;
  esac
  "$J/jpackage" --type "$type" "${common[@]}" ${extra[@]+"${extra[@]}"}
  if [ "$type" = dmg ] && [ "$BUNDLE_VERSION" != "$VERSION" ]; then
    mv "$DIST/$NAME-$BUNDLE_VERSION.dmg" "$DIST/$NAME-$VERSION.dmg"
  fi
  log "$type ($(($(ms) - s)) ms)"
done
ls -l "$DIST"
