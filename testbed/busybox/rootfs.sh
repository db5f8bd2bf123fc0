#!/usr/bin/env bash
# Builds the root file system of the offline busybox:1.36 stand-in from Debian's busybox-static:
# the static binary, one symlink per applet in /bin, and the few files the official image has.
# usage: rootfs.sh DIR   (DIR must be empty or missing)
set -euo pipefail
dir=${1:?usage: rootfs.sh DIR}
bb=$(command -v busybox || echo /bin/busybox)
mkdir -p "$dir"/{bin,etc,root,tmp,home,var/spool/mail,var/www,usr/bin,usr/sbin,sbin}
chmod 1777 "$dir/tmp"
chmod 0700 "$dir/root"
cp "$bb" "$dir/bin/busybox"
for applet in $("$dir/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
done
cat >"$dir/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
P
cat >"$dir/etc/group" <<'G'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
wheel:x:10:root
mail:x:8:
www-data:x:33:
operator:x:37:
staff:x:50:
users:x:100:
nogroup:x:65534:
G
echo 'hosts: files dns' >"$dir/etc/nsswitch.conf"
