#!/bin/sh
# Stand-in for Mattermost: answers its health check only (see the Dockerfile).
set -e
log() { printf '{"timestamp":"%s","level":"%s","msg":"%s"}\n' "$(date -u +%FT%TZ)" "$1" "$2"; }
ds="${MM_SQLSETTINGS_DATASOURCE:?MM_SQLSETTINGS_DATASOURCE is not set}"
hostport="${ds#*@}"; hostport="${hostport%%/*}"
host="${hostport%:*}"; port="${hostport##*:}"
log info "Stand-in for Mattermost ${MM_STANDIN_VERSION} starting (answers health checks only)"
i=0
until echo | nc -w 2 "$host" "$port" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -gt 120 ]; then log fatal "database $host:$port unreachable"; exit 1; fi
  sleep 1
done
mkdir -p /tmp/www/api/v4/system /mattermost/config /mattermost/logs
printf '{"status":"OK","version":"%s"}' "$MM_STANDIN_VERSION" > /tmp/www/api/v4/system/ping
if [ ! -f /mattermost/config/config.json ]; then
  printf '{"ServiceSettings":{"SiteURL":"%s"},"FirstStartedBy":"%s"}\n' \
    "$MM_SERVICESETTINGS_SITEURL" "$MM_STANDIN_VERSION" > /mattermost/config/config.json
fi
echo "$MM_STANDIN_VERSION" >> /mattermost/logs/standin-starts.log
trap 'log info "Server stopped"; exit 0' TERM INT
httpd -f -p 8065 -h /tmp/www &
log info "Server is listening on [::]:8065"
wait
