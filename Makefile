# Two commands do all set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TT := $(VENV)/bin/tradetrace
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= demo.db

.PHONY: setup demo test lint unit bench clean node-deps

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
	@echo "== How do ball bearings reach Russia?"
	$(TT) path China Russia --good "ball bearings" --db $(DEMO_DB)
	@echo "== Which export-controlled (CHPL) goods flow to Russia?"
	$(TT) goods --to Russia --chpl --db $(DEMO_DB)
	@echo "== Which figures are echoed, and by how many independent origins?"
	$(TT) corroborate --db $(DEMO_DB)
	@echo "== Contradicted, mutated or reused figures"
	$(TT) conflicts --db $(DEMO_DB)

lint: setup
	$(VENV)/bin/ruff check ontology ingest graph queries tradetrace tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Neo4j's own Cypher parser for tests/node/lint_cypher.mjs (skipped by pytest when node is absent).
node-deps:
	@if command -v npm >/dev/null 2>&1; then cd tests/node && npm ci --silent --no-audit --no-fund || npm install --silent --no-audit --no-fund; else echo 'npm not found: Cypher parser tests will be skipped'; fi

unit: setup node-deps
	$(PY) -m pytest

test: lint unit

bench: setup
	$(PY) bench/accuracy.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .mypy_cache .ruff_cache
