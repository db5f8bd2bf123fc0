#!/bin/sh
# Runs inside mmdebstrap once every package is installed: lays the file system out like the
# official mariadb image and drops what a server container never needs.
set -eu
root=$1

# The package initialised a data directory at install time; the entrypoint makes its own, as the
# official image does, from its environment (root password, database, user).
rm -rf "$root/var/lib/mysql"
install -d -o 999 -g 999 -m 0755 "$root/var/lib/mysql"
install -d -m 0755 "$root/docker-entrypoint-initdb.d"

# Listen on every address (the container's network), never resolve client host names.
cat >"$root/etc/mysql/mariadb.conf.d/90-container.cnf" <<'CNF'
[mariadbd]
bind-address = 0.0.0.0
skip-name-resolve
CNF

rm -rf "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/* "$root"/var/log/*.log "$root"/var/log/apt/* \
  "$root"/usr/share/doc/*/changelog* "$root"/usr/share/common-licenses "$root"/var/cache/debconf/*-old \
  "$root"/usr/share/man
