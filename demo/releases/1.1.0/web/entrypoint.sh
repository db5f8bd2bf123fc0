#!/bin/sh
# berth-demo image entrypoint: "serve" (default) runs the web service, "migrate" the schema
# migration. Both run as the unprivileged user 999 ("postgres" in the base image); as root it first
# hands the bind-mounted DATA_DIR to that user, then drops privileges with setpriv (util-linux).
set -eu
as_app() {
  if [ "$(id -u)" = 0 ]; then
    exec setpriv --reuid=999 --regid=999 --clear-groups "$@"
  fi
  exec "$@"
}
case "${1:-serve}" in
  serve)
    if [ "$(id -u)" = 0 ]; then
      mkdir -p /data
      chown 999:999 /data
    fi
    as_app perl /app/server.pl
    ;;
  migrate) as_app sh /app/migrate.sh ;;
  *) exec "$@" ;;
esac
