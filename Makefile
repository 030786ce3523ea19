# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make report   set up and run the report suite on seeds/ (or CORPUS=path)
#   make test     set up and run the tests and the linter
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= seeds
OUT ?= out/$(notdir $(abspath $(CORPUS)))
PEER ?= ../shared/peer/drugdetection-train

.PHONY: setup report extract test lint eval-seeds eval-genre eval-peer clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed  ## create .venv and install the package with test tools

report: setup  ## extract tables from CORPUS (default seeds/) into OUT and print them
	$(PY) -m analysis extract $(CORPUS) --out $(OUT)
	$(PY) -c "from analysis.store import read_tables; import pandas as pd; pd.set_option('display.width', 200); pd.set_option('display.max_columns', 12); t = read_tables('$(OUT)'); [print(f'\n== {n} ==\n', f.drop(columns=[c for c in ('sentence', 'path') if c in f]).head(20).to_string()) for n, f in t.items()]"

extract: setup  ## extract tables from CORPUS into OUT
	$(PY) -m analysis extract $(CORPUS) --out $(OUT)

test: setup  ## run the test suite and the linter
	$(PY) -m pytest -q
	$(VENV)/bin/ruff check analysis tests benchmarks

lint: setup  ## ruff only
	$(VENV)/bin/ruff check analysis tests benchmarks

eval-seeds: setup  ## score the extractor on the seed documents
	$(PY) -m analysis evaluate --gold tests/gold/seeds --corpus seeds --fields

eval-genre: setup  ## score the extractor on the project's own genre documents
	$(PY) -m analysis evaluate --gold tests/fixtures/genre/seizures/gold --corpus tests/fixtures/genre/seizures/docs --fields
	$(PY) -m analysis evaluate --gold tests/fixtures/genre/cooperation/gold --corpus tests/fixtures/genre/cooperation/docs --fields

eval-peer: setup  ## score seizures on the peer set (document + kilograms), needs ../shared
	@test -d $(PEER) || { echo "eval-peer: $(PEER) not found (set PEER=...)"; exit 1; }
	$(PY) -m analysis extract $(PEER)/docs --out out/peer --no-progress
	$(PY) -m analysis evaluate --gold $(PEER)/gold --pred out/peer

clean:  ## remove outputs (keeps .venv)
	rm -rf out reports .pytest_cache
