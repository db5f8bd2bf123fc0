#!/usr/bin/env bash
# Builds the root file system of the offline postgres:15 stand-in as an uncompressed tarball:
# Debian bookworm (minbase) + postgresql-15 from Debian, no recommends, docs/man/translations dropped.
# usage: rootfs.sh OUT.tar   (as root; needs mmdebstrap and access to a Debian mirror)
# The caller caches OUT.tar keyed by a hash of this folder, so any change here rebuilds it.
set -euo pipefail
out=${1:?usage: rootfs.sh OUT.tar}
here=$(cd "$(dirname "$0")" && pwd -P)

# Mirrors: deb.debian.org (plus -updates and -security, which mmdebstrap adds for a stable suite)
# unless BERTH_DEBIAN_MIRROR names another one (a local mirror or proxy).
mirrors=()
if [ -n "${BERTH_DEBIAN_MIRROR:-}" ]; then mirrors=("$BERTH_DEBIAN_MIRROR"); fi

mmdebstrap --variant=minbase --mode=root --format=tar \
  --include=postgresql-15,locales,libnss-wrapper,xz-utils,zstd \
  --aptopt='APT::Install-Recommends "false"' \
  --aptopt='APT::Install-Suggests "false"' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --essential-hook="\"$here/essential-hook.sh\" \"\$1\"" \
  --customize-hook="\"$here/customize-hook.sh\" \"\$1\"" \
  bookworm "$out" "${mirrors[@]}"
