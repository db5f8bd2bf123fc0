#!/bin/sh
# Prints the folder of a JDK 25 or newer: JAVA_HOME if it is one, else javac on the PATH, else the
# newest JDK in the usual install folders. Prints nothing and exits 1 when there is none.
jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
}
if [ -n "${JAVA_HOME:-}" ]; then
  m=$(jdk_major "$JAVA_HOME")
  if [ -n "$m" ] && [ "$m" -ge 25 ]; then echo "$JAVA_HOME"; exit 0; fi
fi
best=""; bestm=0; first=""
if command -v javac >/dev/null 2>&1; then
  j=$(readlink -f "$(command -v javac)" 2>/dev/null || true)
  [ -n "$j" ] && first=$(dirname "$(dirname "$j")")
fi
for d in $first /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
         "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
         /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$d" ] || continue
  m=$(jdk_major "$d")
  if [ -n "$m" ] && [ "$m" -ge 25 ] && [ "$m" -gt "$bestm" ]; then best=$d; bestm=$m; fi
done
[ -n "$best" ] || exit 1
echo "$best"
