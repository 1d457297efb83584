# Two commands on a fresh machine: `make site`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make site` installs the generator and what building needs; `make test` adds the test tools
# (pytest, Playwright, mypy...: most of the .venv's size).
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-tests
# Checkers the tests run against the built site: axe-core and the Nu Html Checker (needs Java).
NODE_STAMP := tests/node_modules/.installed

.PHONY: site test serve check lint messages clean bench lighthouse schemas fuzz

site: $(STAMP)
	$(BIN)/python -m generator build

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

$(NODE_STAMP): tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(NODE_STAMP)

test: $(TEST_STAMP) $(NODE_STAMP) lint
	$(BIN)/python -m pytest -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check --quiet generator tests bench
	$(BIN)/ruff format --check --quiet generator tests bench
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/python -m generator check

# The JSON Schemas that give editors completion and red underlines in VS Code (.vscode/settings.json).
schemas: $(STAMP)
	$(BIN)/python -m generator schemas docs/schemas

serve: $(STAMP)
	$(BIN)/python -m generator serve

# Gather the interface strings of templates and code, and merge them into each catalog.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k pgettext:1c,2 -o templates/locale/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i templates/locale/messages.pot -d templates/locale --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf output .pytest_cache

# Time cold build, one-edit rebuild and serve against Hugo at N=1000 and N=5000, without the search
# index; then the site as published (search index included) against Hugo + Pagefind (bench/README.md).
bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/run.py --published

# Lighthouse (mobile) on every page type of the shipped site in both languages (bench/lighthouse.py).
LIGHTHOUSE_STAMP := bench/node_modules/.installed
$(LIGHTHOUSE_STAMP): bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(LIGHTHOUSE_STAMP)

lighthouse: $(STAMP) $(LIGHTHOUSE_STAMP)
	$(BIN)/python bench/lighthouse.py

# Every property test at length (tests/property_settings.py): over 10,000 random content trees
# through the build (`make test` draws a few dozen per run). About 20 minutes on two cores; run
# every night by .github/workflows/fuzz.yml. HYPOTHESIS_SEED=N replays the seed a run printed.
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -m hypothesis --hypothesis-show-statistics
