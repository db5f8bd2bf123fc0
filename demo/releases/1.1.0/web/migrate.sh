#!/bin/sh
# The one-shot "migrate" service: applies the files in /app/migrations the database has not seen,
# each with its schema_version row in one transaction. Running it again changes nothing.
set -eu
export PGHOST="${DB_HOST:-db}" PGUSER="${DB_USER:-demo}" PGDATABASE="${DB_NAME:-demo}" \
  PGPASSWORD="${DB_PASSWORD:-}" PGCONNECT_TIMEOUT=5 PGOPTIONS="-c client_min_messages=warning"
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

tries=0
until q -c 'SELECT 1' >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then
    echo "migrate: the database at $PGHOST did not answer for 30 s; nothing was changed. Is the db service healthy?" >&2
    exit 1
  fi
  sleep 1
done

q -c 'CREATE TABLE IF NOT EXISTS schema_version (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())'
current=$(q -c 'SELECT coalesce(max(version), 0) FROM schema_version')
echo "migrate: schema version $current"
for f in /app/migrations/*.sql; do
  name=$(basename "$f" .sql)
  n=$(echo "$name" | sed 's/-.*//; s/^0*//')
  if [ "${n:-0}" -gt "$current" ]; then
    echo "migrate: applying $name"
    q -1 -f "$f" -c "INSERT INTO schema_version (version, name) VALUES ($n, '$name')"
  fi
done
echo "migrate: schema version $(q -c 'SELECT max(version) FROM schema_version'), up to date"
