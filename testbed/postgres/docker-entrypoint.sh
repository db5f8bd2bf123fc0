#!/usr/bin/env bash
# Entrypoint of the offline postgres:15 stand-in. It follows the documented contract of the official
# image (https://hub.docker.com/_/postgres) so upstream compose files run unchanged:
#   POSTGRES_PASSWORD / POSTGRES_USER (default postgres) / POSTGRES_DB (default: the user),
#   POSTGRES_INITDB_ARGS, POSTGRES_INITDB_WALDIR, POSTGRES_HOST_AUTH_METHOD, the *_FILE variants,
#   PGDATA, /docker-entrypoint-initdb.d/*.sh|*.sql|*.sql.gz|*.sql.xz|*.sql.zst run once on an empty
#   data directory, the server running as "postgres" (uid 999) with PGDATA at mode 0700.
# Differences: no gosu (root drops privileges with setpriv from util-linux), no
# docker-ensure-initdb.sh.
set -Eeo pipefail

# usage: env_from_file VAR [DEFAULT]: VAR, or the contents of the file named by VAR_FILE (Docker
# secrets), or DEFAULT. Both set is an error because one would silently win.
env_from_file() {
	local var=$1 file_var="${1}_FILE" default=${2:-}
	if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
		printf >&2 'error: both %s and %s are set; set only one of them\n' "$var" "$file_var"
		exit 1
	fi
	local value=$default
	if [ -n "${!var:-}" ]; then
		value=${!var}
	elif [ -n "${!file_var:-}" ]; then
		value=$(<"${!file_var}")
	fi
	export "$var"="$value"
	unset "$file_var"
}

load_env() {
	env_from_file POSTGRES_PASSWORD
	env_from_file POSTGRES_USER postgres
	env_from_file POSTGRES_DB "$POSTGRES_USER"
	env_from_file POSTGRES_INITDB_ARGS
	: "${POSTGRES_HOST_AUTH_METHOD:=}"
	# PG_VERSION is what initdb writes last-but-not-least and what the server itself checks.
	DATA_EXISTS=
	if [ -s "$PGDATA/PG_VERSION" ]; then
		DATA_EXISTS=yes
	fi
}

# Create PGDATA (mode 0700, as PostgreSQL demands) and the socket folder; as root also hand them to
# postgres, which is what lets a fresh named or bind-mounted volume work.
prepare_dirs() {
	mkdir -p "$PGDATA"
	chmod 0700 "$PGDATA" || :
	mkdir -p /var/run/postgresql || :
	chmod 3775 /var/run/postgresql || :
	if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
		mkdir -p "$POSTGRES_INITDB_WALDIR"
		if [ "$(id -u)" = 0 ]; then
			find "$POSTGRES_INITDB_WALDIR" \! -user postgres -exec chown postgres: '{}' +
		fi
		chmod 0700 "$POSTGRES_INITDB_WALDIR"
	fi
	if [ "$(id -u)" = 0 ]; then
		find "$PGDATA" \! -user postgres -exec chown postgres: '{}' +
		find /var/run/postgresql \! -user postgres -exec chown postgres: '{}' +
	fi
}

check_init_env() {
	if [ "${#POSTGRES_PASSWORD}" -ge 100 ]; then
		printf >&2 '\nWARNING: POSTGRES_PASSWORD has 100 or more characters; psql via PGPASSWORD cannot use it.\n\n'
	fi
	if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
		cat >&2 <<-'EOF'
			Error: Database is uninitialized and superuser password is not specified.
			       You must specify POSTGRES_PASSWORD to a non-empty value for the
			       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

			       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
			       connections without a password. This is *not* recommended.
		EOF
		exit 1
	fi
	if [ "$POSTGRES_HOST_AUTH_METHOD" = trust ]; then
		printf >&2 'WARNING: POSTGRES_HOST_AUTH_METHOD=trust lets anyone who reaches the port in without a password.\n'
	fi
}

