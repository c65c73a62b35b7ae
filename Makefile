# Two commands for a fresh machine with only Python and pip: `make run` and `make test`.
PYTHON ?= python3
UV := $(PYTHON) -m uv
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= goedwerk-demo
export DEMO_PASSWORD

.PHONY: run test install lint format messages uv

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv

install: uv
	$(UV) sync --frozen
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the browser tests will be skipped (see README, 'Tests')."; fi

## Install, migrate, load the demo content and serve the site on http://$(HOST):$(PORT)/
run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	@echo ""
	@echo "  Goed Werk runs on    http://$(HOST):$(PORT)/"
	@echo "  Wagtail admin        http://$(HOST):$(PORT)/admin/"
	@echo "  Partner portal       http://$(HOST):$(PORT)/nl/portaal/"
	@echo "  Demo logins (password: $(DEMO_PASSWORD)):"
	@$(MANAGE) demo_logins
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

## Run the whole test suite (SQLite unless DATABASE_URL is set)
test: install
	$(UV) run --frozen pytest

lint: uv
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

format: uv
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

## Extract interface strings into locale/ and compile the catalogues
messages: uv
	$(MANAGE) makemessages --all --no-obsolete --ignore=node_modules --ignore=.venv --ignore=var
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules
