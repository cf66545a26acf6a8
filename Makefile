# conflictmap: `make run` sets everything up and serves the map; `make test` runs
# the whole suite on SpatiaLite and on PostGIS. Both are idempotent.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# PostGIS used by `make test` (its test database is test_<name>).
PG_URL ?= postgis://postgres@127.0.0.1:5432/conflictmap

.PHONY: help setup sysdeps messages db run serve test test-spatialite test-postgis bench lint format check clean

help:
	@echo "make run    install what is missing, migrate, load demo data, serve http://$(HOST):$(PORT)/"
	@echo "make serve  the production profile: gunicorn, PostGIS, Redis cache (scripts/serve.sh)"
	@echo "make test   full test suite on SpatiaLite and PostGIS (browser tests included)"
	@echo "make bench  benchmarks with figures and ratios"
	@echo "make lint   ruff, Django checks, migrations check"

setup: sysdeps $(VENV)/.installed node_modules/.installed messages

# The translation catalogues: locale/*/LC_MESSAGES/*.po -> .mo (built, not committed).
messages: $(VENV)/.installed
	@$(PY) -m conflictmap.messages

sysdeps:
	@scripts/install-system-deps.sh

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || /usr/bin/python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

db: setup
	@mkdir -p var
	@scripts/ensure-database.sh
	$(PY) manage.py bootstrap

run: db
	@echo "Serving the map at http://$(HOST):$(PORT)/ (admin at /admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: setup
	@HOST="$(HOST)" PORT="$(PORT)" scripts/serve.sh

test: setup
	@PG_URL="$(PG_URL)" scripts/run-tests.sh

test-spatialite: setup
	@BACKENDS=spatialite scripts/run-tests.sh

test-postgis: setup
	@BACKENDS=postgis PG_URL="$(PG_URL)" scripts/run-tests.sh

bench: setup
	@PG_URL="$(PG_URL)" scripts/run-bench.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var test-artifacts .pytest_cache
