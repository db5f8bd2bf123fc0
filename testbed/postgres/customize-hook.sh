#!/bin/sh
# Runs inside mmdebstrap once every package is installed: lays the file system out like the
# official postgres:15 image and drops what a server container never needs.
set -eu
root=$1

# The package created a "main" cluster (initdb at install time); the entrypoint makes its own in
# $PGDATA, as in the official image, and later package runs must not create one either.
rm -rf "$root/var/lib/postgresql/15" "$root/etc/postgresql/15"
sed -ri 's/^#?\s*create_main_cluster\s*=.*/create_main_cluster = false/' "$root/etc/postgresql-common/createcluster.conf"

# initdb copies this sample: listen on every address by default, as the official image does.
sed -ri "s!^#?(listen_addresses)\s*=\s*\S+.*!\1 = '*'!" "$root/usr/share/postgresql/15/postgresql.conf.sample"
grep -qF "listen_addresses = '*'" "$root/usr/share/postgresql/15/postgresql.conf.sample"

# en_US.UTF-8 like the official image (LANG=en_US.utf8), then drop the locale sources.
echo 'en_US.UTF-8 UTF-8' >"$root/etc/locale.gen"
chroot "$root" locale-gen >/dev/null
rm -rf "$root/usr/share/i18n/locales" "$root/usr/share/i18n/charmaps"

# LLVM JIT: 100+ MB for an optimisation the test bed never needs. Without the provider library
# PostgreSQL simply does not JIT (jit stays "on" but inert), which changes no query result.
rm -rf "$root"/usr/lib/postgresql/15/lib/llvmjit* "$root"/usr/lib/postgresql/15/lib/bitcode
rm -f "$root"/usr/lib/x86_64-linux-gnu/libLLVM-14.so* "$root"/usr/lib/llvm-14/lib/libLLVM-14.so* \
  "$root"/usr/lib/x86_64-linux-gnu/libz3.so*

# Directories and modes of the official image (/run is emptied by mmdebstrap: see the Dockerfile).
install -d -o 999 -g 999 -m 1777 "$root/var/lib/postgresql"
install -d -o 999 -g 999 -m 1777 "$root/var/lib/postgresql/data"
install -d -m 0755 "$root/docker-entrypoint-initdb.d"

# Manual pages: the package needs its own during installation (update-alternatives checks them).
rm -rf "$root/usr/share/postgresql/15/man" "$root/usr/share/man"

# Caches a container never uses.
rm -rf "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/* "$root"/var/log/*.log "$root"/var/log/apt/* \
  "$root"/usr/share/doc/*/changelog* "$root"/usr/share/common-licenses "$root"/var/cache/debconf/*-old
