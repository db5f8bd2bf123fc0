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

# A 1.0 database has records but no schema_version table: only 1.1 knows how to migrate it.
if [ "$(q -c "SELECT to_regclass('public.records') IS NOT NULL AND to_regclass('public.schema_version') IS NULL")" = t ]; then
  echo "migrate: this database comes from berth-demo 1.0 (it has records but no schema version);" \
    "2.0 migrates only what 1.1 migrated. Nothing was changed: upgrade to 1.1 first, then to 2.0." >&2
  exit 1
fi

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
