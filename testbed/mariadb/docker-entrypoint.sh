#!/bin/bash
# The official mariadb image's contract, in short: on an empty /var/lib/mysql create the system
# tables, set the root password, create MARIADB_DATABASE and MARIADB_USER (MYSQL_* names too), run
# /docker-entrypoint-initdb.d/*.sql, then run the server as mysql in the foreground.
set -euo pipefail
env_of() { local a="MARIADB_$1" b="MYSQL_$1"; printf '%s' "${!a:-${!b:-}}"; }

if [ "${1:-}" = mariadbd ] || [ "${1:-}" = mysqld ]; then
  datadir=/var/lib/mysql
  if [ "$(id -u)" = 0 ]; then
    chown mysql:mysql "$datadir" /run/mysqld
  fi
  if [ ! -d "$datadir/mysql" ]; then
    root_pw=$(env_of ROOT_PASSWORD)
    if [ -z "$root_pw" ] && [ -z "$(env_of ALLOW_EMPTY_ROOT_PASSWORD)$(env_of ALLOW_EMPTY_PASSWORD)" ]; then
      echo "entrypoint: database is uninitialized and MARIADB_ROOT_PASSWORD is not set" >&2
      exit 1
    fi
    echo "entrypoint: initialising $datadir"
    mariadb-install-db --user=mysql --datadir="$datadir" --skip-test-db --auth-root-authentication-method=normal \
      >/dev/null
    mariadbd --user=mysql --datadir="$datadir" --skip-networking --socket=/run/mysqld/init.sock &
    pid=$!
    for _ in $(seq 60); do
      mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1 && break
      sleep 0.5
    done
    sql() { mariadb --protocol=socket --socket=/run/mysqld/init.sock -uroot "$@"; }
    db=$(env_of DATABASE) user=$(env_of USER) pw=$(env_of PASSWORD)
    q() { printf "%s" "$1" | sed "s/'/''/g"; }
    {
      echo "SET @@SESSION.SQL_LOG_BIN=0;"
      echo "DELETE FROM mysql.user WHERE user='';"
      echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '$(q "$root_pw")';"
      echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
      echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$(q "$root_pw")';"
      if [ -n "$db" ]; then echo "CREATE DATABASE IF NOT EXISTS \`$db\`;"; fi
      if [ -n "$user" ] && [ -n "$pw" ]; then
        echo "CREATE USER '$(q "$user")'@'%' IDENTIFIED BY '$(q "$pw")';"
        if [ -n "$db" ]; then echo "GRANT ALL ON \`$db\`.* TO '$(q "$user")'@'%';"; fi
      fi
      echo "FLUSH PRIVILEGES;"
    } | sql
    for f in /docker-entrypoint-initdb.d/*.sql; do
      [ -e "$f" ] || continue
      echo "entrypoint: running $f"
      MYSQL_PWD=$root_pw sql ${db:+"$db"} <"$f"
    done
    MYSQL_PWD=$root_pw mariadb-admin --socket=/run/mysqld/init.sock -uroot shutdown
    wait "$pid" || true
    echo "entrypoint: initialised"
  fi
  set -- "$@" --user=mysql --datadir="$datadir"
fi
exec "$@"
