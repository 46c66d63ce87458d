# Two commands do all set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TT := $(VENV)/bin/tradetrace
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= demo.db

.PHONY: setup demo test lint unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,model]"
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	rm -rf $(DEMO_DB)
	$(TT) ingest examples/corpus --db $(DEMO_DB)
	$(TT) stats --db $(DEMO_DB)
	$(TT) entities --db $(DEMO_DB) --type Good

lint: setup
	$(VENV)/bin/ruff check ontology ingest graph queries tradetrace tests bench
	$(VENV)/bin/mypy

unit: setup
	$(PY) -m pytest

test: lint unit

bench: setup
	$(PY) bench/accuracy.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .mypy_cache .ruff_cache
