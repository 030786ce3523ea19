# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make report   set up and run the report suite on seeds/ (or CORPUS=path) into reports/<timestamp>/
#   make test     set up and run the tests and the linter
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= seeds
OUT ?= out/$(notdir $(abspath $(CORPUS)))
PEER ?= ../shared/peer/drugdetection-train
DEV ?= ../shared/dev
REPORTS ?= reports
CHROMIUM ?= chromium
SHOT ?= docs/img/summary_report.png
LAB_ARGS ?=

.PHONY: setup report lab screenshots extract test lint eval-seeds eval-genre eval-peer eval-dev bench bench-peer clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -c "from analysis.report import ensure_kernel; ensure_kernel()"
	touch $@

setup: $(VENV)/.installed  ## create .venv and install the package with test tools

report: setup  ## run the notebook suite on CORPUS (default seeds/): reports/<timestamp>/index.html
	$(PY) -m analysis report --corpus $(CORPUS) --out $(REPORTS)

lab: setup  ## open the notebooks in JupyterLab (kernel "Python (analysis)")
	$(PY) -c "from analysis.report import ensure_kernel; ensure_kernel()"
	$(VENV)/bin/jupyter lab notebooks/ $(LAB_ARGS)

screenshots: setup  ## render the summary report with headless Chromium into docs/img/ (needs chromium)
	@command -v $(CHROMIUM) >/dev/null || { echo "screenshots: $(CHROMIUM) not found (Debian: apt-get install chromium)"; exit 1; }
	$(PY) -m analysis report --corpus seeds --out out/screenshots --no-progress
	mkdir -p $(dir $(SHOT))
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	  --disable-sync --no-first-run --hide-scrollbars --force-device-scale-factor=1 --user-data-dir=$$(mktemp -d) \
	  --window-size=1280,4000 --screenshot=$(SHOT) file://$(abspath out/screenshots/latest/05_summary.html)
	$(PY) -c "from PIL import Image, ImageChops; im = Image.open('$(SHOT)').convert('RGB'); \
	  box = ImageChops.difference(im, Image.new('RGB', im.size, 'white')).getbbox(); \
	  im.crop((0, 0, im.width, min(im.height, box[3] + 24))).quantize(256).save('$(SHOT)', optimize=True)"

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
	$(PY) -m analysis evaluate --gold $(PEER)/gold --pred out/peer --any-drug

eval-dev: setup  ## score every table on the shared dev releases (releases/ and cooperation/), needs ../shared
	@test -d "$(DEV)" || { echo "eval-dev: $(DEV) not found (set DEV=...)"; exit 1; }
	@for set in releases cooperation; do echo "== $(DEV)/$$set"; \
	  $(PY) -m analysis evaluate --gold "$(DEV)/$$set/gold" --corpus "$(DEV)/$$set/docs" --fields || exit 1; done

bench: setup  ## benchmark engines vs quantulum3 on 100/1,000/10,000 generated docs (SIZES=100 for a quick run, REPEAT=3 for best of 3)
	$(PY) -m pip install --quiet -e '.[bench,dask]'
	$(PY) benchmarks/bench_extract.py $(if $(SIZES),--sizes $(SIZES),) $(if $(REPEAT),--repeat $(REPEAT),)

bench-peer: setup  ## speed of the local engine vs quantulum3 on the peer set's real news sentences, needs ../shared
	@test -d $(PEER) || { echo "bench-peer: $(PEER) not found (set PEER=...)"; exit 1; }
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) benchmarks/bench_extract.py --corpus-dir $(PEER) --engines local,quantulum3 --quantulum-sample 0 $(if $(REPEAT),--repeat $(REPEAT),)

clean:  ## remove outputs (keeps .venv)
	rm -rf out reports .pytest_cache
