#!/usr/bin/env bash
# `make serve`: the production profile, configured from the environment.
#   DATABASE_URL         PostGIS (default postgis://postgres@127.0.0.1:5432/conflictmap)
#   REDIS_URL            cache and job broker (default redis://127.0.0.1:6379/0;
#                        set it empty for the file cache in var/cache)
#   DATABASE_REPLICA_URL optional read replica (see conflictmap/db_router.py)
#   SECRET_KEY           default: a random key kept in var/secret-key (mode 600)
#   SECURE_SSL_REDIRECT  0 by default here (plain http on loopback); set 1 behind a
#                        TLS proxy that sends X-Forwarded-Proto
#   HOST, PORT, WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_TIMEOUT: see
#                        conflictmap/gunicorn_conf.py
#   SERVE_BOOTSTRAP      1 (default): migrate and load the packaged data first, as
#                        `make run` does (idempotent); 0 to only migrate
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
export DJANGO_SETTINGS_MODULE=conflictmap.settings.prod
export DATABASE_URL=${DATABASE_URL:-postgis://postgres@127.0.0.1:5432/conflictmap}
export REDIS_URL=${REDIS_URL-redis://127.0.0.1:6379/0}
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-0}
if [ -z "${SECRET_KEY:-}" ]; then
  if [ ! -s var/secret-key ]; then
    (umask 077; .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret-key)
  fi
  SECRET_KEY=$(cat var/secret-key)
  export SECRET_KEY
fi
scripts/ensure-database.sh
if [ "${SERVE_BOOTSTRAP:-1}" = 1 ]; then
  .venv/bin/python manage.py bootstrap
else
  .venv/bin/python manage.py migrate --noinput -v0
fi
.venv/bin/python manage.py collectstatic --noinput -v0
echo "Serving the production profile at http://${HOST:-127.0.0.1}:${PORT:-8000}/ (JSON logs on stdout)" >&2
exec .venv/bin/gunicorn -c conflictmap/gunicorn_conf.py conflictmap.wsgi
