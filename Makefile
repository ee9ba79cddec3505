# 信用门户 — developer and operator entry points. `make help` lists them.
PY       ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
FLASK    := $(BIN)/flask --app wsgi
STAMP    := $(VENV)/.installed
PG_URL   ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
RECORDS  ?= 20000
SEED     ?= 2026

.DEFAULT_GOAL := help
.PHONY: help run test lint bench cluster-check translations clean-instance system-packages
# Debian packages the tests and the PDF reports need: a browser for the browser tests (never a downloaded one),
# CJK fonts to embed in PDFs (wqy-zenhei is TrueType, which reportlab can embed), pdftoppm/pdftotext to check PDFs.
DEB_PACKAGES := chromium fonts-wqy-zenhei fonts-noto-cjk poppler-utils nginx-light

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/' | expand -t 18

system-packages:  ## install the Debian packages above when one is missing (needs root or sudo)
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y --no-install-recommends $$missing || { $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends $$missing; }; \
	fi

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

translations: $(STAMP)  ## compile the .po catalogues into .mo files
	$(BIN)/pybabel compile -d translations

run: system-packages $(STAMP) translations  ## venv + install + database + demo data + serve on http://127.0.0.1:5000
	$(FLASK) init-db
	$(FLASK) demo-data --records $(RECORDS) --seed $(SEED) --if-empty
	$(FLASK) reindex --if-missing
	$(FLASK) run --host 127.0.0.1 --port 5000

test: system-packages $(STAMP) translations  ## venv + install + lint + the whole test suite (PostgreSQL too when it answers)
	$(BIN)/ruff check .
	if $(BIN)/python -c "import psycopg,sys; psycopg.connect('host=127.0.0.1 port=5432 user=postgres dbname=test', connect_timeout=2).close()" 2>/dev/null; \
	then TEST_DATABASE_URL=$${TEST_DATABASE_URL:-$(PG_URL)} $(BIN)/pytest -q; \
	else echo "PostgreSQL not reachable on 127.0.0.1:5432: its tests will be skipped"; $(BIN)/pytest -q; fi

lint: $(STAMP)  ## ruff check and format check
	$(BIN)/ruff check .

bench: $(STAMP)  ## benchmarks (import throughput, ...); figures go in the issue notes
	$(BIN)/python benchmarks/import_bench.py --rows 100000
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-$(PG_URL)} $(BIN)/python benchmarks/search_bench.py --records 30000
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-$(PG_URL)} $(BIN)/python benchmarks/search_bench.py --records 1000000 --backends tantivy,postgres,like --like-rounds 1

cluster-check: system-packages $(STAMP) translations  ## 2 app nodes + nginx + PostgreSQL primary/replica under load, nodes and database failing (~3 min; CLUSTER_ARGS="--clients 100")
	$(BIN)/python benchmarks/cluster_check.py $(CLUSTER_ARGS)

clean-instance:  ## remove the local database, index and uploads (instance/)
	rm -rf instance
