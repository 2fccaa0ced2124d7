# Needs only Python 3.11+ and make: the first run installs uv into .tools/ and the locked
# dependencies into .venv/.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
RUN := $(UV) run --frozen
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)

.PHONY: run demo test lint lint-openapi openapi client config-doc migrate worker clean messages

run: .venv/.synced ## serve on 127.0.0.1:8000 (embedded PostgreSQL unless AFTERCARE_DATABASE_URL)
	$(RUN) aftercare serve --migrate --bootstrap-admin-key

demo: .venv/.synced ## fill the database with demo data (DEMO_ARGS="--scale 100000 --seed 2")
	$(RUN) aftercare demo $(DEMO_ARGS)

test: .venv/.synced ## the whole suite (AFTERCARE_TEST_DATABASE_URL, else embedded PostgreSQL)
	$(RUN) pytest $(PYTEST_ARGS)

lint: .venv/.synced
	$(RUN) ruff check .
	$(RUN) mypy
	$(RUN) lint-imports --no-cache --no-logo
	$(MAKE) lint-openapi

OPENAPI_LINT := tools/openapi-lint
# Neither linter may phone home: no telemetry, no update check.
OPENAPI_LINT_ENV := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

lint-openapi: $(OPENAPI_LINT)/node_modules/.installed ## Redocly and Spectral on openapi/openapi.json
	cd $(OPENAPI_LINT) && $(OPENAPI_LINT_ENV) node_modules/.bin/redocly lint --config redocly.yaml ../../openapi/openapi.json
	cd $(OPENAPI_LINT) && node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity error --display-only-failures ../../openapi/openapi.json

# The linters' pinned versions (package-lock.json), from the npm registry; needs Node.js and npm.
$(OPENAPI_LINT)/node_modules/.installed: $(OPENAPI_LINT)/package.json $(OPENAPI_LINT)/package-lock.json
	@command -v npm >/dev/null || { echo "make lint-openapi needs Node.js and npm"; exit 1; }
	npm ci --prefix $(OPENAPI_LINT) --no-audit --no-fund --loglevel=error
	touch $@

openapi: .venv/.synced ## regenerate openapi/openapi.json from the app
	$(RUN) aftercare openapi

client: .venv/.synced ## regenerate the typed Python client (clients/python) from openapi/openapi.json
	$(RUN) python clients/python/regenerate.py

config-doc: .venv/.synced ## rewrite README.md's Configuration table from app/config.py
	$(RUN) aftercare config-doc --write README.md

migrate: .venv/.synced ## apply the database migrations
	$(RUN) aftercare migrate

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen
	touch $@

clean:
	rm -rf .venv .tools $(OPENAPI_LINT)/node_modules

messages: .venv/.synced ## extract the customer pages' texts into the catalogues (app/web/locales)
	$(RUN) pybabel extract -F babel.cfg -k N_ -o app/web/locales/messages.pot --no-location --omit-header --sort-output .
	$(RUN) pybabel update -i app/web/locales/messages.pot -d app/web/locales --no-fuzzy-matching --width 100
	rm app/web/locales/messages.pot
