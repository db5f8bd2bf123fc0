#!/usr/bin/env bash
# Benchmarks Berth's backup and restore against tar|zstd on ~1 GiB of mixed data.
# Usage: bench/backup-bench.sh [WORKDIR (default /var/tmp/berth-bench)] [ROUNDS (default 5)]
# As root (as in CI) archives and restores go to a fresh tmpfs per round; -Dbench.disk=true keeps them on disk.
# Needs tar and zstd (apt-get install zstd). WORKDIR needs ~4 GB free; the data is kept for reruns.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-$("$ROOT/scripts/find-jdk.sh")}
command -v zstd >/dev/null || { echo "backup-bench: zstd is missing (apt-get install zstd)"; exit 2; }
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
mkdir -p "${1:-/var/tmp/berth-bench}"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" dev.berth.bench.BackupBench "$@"
