# Two commands for a fresh machine with only Python and pip: `make run` and `make test`.
PYTHON ?= python3
# uv's version lives in .uv-version (the only place). When PYTHON's pip refuses to install
# (Debian/Ubuntu: PEP 668 "externally-managed-environment", or PIP_REQUIRE_VIRTUALENV), uv goes
# into a project-local virtual environment, UV_TOOLS.
UV_VERSION := $(shell cat .uv-version)
UV_TOOLS ?= .venv-tools
UV = $(if $(wildcard $(UV_TOOLS)/bin/uv),$(UV_TOOLS)/bin/uv,$(PYTHON) -m uv)
MANAGE = $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= goedwerk-demo
export DEMO_PASSWORD

.PHONY: run test install lint format messages uv uv-command assets

## Make uv $(UV_VERSION) available: PYTHON's own, else pip install, else in $(UV_TOOLS)/
uv:
	@if [ -x $(UV_TOOLS)/bin/uv ]; then \
	  [ "$$($(UV_TOOLS)/bin/uv --version | cut -d' ' -f2)" = "$(UV_VERSION)" ] \
	    || $(UV_TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"; \
	elif [ "$$($(PYTHON) -m uv --version 2>/dev/null | cut -d' ' -f2)" = "$(UV_VERSION)" ]; then :; \
	elif $(PYTHON) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)" 2>/dev/null; then :; \
	else \
	  echo "pip refuses to install into $(PYTHON) (PEP 668 or PIP_REQUIRE_VIRTUALENV): uv goes into $(UV_TOOLS)/"; \
	  rm -rf $(UV_TOOLS); \
	  if $(PYTHON) -m venv $(UV_TOOLS) >/dev/null 2>&1; then \
	    $(UV_TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"; \
	  else \
	    echo "(no ensurepip: pip installs into the new environment from outside)"; \
	    $(PYTHON) -m venv --without-pip $(UV_TOOLS) \
	      && $(PYTHON) -m pip --python $(UV_TOOLS)/bin/python install --quiet "uv==$(UV_VERSION)"; \
	  fi; \
	fi
	@if [ -x $(UV_TOOLS)/bin/uv ]; then $(UV_TOOLS)/bin/uv --version; else $(PYTHON) -m uv --version; fi >/dev/null

## Print the uv command the other targets use (for scripts: UV=$$(make -s uv-command))
uv-command:
	@echo "$(UV)"

install: uv
	@$(UV) sync --frozen --quiet
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the browser tests will be skipped (see README, 'Tests')."; fi

## Install, migrate, load the demo content and serve the site on http://$(HOST):$(PORT)/
# Links the site writes (e-mails, iCalendar, feeds) use the address it is served on.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: install
	@$(MANAGE) migrate --no-input -v 0
	@echo "Database migrated."
	@$(MANAGE) load_demo
	@echo ""
	@echo "  Goed Werk runs on    http://$(HOST):$(PORT)/"
	@echo "  Wagtail admin        http://$(HOST):$(PORT)/admin/"
	@echo "  Partner portal       http://$(HOST):$(PORT)/nl/portaal/"
	@echo "  Demo logins (password: $(DEMO_PASSWORD)):"
	@$(MANAGE) demo_logins
	@echo ""
	@$(MANAGE) runserver $(HOST):$(PORT)

## Run the whole test suite (SQLite unless DATABASE_URL is set)
test: install
	$(UV) run --frozen pytest

## Copy the NL Design System CSS the site uses from node_modules into site/static/vendor/nlds/
assets:
	npm ci --no-audit --no-fund --silent
	bin/vendor-nlds

## Lint Python (ruff), templates (djlint) and CSS (stylelint); the same hooks run in pre-commit
STYLELINT = node_modules/.bin/stylelint
lint: uv
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen djlint --lint .
	@[ -x $(STYLELINT) ] || { echo "stylelint is missing: run npm ci (see README, 'Tests')"; exit 1; }
	$(STYLELINT) "**/static/**/*.css"

format: uv
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

## Extract interface strings into locale/ and compile the catalogues
messages: uv
	$(MANAGE) makemessages --all --no-obsolete --ignore=node_modules --ignore=.venv --ignore=var
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules
