#!/bin/sh
# Runs after the essential packages are unpacked, before postgresql-common creates its user: give
# postgres the fixed uid/gid 999 of the official image so data directories move between the two.
set -eu
root=$1
grep -q '^postgres:' "$root/etc/group" || echo 'postgres:x:999:' >>"$root/etc/group"
grep -q '^postgres:' "$root/etc/passwd" \
  || echo 'postgres:x:999:999:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash' >>"$root/etc/passwd"
