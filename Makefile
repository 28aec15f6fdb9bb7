# One command for each job; each sets up the virtual environment first when needed.
#   make coach   - the terminal coach (no Discord needed)
#   make run     - the Discord bot (needs DISCORD_TOKEN)
#   make test    - lint and the whole test suite
#   make lock    - pin the dependencies again after changing pyproject.toml
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BYTECODE := $(VENV)/.bytecode
SOURCES := $(shell find bot -name '*.py')

.PHONY: setup coach run test lint bench lock

# Dependencies come from requirements.lock (exact versions and hashes, so a fresh clone
# installs what CI tested); the project itself is installed on top, editable, without them.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The project's bytecode, compiled ahead as installing a wheel would: a start then loads it
# instead of compiling every module again, even where writing bytecode is turned off
# (PYTHONDONTWRITEBYTECODE). Compiled again whenever a source file changes.
$(BYTECODE): $(STAMP) $(SOURCES)
	$(BIN)/python -m compileall -q bot
	touch $(BYTECODE)

# After changing the dependencies in pyproject.toml: pin them again (pip-tools, in its own venv).
lock:
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet pip-tools
	.lock-venv/bin/pip-compile --quiet --no-emit-index-url --no-emit-find-links \
		--allow-unsafe --extra=dev --generate-hashes --strip-extras \
		--output-file=requirements.lock pyproject.toml

setup: $(BYTECODE)

coach: $(BYTECODE)
	$(BIN)/seller-coach coach

run: $(BYTECODE)
	$(BIN)/seller-coach run

test: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/seller-coach lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/ruff format --check bot tests
	$(BIN)/seller-coach lint

bench: $(BYTECODE)
	$(BIN)/seller-coach bench
