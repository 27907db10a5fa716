# Everyday verbs. `make demo` and `make test` set up everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
MANAGE := $(BIN)/python manage.py

.PHONY: help demo demo-setup test lint format bench audit lock messages check-gettext

help:
	@echo "make demo        set up SQLite with demo data and serve http://127.0.0.1:8000"
	@echo "make demo-setup  the same without serving"
	@echo "make test        run the whole test suite (PostgreSQL and Redis at 127.0.0.1)"
	@echo "make lint        ruff, mypy and bandit"
	@echo "make bench       the benchmarks under bench/ (load, faults, imports, matching)"
	@echo "make audit       pip-audit on the lock and bandit on our code"
	@echo "make lock        recompile requirements*.lock from pyproject.toml"

demo: demo-setup
	$(MANAGE) runserver 127.0.0.1:8000

demo-setup: $(STAMPS)/app-deps messages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_demo

test: $(STAMPS)/dev-deps $(STAMPS)/node-deps messages
	$(BIN)/python scripts/check_services.py
	$(BIN)/pytest

lint: $(STAMPS)/dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -r accounts announcements bridges companies config core demo events insights \
		leads matchmaking notifications pages scripts -ll -c pyproject.toml -q
	$(BIN)/mypy accounts/services.py notifications/services.py notifications/selectors.py \
		companies/services.py companies/importing.py companies/sides.py bridges/places.py \
		bridges/selectors.py core/exports.py matchmaking/engine matchmaking/profiles.py \
		matchmaking/config.py events/services.py events/selectors.py events/calendar.py events/times.py \
		leads/services.py leads/selectors.py leads/settlement.py leads/board.py leads/emails.py

format: $(STAMPS)/dev-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks use PostgreSQL (BENCH_DATABASE_URL, default: a database ruhrbridge_bench at 127.0.0.1).
bench: $(STAMPS)/dev-deps messages
	@for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Needs PyPI's advisory API (or OSV with PIP_AUDIT_SERVICE=osv): see docs/evidence.md.
audit: $(STAMPS)/dev-deps
	bash scripts/security_audit.sh

messages: check-gettext $(STAMPS)/app-deps
	$(MANAGE) compilemessages --ignore=.venv -v0

check-gettext:
	@command -v msgfmt >/dev/null || [ "$$(id -u)" != 0 ] || apt-get install -y -qq gettext >/dev/null
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: install gettext (sudo apt-get install gettext)."; exit 1; }

lock: $(BIN)/python
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q \
		-c requirements.lock -o requirements-dev.lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMPS)/app-deps: requirements.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/dev-deps: requirements-dev.lock $(STAMPS)/app-deps
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	@touch $@

# axe-core and the Nu HTML Checker for the browser tests' audit. Their install scripts stay off:
# vnu-jar's would download a Java runtime, and the system's JRE serves.
$(STAMPS)/node-deps: package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js and npm (sudo apt-get install nodejs npm)."; exit 1; }
	@command -v java >/dev/null || { echo "java is missing: install a JRE (sudo apt-get install default-jre-headless)."; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts -s
	@mkdir -p $(STAMPS) && touch $@
