#!/bin/sh
# Stand-in for an OpenIM image: answers health checks only (see the Dockerfile). Arguments (the
# service's command) are logged, not run.
mkdir -p /tmp/www
printf '{"standin":"openim","version":"%s"}' "$STANDIN_VERSION" > /tmp/www/status
echo "OpenIM stand-in ${STANDIN_VERSION} started (answers health checks only); ignored command: $*"
# openim-server and openim-chat log into their mounted log folders, as the real ones do.
for d in /openim/openim-server/_output/logs /openim/openim-chat/_output/logs; do
  if [ -d "$d" ]; then echo "$(date -u +%FT%TZ) stand-in ${STANDIN_VERSION} started" >> "$d/standin.log"; fi
done
trap 'exit 0' TERM INT
httpd -f -p 18999 -h /tmp/www &
wait
