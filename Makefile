# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make report   set up and run the report suite on seeds/ (or CORPUS=path) into reports/<timestamp>/
#   make test     set up and run the tests and the linter
# Paths may hold spaces: make report CORPUS="data/Kenya news" (every path is quoted for the shell).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= seeds
OUT ?=
PEER ?= ../shared/peer/drugdetection-train
DEV ?= ../shared/dev
REPORTS ?= reports
CHROMIUM ?= chromium
SHOT ?= docs/img/summary_report.png
LAB_ARGS ?=
TABLES ?=
NOTEBOOKS ?=
PIP_VERSION ?= 26.3
UV_VERSION ?= 0.13.9

# $(call quote,TEXT): TEXT as one shell word, whatever it holds (spaces, quotes): 'it'\''s' for it's
quote = '$(subst ','\'',$(1))'
# extract's default OUT: out/ and the corpus folder's name ("data/Kenya news/" -> "out/Kenya news")
OUT_DIR = $(if $(OUT),$(call quote,$(OUT)),"out/$$(basename "$$(realpath -m -- $(call quote,$(CORPUS)))")")

.PHONY: setup lock report lab screenshots extract test lint eval-seeds eval-genre eval-peer eval-dev bench bench-peer clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# the pinned versions of requirements.lock (make lock), then the project itself without resolving again
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet pip==$(PIP_VERSION)
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	$(PY) -c "from analysis.reports.report import ensure_kernel; ensure_kernel()"
	touch $@

setup: $(VENV)/.installed  ## create .venv and install the pinned versions of requirements.lock and the package

lock: setup  ## re-resolve pyproject.toml into requirements.lock and environment.yml (UPGRADE=1: newest allowed)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(PY) scripts/lock.py $(if $(UPGRADE),--upgrade,)

report: setup  ## run the notebook suite on CORPUS (default seeds/) into REPORTS/<timestamp>/index.html (TABLES=DIR: an extract's tables instead)
	$(PY) -m analysis report $(if $(TABLES),--tables $(call quote,$(TABLES)),--corpus $(call quote,$(CORPUS))) --out $(call quote,$(REPORTS)) \
	  $(if $(NOTEBOOKS),--notebooks $(call quote,$(NOTEBOOKS)),)

lab: setup  ## open the notebooks in JupyterLab (kernel "Python (analysis)")
	$(PY) -c "from analysis.reports.report import ensure_kernel; ensure_kernel()"
	$(VENV)/bin/jupyter lab notebooks/ $(LAB_ARGS)

screenshots: setup  ## render the summary report with headless Chromium into docs/img/ (needs chromium)
	@command -v $(CHROMIUM) >/dev/null || { echo "screenshots: $(CHROMIUM) not found (Debian: apt-get install chromium)"; exit 1; }
	$(PY) -m analysis report --corpus seeds --out out/screenshots --no-progress
	mkdir -p "$$(dirname -- $(call quote,$(SHOT)))"
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	  --disable-sync --no-first-run --hide-scrollbars --force-device-scale-factor=1 --user-data-dir=$$(mktemp -d) \
	  --window-size=1280,4000 --screenshot=$(call quote,$(SHOT)) "file://$$PWD/out/screenshots/latest/05_summary.html"
	$(PY) -c "import sys; from PIL import Image, ImageChops; im = Image.open(sys.argv[1]).convert('RGB'); \
	  box = ImageChops.difference(im, Image.new('RGB', im.size, 'white')).getbbox(); \
	  im.crop((0, 0, im.width, min(im.height, box[3] + 24))).quantize(256).save(sys.argv[1], optimize=True)" $(call quote,$(SHOT))

extract: setup  ## extract tables from CORPUS into OUT (default: out/<corpus folder name>)
	$(PY) -m analysis extract $(call quote,$(CORPUS)) --out $(OUT_DIR)

test: setup  ## run the test suite and the linter
	$(PY) -m pytest -q
	$(VENV)/bin/ruff check analysis tests benchmarks scripts

lint: setup  ## ruff only
	$(VENV)/bin/ruff check analysis tests benchmarks scripts

eval-seeds: setup  ## score the extractor on the seed documents
	$(PY) -m analysis evaluate --gold tests/gold/seeds --corpus seeds --fields

eval-genre: setup  ## score the extractor on the project's own genre documents
	$(PY) -m analysis evaluate --gold tests/fixtures/genre/seizures/gold --corpus tests/fixtures/genre/seizures/docs --fields
	$(PY) -m analysis evaluate --gold tests/fixtures/genre/cooperation/gold --corpus tests/fixtures/genre/cooperation/docs --fields

eval-peer: setup  ## score seizures on the peer set (document + kilograms), needs ../shared
	@test -d $(call quote,$(PEER)) || { echo "eval-peer: $(PEER) not found (set PEER=...)"; exit 1; }
	$(PY) -m analysis extract $(call quote,$(PEER))/docs --out out/peer --no-progress
	$(PY) -m analysis evaluate --gold $(call quote,$(PEER))/gold --pred out/peer --any-drug

eval-dev: setup  ## score every table on the shared dev releases (releases/ and cooperation/), needs ../shared
	@test -d $(call quote,$(DEV)) || { echo "eval-dev: $(DEV) not found (set DEV=...)"; exit 1; }
	@dev=$(call quote,$(DEV)); for set in releases cooperation; do echo "== $$dev/$$set"; \
	  $(PY) -m analysis evaluate --gold "$$dev/$$set/gold" --corpus "$$dev/$$set/docs" --fields || exit 1; done

bench: setup  ## benchmark engines vs quantulum3 on 100/1,000/10,000 generated docs (SIZES=100 for a quick run, REPEAT=3 for best of 3)
	$(PY) -m pip install --quiet -c requirements.lock -e '.[bench,dask]'
	$(PY) benchmarks/bench_extract.py $(if $(SIZES),--sizes $(SIZES),) $(if $(REPEAT),--repeat $(REPEAT),)

bench-peer: setup  ## speed of the local engine vs quantulum3 on the peer set's real news sentences, needs ../shared
	@test -d $(call quote,$(PEER)) || { echo "bench-peer: $(PEER) not found (set PEER=...)"; exit 1; }
	$(PY) -m pip install --quiet -c requirements.lock -e '.[bench]'
	$(PY) benchmarks/bench_extract.py --corpus-dir $(call quote,$(PEER)) --engines local,quantulum3 --quantulum-sample 0 $(if $(REPEAT),--repeat $(REPEAT),)

clean:  ## remove outputs (keeps .venv)
	rm -rf out reports .pytest_cache
