# Two commands matter: `make serve` (site with data on http://127.0.0.1:8000, or PORT=…) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PRODUCTION_STAMP := $(VENV)/.installed-production-stamp
DEV := DEBUG=1
PORT ?= 8000

.PHONY: install install-production serve serve-prod migrate load test test-browser browser-deps lint format backup restore clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# What a server runs needs the project's dependencies only. The test tools stay off it, and so does what they bring
# along: DRF imports requests and Pygments whenever they are installed, 5 MB more in every gunicorn worker.
$(PRODUCTION_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(PRODUCTION_STAMP)

install-production: $(PRODUCTION_STAMP)

migrate: install
	$(DEV) $(BIN)/python manage.py migrate --noinput

load: migrate
	$(DEV) $(BIN)/python manage.py load_guide

serve: load
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production-like, DEBUG off: hashed and compressed static files, gunicorn with gunicorn.conf.py (BIND, WEB_CONCURRENCY).
# SQLite unless DATABASE_URL is set; without a SECRET_KEY a throw-away one is made (admin sessions end on restart).
serve-prod: export SECRET_KEY := $(or $(SECRET_KEY),$(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))'))
serve-prod: install-production
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_guide
	exec $(BIN)/gunicorn careerguide.wsgi -c gunicorn.conf.py

# All data (guide, HR edits, users, groups, tokens, history) to one file and back; the same DATABASE_URL rules
# as everywhere. FILE= names the file (backup default: var/backups/careerguide-<time>.json.gz).
MANAGE := $(if $(SECRET_KEY),,$(DEV)) $(BIN)/python manage.py

backup: install-production
	$(MANAGE) backup $(FILE)

restore: install-production
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/careerguide-<time>.json.gz"; exit 2; }
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) restore $(FILE)

test: install
	$(BIN)/python -m pytest -m "not browser"

test-browser: install browser-deps
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest -m browser

# ruff (configured in pyproject.toml) and migrations that match the models; `make format` rewrites in place.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Debian's Chromium and CJK fonts; Playwright's own browser download cannot be used.
browser-deps:
	@if ! command -v chromium >/dev/null || ! fc-list :lang=zh | grep -q .; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk; \
	fi

clean:
	rm -rf $(VENV) staticfiles screenshots .pytest_cache
