#!/usr/bin/env bash
# Make sure a PostgreSQL streaming replica of this machine's cluster "main"
# (127.0.0.1:5432) runs as cluster "replica" on 127.0.0.1:5433, for the read
# replica tests (tests/test_replica.py) and DATABASE_REPLICA_URL.
#
# Idempotent: a replica that is already streaming returns at once; a stopped one
# is started; a missing or broken one is (re)built: pg_createcluster, then
# pg_basebackup -R of the primary into its data directory (standby.signal and
# primary_conninfo), then started and checked with pg_is_in_recovery() and
# pg_stat_wal_receiver. The primary is only given what replication needs: a
# pg_hba rule letting 127.0.0.1 connect for replication (then a reload);
# wal_level=replica and max_wal_senders are PostgreSQL 15's defaults.
# Exit 0 when streaming, non-zero with a message otherwise. Run as root (or postgres).
set -euo pipefail
VERSION=${PG_VERSION:-15}
NAME=${REPLICA_CLUSTER:-replica}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
CONF=/etc/postgresql/$VERSION
DATA=/var/lib/postgresql/$VERSION/$NAME

as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
sql() { psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atqc "$2" 2>/dev/null; }
streaming() {
  pg_isready -q -h 127.0.0.1 -p "$REPLICA_PORT" &&
    [ "$(sql "$REPLICA_PORT" 'SELECT pg_is_in_recovery()')" = t ] &&
    [ "$(sql "$REPLICA_PORT" 'SELECT status FROM pg_stat_wal_receiver')" = streaming ]
}
wait_streaming() {
  for _ in $(seq 1 "$1"); do streaming && return 0; sleep 0.5; done
  return 1
}
exists() { pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$VERSION $NAME"; }

if streaming; then
  echo "replica: streaming from :$PRIMARY_PORT on :$REPLICA_PORT"
  exit 0
fi
pg_isready -q -h 127.0.0.1 -p "$PRIMARY_PORT" || { echo "replica: no primary on :$PRIMARY_PORT" >&2; exit 3; }

if exists && [ -f "$DATA/standby.signal" ]; then
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start 2>/dev/null || true
  if wait_streaming 20; then
    echo "replica: started, streaming on :$REPLICA_PORT"
    exit 0
  fi
  echo "replica: not streaming (too far behind, or broken); rebuilding it"
fi

# The primary: let 127.0.0.1 connect for replication (first matching rule wins).
hba=$CONF/main/pg_hba.conf
rule="host replication all 127.0.0.1/32 trust"
if ! grep -qxF "$rule" "$hba"; then
  { echo "# conflictmap read replica (scripts/ensure-replica.sh)"; echo "$rule"; cat "$hba"; } > "$hba.new"
  chown --reference="$hba" "$hba.new"; chmod --reference="$hba" "$hba.new"
  mv "$hba.new" "$hba"
  sql "$PRIMARY_PORT" "SELECT pg_reload_conf()" >/dev/null
fi

# A fresh cluster whose limits are at least the primary's (a hot standby refuses
# to start otherwise), then the primary's data in it.
if exists; then pg_dropcluster --stop "$VERSION" "$NAME"; fi
options=()
for setting in max_connections max_worker_processes max_wal_senders max_prepared_transactions \
  max_locks_per_transaction; do
  options+=(-o "$setting=$(sql "$PRIMARY_PORT" "SHOW $setting")")
done
pg_createcluster "$VERSION" "$NAME" -p "$REPLICA_PORT" "${options[@]}" -o hot_standby=on \
  -o "listen_addresses='127.0.0.1'" >/dev/null
cp "$hba" "$CONF/$NAME/pg_hba.conf"
chown postgres:postgres "$CONF/$NAME/pg_hba.conf"
find "$DATA" -mindepth 1 -delete
echo "replica: copying the primary with pg_basebackup (once)"
as_postgres pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DATA" -R -X stream -c fast
pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start
if wait_streaming 60; then
  echo "replica: built, streaming from :$PRIMARY_PORT on :$REPLICA_PORT"
  exit 0
fi
echo "replica: started but not streaming; see /var/log/postgresql/postgresql-$VERSION-$NAME.log" >&2
exit 1
