#!/bin/sh
# Runs after the essential packages are unpacked, before mariadb-server creates its user: give
# mysql the fixed uid/gid 999 of the official image so data directories move between the two.
set -eu
root=$1
grep -q '^mysql:' "$root/etc/group" || echo 'mysql:x:999:' >>"$root/etc/group"
grep -q '^mysql:' "$root/etc/passwd" \
  || echo 'mysql:x:999:999:MariaDB Server,,,:/nonexistent:/bin/false' >>"$root/etc/passwd"
