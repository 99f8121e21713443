# Two commands set up everything: `make demo` runs the platform on the embedded default (SQLite, the filesystem
# Celery broker, demo data); `make test` runs lint (ruff, mypy), migration checks and the whole test suite.
SHELL := /bin/bash
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := static/vendor

.PHONY: demo test install assets translations lint pytest check-deploy serve clean bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || exit 1
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

# Bootstrap and htmx from the npm registry, copied into our own static files (no CDN at run time); with them the
# tests' development dependencies (axe-core, the Nu HTML Checker), which stay in node_modules and are never served.
assets: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json scripts/vendor-assets scripts/plotly-css.js
	@if ! command -v npm >/dev/null; then \
	  echo "npm is needed once to fetch the front-end assets: apt-get install npm (or install Node.js)"; exit 1; fi
	scripts/vendor-assets
	@touch $@

translations: install
	$(MANAGE) compiletranslations

demo: install assets translations
	$(MANAGE) migrate --no-input
	$(MANAGE) loaddemo
	@$(MAKE) --no-print-directory serve

# The web server and a Celery worker side by side; Ctrl-C stops both. The worker logs to var/worker.log, so the
# console keeps the address and the logins in sight; they are printed once the site answers.
serve:
	@mkdir -p var; echo; echo "Starting a Celery worker (log: var/worker.log) and the web server on http://$(HOST):$(PORT)/"; \
	$(BIN)/celery -A config worker --loglevel=INFO --concurrency=2 --logfile=var/worker.log >>var/worker.log 2>&1 & worker=$$!; \
	$(MANAGE) runserver --noreload $(HOST):$(PORT) & web=$$!; \
	trap 'kill $$worker $$web 2>/dev/null; wait $$worker $$web 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python scripts/wait-for-site http://$(HOST):$(PORT)/healthz \
	  && { echo; echo "The platform answers on http://$(HOST):$(PORT)/"; $(MANAGE) demologins; echo; }; \
	wait $$web

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=example.org DATABASE_URL=$${DATABASE_URL:-sqlite:///var/check.sqlite3} \
	  CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} EMAIL_URL=smtp://mail.example.org:587/?tls=True \
	  $(MANAGE) check --deploy --fail-level WARNING

# The suite runs in one process per core (pytest-xdist); PYTEST_ARGS="-n 0" runs it in one.
pytest: install assets translations
	$(BIN)/pytest --numprocesses=auto $(PYTEST_ARGS)

test: lint check-deploy
	$(MANAGE) makemigrations --check --dry-run
	@$(MAKE) --no-print-directory pytest

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var

# PostgreSQL for the figures the issues' targets name: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_activities
bench: install
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/after_change.py
	$(BIN)/python bench/activity_import.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/roster_import.py
	$(BIN)/python bench/import_header.py
	$(BIN)/python bench/activity_list.py
	$(BIN)/python bench/api_list.py
	$(BIN)/python bench/survey_import.py
	$(BIN)/python bench/digest.py
	$(BIN)/python bench/dashboard.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/export.py
