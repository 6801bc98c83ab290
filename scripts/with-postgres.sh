#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster from Debian's `postgresql` package, in a
# temporary folder, stopped and removed when the command ends, however it ends:
#     scripts/with-postgres.sh cargo test -p tilslut-server --test '*'
# The command finds the server as TILSLUT_TEST_POSTGRES=postgres://postgres@127.0.0.1:<port>, and
# can stop and start it with TILSLUT_TEST_POSTGRES_CTL (`$TILSLUT_TEST_POSTGRES_CTL stop`).
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
    echo "error: no PostgreSQL server; run scripts/setup.sh --postgres (Debian's postgresql package)" >&2
    exit 1
fi
dir=$(mktemp -d /tmp/tilslut-postgres.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

[ "$(id -u)" -ne 0 ] || chown postgres "$dir"
# `$dir/ctl start|stop`: pg_ctl for this cluster, as its owner. The tests of an outage use it too.
cat > "$dir/ctl" <<CTL
#!/bin/sh
# Durability is not what a throwaway cluster is for; speed is. Many test servers at once.
command="'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w -m fast \$1 -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 \
    -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\""
if [ "\$(id -u)" -eq 0 ]; then exec su postgres -s /bin/sh -c "\$command"; else exec sh -c "\$command"; fi
CTL
chmod 755 "$dir/ctl"

stop() {
    "$dir/ctl" stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT

if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "'$bin/initdb' -D '$dir/data' -U postgres -A trust --no-sync" >/dev/null
else
    "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
fi
"$dir/ctl" start >/dev/null

export TILSLUT_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port"
export TILSLUT_TEST_POSTGRES_CTL="$dir/ctl"
echo "PostgreSQL at $TILSLUT_TEST_POSTGRES (in $dir)" >&2
"$@"
