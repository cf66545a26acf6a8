#!/usr/bin/env bash
# With DATABASE_URL=postgis://user@host:port/name, make sure the server answers,
# PostGIS is available and the database exists. SpatiaLite needs nothing.
set -euo pipefail
url=${DATABASE_URL:-}
case "$url" in
  postgis://*|postgres://*|postgresql://*) ;;
  *) exit 0 ;;
esac
rest=${url#*://}; authority=${rest%%/*}; name=${rest#*/}; name=${name%%\?*}
hostport=${authority##*@}; user=postgres
[[ "$authority" == *@* ]] && user=${authority%%@*} && user=${user%%:*}
export PGHOST=${hostport%%:*} PGPORT=5432
[[ "$hostport" == *:* ]] && PGPORT=${hostport##*:}
scripts/ensure-postgis.sh || { echo "PostgreSQL at $PGHOST:$PGPORT does not answer." >&2; exit 1; }
if ! psql -U "$user" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
  echo "Creating database $name"
  createdb -U "$user" "$name"
fi
