#!/bin/sh
# Starts berth-demo as the unprivileged user 999 ("postgres" in the base image): as root it first
# hands the bind-mounted DATA_DIR to that user, then drops privileges with setpriv (util-linux).
set -eu
if [ "$(id -u)" = 0 ]; then
  mkdir -p /data
  chown 999:999 /data
  exec setpriv --reuid=999 --regid=999 --clear-groups "$0" "$@"
fi
case "${1:-serve}" in
  serve) exec perl /app/server.pl ;;
  *) exec "$@" ;;
esac
