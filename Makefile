# One command for each job; each sets up the virtual environment first when needed.
#   make coach   - the terminal coach (no Discord needed)
#   make run     - the Discord bot (needs DISCORD_TOKEN)
#   make test    - lint and the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup coach run test lint bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

coach: $(STAMP)
	$(BIN)/seller-coach coach

run: $(STAMP)
	$(BIN)/seller-coach run

test: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/seller-coach lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/ruff format --check bot tests
	$(BIN)/seller-coach lint

bench: $(STAMP)
	$(BIN)/seller-coach bench
