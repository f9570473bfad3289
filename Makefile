# EventWire: `make demo` sets everything up and runs the demo; `make test` runs the tests.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: setup demo test test-all lint bench quality serve clean

$(BIN)/eventwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

setup: $(BIN)/eventwire

demo: setup
	$(BIN)/eventwire demo

test: setup
	$(BIN)/pytest -q

test-all: setup
	$(BIN)/pytest -q -m "slow or not slow"

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/ingest.py

quality: setup
	$(BIN)/python bench/quality.py

serve: setup
	$(BIN)/eventwire serve

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm
