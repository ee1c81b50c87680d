#!/usr/bin/env bash
# A PostgreSQL primary and a synchronous streaming standby on this machine (issue 19, item 4), with PostgreSQL's own
# replication: for the failover test and for trying a failover by hand. Not a production setup: see README
# "Backups and failover" (Patroni) for that.
#
#   scripts/pg-standby.sh start DIR PRIMARY_PORT STANDBY_PORT   initdb, start the primary, base-backup and start the
#                                                               standby, wait until it is the synchronous one
#   scripts/pg-standby.sh kill-primary DIR                      stop the primary at once, as a crash does
#   scripts/pg-standby.sh promote DIR                           make the standby the primary
#   scripts/pg-standby.sh stop DIR                              stop both and remove DIR
#
# Both servers listen on 127.0.0.1 only and trust local connections; the superuser is "aigaq", the database "aigaq".
# Run as root (the servers then run as postgres) or as a user who may run PostgreSQL's binaries.
set -euo pipefail
BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
cmd="${1:?command}"
dir="${2:?directory}"

as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
    primary_port="${3:?primary port}"
    standby_port="${4:?standby port}"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "$BIN/initdb" -D "$dir/primary" -U aigaq --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    as_pg "$BIN/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w -o \
        "-p $primary_port -k $dir -c listen_addresses=127.0.0.1 -c wal_level=replica -c max_wal_senders=4 -c fsync=off" \
        start >/dev/null
    as_pg "$BIN/createdb" -h 127.0.0.1 -p "$primary_port" -U aigaq aigaq
    as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U aigaq -D "$dir/standby" -X stream -R \
        -d "host=127.0.0.1 port=$primary_port user=aigaq application_name=standby"
    as_pg "$BIN/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -w -o \
        "-p $standby_port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    # Only now, and only on the primary (the base backup is taken): every commit waits until the standby has it. Set
    # before the backup, the standby would inherit it and, once promoted, wait forever for a standby of its own.
    as_pg psql -h 127.0.0.1 -p "$primary_port" -U aigaq -d aigaq -qc "ALTER SYSTEM SET synchronous_standby_names = 'standby'" \
        -c "ALTER SYSTEM SET synchronous_commit = 'on'" -c "SELECT pg_reload_conf()" >/dev/null
    for _ in $(seq 1 100); do
        state=$(as_pg psql -h 127.0.0.1 -p "$primary_port" -U aigaq -d aigaq -tAc \
            "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'" || true)
        [ "$state" = sync ] && exit 0
        sleep 0.1
    done
    echo "pg-standby: the standby did not become synchronous (see $dir/standby.log)" >&2
    exit 1
    ;;
kill-primary)
    as_pg "$BIN/pg_ctl" -D "$dir/primary" -m immediate stop >/dev/null
    ;;
promote)
    as_pg "$BIN/pg_ctl" -D "$dir/standby" -w promote >/dev/null
    ;;
stop)
    for node in primary standby; do
        [ -f "$dir/$node/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$dir/$node" -m immediate stop >/dev/null 2>&1 || true
    done
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start DIR PRIMARY_PORT STANDBY_PORT | kill-primary DIR | promote DIR | stop DIR" >&2
    exit 2
    ;;
esac