run_initdb() {
	# initdb wants the current uid in /etc/passwd; with an arbitrary --user fake one via nss_wrapper.
	local nss_files=
	if ! getent passwd "$(id -u)" >/dev/null 2>&1; then
		local lib
		for lib in /usr/lib/*/libnss_wrapper.so /usr/lib/libnss_wrapper.so; do
			if [ -s "$lib" ]; then
				NSS_WRAPPER_PASSWD=$(mktemp)
				NSS_WRAPPER_GROUP=$(mktemp)
				printf 'postgres:x:%s:%s:PostgreSQL:%s:/bin/false\n' "$(id -u)" "$(id -g)" "$PGDATA" >"$NSS_WRAPPER_PASSWD"
				printf 'postgres:x:%s:\n' "$(id -g)" >"$NSS_WRAPPER_GROUP"
				export LD_PRELOAD=$lib NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
				nss_files="$NSS_WRAPPER_PASSWD $NSS_WRAPPER_GROUP"
				break
			fi
		done
	fi
	local waldir=()
	if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
		waldir=(--waldir "$POSTGRES_INITDB_WALDIR")
	fi
	# POSTGRES_INITDB_ARGS is a shell word list by contract ("--data-checksums -E UTF8"), hence eval.
	# The trailing newline keeps --pwfile from refusing an empty password (trust setups).
	eval 'initdb --username="$POSTGRES_USER" --pwfile=<(printf "%s\n" "$POSTGRES_PASSWORD") '"$POSTGRES_INITDB_ARGS"' "${waldir[@]}"'
	if [ -n "$nss_files" ]; then
		rm -f $nss_files
		unset LD_PRELOAD NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
	fi
}

# Remote connections: POSTGRES_HOST_AUTH_METHOD, else what password_encryption says (scram-sha-256
# on 15). Local socket connections keep initdb's default (trust), as upstream.
configure_hba() {
	[ "$1" = postgres ] && shift
	local method=$POSTGRES_HOST_AUTH_METHOD
	if [ -z "$method" ]; then
		method=$(postgres -C password_encryption "$@")
	fi
	{
		printf '\n'
		printf 'host all all all %s\n' "$method"
	} >>"$PGDATA/pg_hba.conf"
}

# Named like upstream's helper because sourced init scripts may call it.
docker_process_sql() {
	local args=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
	if [ -n "$POSTGRES_DB" ]; then
		args+=(--dbname "$POSTGRES_DB")
	fi
	PGHOST= PGHOSTADDR= "${args[@]}" "$@"
}

# A socket-only server for setup: nothing outside the container sees a half-initialised database.
start_setup_server() {
	[ "$1" = postgres ] && shift
	set -- "$@" -c listen_addresses='' -p "${PGPORT:-5432}"
	PGUSER="${PGUSER:-$POSTGRES_USER}" pg_ctl -D "$PGDATA" -o "$(printf '%q ' "$@")" -w start
}

stop_setup_server() {
	PGUSER="${PGUSER:-postgres}" pg_ctl -D "$PGDATA" -m fast -w stop
}

create_database() {
	local exists
	exists=$(POSTGRES_DB= docker_process_sql --dbname postgres --set db="$POSTGRES_DB" --tuples-only <<-'EOSQL'
		SELECT 1 FROM pg_database WHERE datname = :'db';
	EOSQL
	)
	if [ -z "$exists" ]; then
		POSTGRES_DB= docker_process_sql --dbname postgres --set db="$POSTGRES_DB" <<-'EOSQL'
			CREATE DATABASE :"db";
		EOSQL
	fi
}

# Executable *.sh files run, others are sourced (they may use the functions above, like upstream's).
run_init_files() {
	# Old init scripts use "${psql[@]}" (upstream kept it for them).
	psql=(docker_process_sql)
	local f
	for f in "$@"; do
		case $f in
			*.sh)
				if [ -x "$f" ]; then
					printf '%s: running %s\n' "$0" "$f"
					"$f"
				else
					printf '%s: sourcing %s\n' "$0" "$f"
					# shellcheck disable=SC1090
					. "$f"
				fi
				;;
			*.sql) printf '%s: running %s\n' "$0" "$f"; docker_process_sql -f "$f" ;;
			*.sql.gz) printf '%s: running %s\n' "$0" "$f"; gunzip -c "$f" | docker_process_sql ;;
			*.sql.xz) printf '%s: running %s\n' "$0" "$f"; xzcat "$f" | docker_process_sql ;;
			*.sql.zst) printf '%s: running %s\n' "$0" "$f"; zstd -dc "$f" | docker_process_sql ;;
			*) printf '%s: ignoring %s\n' "$0" "$f" ;;
		esac
	done
}

wants_help() {
	local arg
	for arg; do
		case $arg in
			-'?' | --help | --describe-config | -V | --version) return 0 ;;
		esac
	done
	return 1
}

main() {
	if [ "${1:0:1}" = - ]; then
		set -- postgres "$@"
	fi
	if [ "$1" = postgres ] && ! wants_help "$@"; then
		load_env
		prepare_dirs
		if [ "$(id -u)" = 0 ]; then
			# Start over as postgres; exec keeps the server PID 1 so it gets the stop signal itself.
			export HOME=/var/lib/postgresql
			exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
		fi
		if [ -z "$DATA_EXISTS" ]; then
			check_init_env
			ls /docker-entrypoint-initdb.d/ >/dev/null
			run_initdb
			configure_hba "$@"
			export PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}"
			start_setup_server "$@"
			create_database
			shopt -s nullglob
			local files=(/docker-entrypoint-initdb.d/*)
			shopt -u nullglob
			run_init_files "${files[@]}"
			stop_setup_server
			unset PGPASSWORD
			printf '\nPostgreSQL init process complete; ready for start up.\n\n'
		else
			printf '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n'
		fi
	fi
	exec "$@"
}

main "$@"
