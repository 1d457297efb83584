# Two commands on a fresh machine: `make site`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve check lint messages clean

site: $(STAMP)
	$(BIN)/python -m generator build

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/python -m generator check

serve: $(STAMP)
	$(BIN)/python -m generator serve

# Gather the interface strings of templates and code, and merge them into each catalog.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k pgettext:1c,2 -o templates/locale/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i templates/locale/messages.pot -d templates/locale --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf output .pytest_cache
