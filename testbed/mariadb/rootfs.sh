#!/usr/bin/env bash
# Builds the root file system of the offline mariadb:10.11 stand-in as an uncompressed tarball:
# Debian bookworm (minbase) + mariadb-server 10.11 from Debian, no recommends, docs dropped.
# usage: rootfs.sh OUT.tar   (as root; needs mmdebstrap and access to a Debian mirror)
# The caller caches OUT.tar keyed by a hash of this folder, so any change here rebuilds it.
set -euo pipefail
out=${1:?usage: rootfs.sh OUT.tar}
here=$(cd "$(dirname "$0")" && pwd -P)

mirrors=()
if [ -n "${BERTH_DEBIAN_MIRROR:-}" ]; then mirrors=("$BERTH_DEBIAN_MIRROR"); fi

mmdebstrap --variant=minbase --mode=root --format=tar \
  --include=mariadb-server,mariadb-client \
  --aptopt='APT::Install-Recommends "false"' \
  --aptopt='APT::Install-Suggests "false"' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook="\"$here/essential-hook.sh\" \"\$1\"" \
  --customize-hook="\"$here/customize-hook.sh\" \"\$1\"" \
  bookworm "$out" "${mirrors[@]}"
