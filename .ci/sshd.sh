#!/usr/bin/env bash
# Starts the test bed's own SSH server for the remote-host tests (as root, idempotent):
#   - Debian's sshd with its own config, host keys and pid file in $BERTH_CI_STATE/sshd, listening on
#     127.0.0.1:${BERTH_SSH_PORT:-2222} only; the system's /etc/ssh is neither read nor changed;
#   - the user berth-ssh (docker group, bash) that may log in there, with a random password and three
#     client keys: id_ed25519 (no passphrase), id_ed25519_pass (passphrase) and id_rsa, all in
#     $BERTH_CI_STATE/sshd/client (readable by root only).
# Nothing else may log in to it (AllowUsers). Prints nothing when everything is in place already.
set -euo pipefail
STATE=${BERTH_CI_STATE:-/var/tmp/berth-ci}
PORT=${BERTH_SSH_PORT:-2222}
USER_NAME=berth-ssh
D="$STATE/sshd"
C="$D/client"
log() { printf '[sshd %(%H:%M:%S)T] %s\n' -1 "$*"; }

command -v /usr/sbin/sshd >/dev/null || { echo "sshd.sh: /usr/sbin/sshd missing (apt-get install openssh-server)" >&2; exit 1; }
mkdir -p "$D" "$C"
chmod 755 "$D"
chmod 700 "$C"

# --- the test user ---------------------------------------------------------------------------------
if ! id "$USER_NAME" >/dev/null 2>&1; then
  log "creating user $USER_NAME (docker group)"
  useradd --create-home --shell /bin/bash --user-group "$USER_NAME"
fi
getent group docker >/dev/null || groupadd --system docker
id -nG "$USER_NAME" | tr ' ' '\n' | grep -qx docker || usermod -aG docker "$USER_NAME"
if [ ! -s "$C/password" ]; then
  # UsePAM is off, so a locked account ('!' in /etc/shadow) could not log in even with a key.
  head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$C/password"
  chmod 600 "$C/password"
fi
echo "$USER_NAME:$(cat "$C/password")" | chpasswd

# --- client keys -------------------------------------------------------------------------------------
[ -s "$C/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "berth-ci" -f "$C/id_ed25519"
[ -s "$C/id_rsa" ] || ssh-keygen -q -t rsa -b 3072 -N '' -C "berth-ci-rsa" -f "$C/id_rsa"
if [ ! -s "$C/id_ed25519_pass" ]; then
  head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$C/passphrase"
  chmod 600 "$C/passphrase"
  ssh-keygen -q -t ed25519 -N "$(cat "$C/passphrase")" -C "berth-ci-pass" -f "$C/id_ed25519_pass"
fi
home=$(getent passwd "$USER_NAME" | cut -d: -f6)
install -d -m 700 -o "$USER_NAME" -g "$USER_NAME" "$home/.ssh"
cat "$C/id_ed25519.pub" "$C/id_ed25519_pass.pub" "$C/id_rsa.pub" >"$home/.ssh/authorized_keys.new"
chown "$USER_NAME:$USER_NAME" "$home/.ssh/authorized_keys.new"
chmod 600 "$home/.ssh/authorized_keys.new"
mv "$home/.ssh/authorized_keys.new" "$home/.ssh/authorized_keys"

# --- host keys and config ----------------------------------------------------------------------------
for t in ed25519 ecdsa rsa; do
  [ -s "$D/ssh_host_${t}_key" ] || ssh-keygen -q -t "$t" -N '' -C "berth-ci-host" -f "$D/ssh_host_${t}_key"
done
cat >"$D/sshd_config.new" <<CFG
# Berth's test SSH server; started by .ci/sshd.sh, independent of /etc/ssh/sshd_config.
Port $PORT
ListenAddress 127.0.0.1
HostKey $D/ssh_host_ed25519_key
HostKey $D/ssh_host_ecdsa_key
HostKey $D/ssh_host_rsa_key
PidFile $D/sshd.pid
AllowUsers $USER_NAME
PermitRootLogin no
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM no
AuthorizedKeysFile .ssh/authorized_keys
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
AllowAgentForwarding no
X11Forwarding no
PrintMotd no
PrintLastLog no
MaxSessions 64
MaxStartups 64:30:128
ClientAliveInterval 15
ClientAliveCountMax 4
LogLevel VERBOSE
Subsystem sftp internal-sftp
CFG
changed=1
if [ -f "$D/sshd_config" ] && cmp -s "$D/sshd_config" "$D/sshd_config.new"; then
  changed=0
  rm "$D/sshd_config.new"
else
  mv "$D/sshd_config.new" "$D/sshd_config"
fi
# sshd needs its privilege separation folder (Debian's service script creates it).
install -d -m 755 /run/sshd
/usr/sbin/sshd -t -f "$D/sshd_config"

running() { [ -s "$D/sshd.pid" ] && kill -0 "$(cat "$D/sshd.pid")" 2>/dev/null; }
if running && [ "$changed" = 1 ]; then
  log "config changed: restarting the test sshd"
  kill "$(cat "$D/sshd.pid")"
  for _ in $(seq 1 50); do running || break; sleep 0.1; done
fi
if ! running; then
  log "starting the test sshd on 127.0.0.1:$PORT"
  /usr/sbin/sshd -f "$D/sshd_config" -E "$D/sshd.log"
  for _ in $(seq 1 50); do running && break; sleep 0.1; done
  running || { echo "sshd.sh: sshd did not start:" >&2; tail -20 "$D/sshd.log" >&2; exit 1; }
fi
# The tests read the client keys and the password as the user who runs them (root in CI).
ssh-keyscan -p "$PORT" 127.0.0.1 >/dev/null 2>&1 || { echo "sshd.sh: nothing answers on 127.0.0.1:$PORT" >&2; exit 1; }
