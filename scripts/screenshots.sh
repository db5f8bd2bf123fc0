#!/usr/bin/env bash
# Writes PNGs of the desktop app's pages, as the app renders them (Scene.snapshot), by running it
# under Xvfb once per page. Look at every one before committing them.
#   scripts/screenshots.sh [OUT_DIR]          (default docs/screenshots)
#   ONLY=REGEX scripts/screenshots.sh ...     only the shots whose name matches
# Needs xvfb-run and a JDK 25 (scripts/find-jdk.sh); fonts-noto-cjk for the Chinese and Japanese
# shots. The app runs with a throw-away HOME, so your settings and window place are untouched.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
OUT=$(mkdir -p "${1:-$ROOT/docs/screenshots}" && cd "${1:-$ROOT/docs/screenshots}" && pwd -P)
JAVA_HOME=$("$ROOT/scripts/find-jdk.sh") || { echo "screenshots: no JDK 25 found" >&2; exit 2; }
export JAVA_HOME
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run missing (apt-get install xvfb xauth)" >&2; exit 2; }

cd "$ROOT"
if [ -z "${BERTH_SHOTS_INNER:-}" ]; then
  # -DskipTests still compiles the test classes, where the fixtures live.
  MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow} \
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package >&2
  # One X server for every shot.
  BERTH_SHOTS_INNER=1 exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$OUT"
fi
CP="target/berth.jar:target/lib/*:target/test-classes"
WORK=$(mktemp -d /tmp/berth-screenshots.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# shot NAME PAGE THEME LANGUAGE FIXTURE   (FIXTURE: none, sample, unreachable, or a scenario of
# ScreenScenarios that drives the real window over the real planner and a fake of Docker)
shot() {
  [ -n "${ONLY:-}" ] && [[ ! "$1" =~ $ONLY ]] && return 0
  local name=$1 page=$2 theme=$3 lang=$4 fixture=$5
  # One home for all shots (shorter paths on the pages), its settings rewritten for each.
  local home="$WORK/home"
  mkdir -p "$home/.config/berth"
  printf '{ "theme": "%s", "language": "%s" }\n' "$theme" "$lang" >"$home/.config/berth/settings.json"
  env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_STATE_HOME HOME="$home" LANG=C.UTF-8 \
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
      -Dberth.screenshot.dir="$OUT" -Dberth.screenshot.page="$page" -Dberth.screenshot.name="$name" \
      -cp "$CP" dev.berth.gui.ScreenshotFixtures "$fixture" 2>"$WORK/$name.err" \
    | grep '^berth-screenshot' || { echo "screenshots: $name failed:" >&2; cat "$WORK/$name.err" >&2; exit 1; }
}

gallery() {
  [ -n "${ONLY:-}" ] && [[ ! "$1" =~ $ONLY ]] && return 0
  local name=$1 theme=$2 lang=${3:-en}
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" \
      dev.berth.gui.WidgetGallery "$OUT/$name.png" "$theme" "$lang" 2>"$WORK/$name.err" \
    | grep '^berth-screenshot' || { echo "screenshots: $name failed:" >&2; cat "$WORK/$name.err" >&2; exit 1; }
}

shot home-light               home     light en    none
shot home-dark                home     dark  en    none
shot home-list-light          home     light en    sample
shot home-list-dark           home     dark  en    sample
shot docker-unreachable-light home     light en    unreachable
shot docker-unreachable-dark  home     dark  en    unreachable
shot settings-light           settings light en    none
shot settings-dark            settings dark  en    none
shot about-light              about    light en    none
shot install-light            install  light en    none
shot install-env-light        install  light en    install-env
shot install-env-dark         install  dark  en    install-env
shot install-env-ja           install  light ja    install-env
shot install-review-light     install  light en    install-review
shot run-mid-light            install  light en    run-mid
shot run-mid-dark             install  dark  en    run-mid
shot upgrade-env-light        upgrade  light en    upgrade-env
shot upgrade-conflicts-light  upgrade  light en    upgrade-conflicts
shot upgrade-conflicts-zh-CN  upgrade  light zh-CN upgrade-conflicts
shot upgrade-diff-light       upgrade  light en    upgrade-diff
shot upgrade-diff-dark        upgrade  dark  en    upgrade-diff
shot upgrade-review-light     upgrade  light en    upgrade-review
shot upgrade-review-ja        upgrade  light ja    upgrade-review
shot install-review-zh-CN     install  light zh-CN install-review
shot run-mid-ja               install  light ja    run-mid
shot run-mid-fr               install  light fr    run-mid
shot restore-list-light       restore  light en    restore-list
shot restore-list-fr          restore  light fr    restore-list
shot configure-light          configure light en   configure-form
shot home-actions-light       home     light en    home-actions
shot home-list-ja             home     light ja    sample
shot settings-zh-CN           settings light zh-CN none
shot docker-unreachable-fr    home     light fr    unreachable
gallery widgets-light light
gallery widgets-dark dark
echo "screenshots: written to $OUT"
