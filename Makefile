# conflict-kg: `make demo` and `make test` install into .venv first when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out
# The demo's own store: running the demo again never touches ./kg-store, every other command's default.
DEMO_STORE ?= $(OUT)/demo-store

.PHONY: install demo test lint bench clean browser screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO_STORE)
	$(BIN)/kg ingest examples/articles --store $(DEMO_STORE)
	$(BIN)/kg stats --store $(DEMO_STORE)
	$(BIN)/kg query proposals --store $(DEMO_STORE)
	$(BIN)/kg query quotes --store $(DEMO_STORE) --format tsv
	$(BIN)/kg export --store $(DEMO_STORE) --format turtle -o $(OUT)/graph.ttl
	$(BIN)/kg graph --store $(DEMO_STORE) -o $(OUT)/graph.html
	$(BIN)/kg validate --store $(DEMO_STORE)
	@echo "wrote $(OUT)/graph.ttl and $(OUT)/graph.html from the store $(DEMO_STORE)"
	@echo "kg is in $(BIN)/: run $(BIN)/kg, or 'source $(BIN)/activate' to put it on PATH (see README)"

# Headless Chromium for the HTML graph tests (Debian packages). As root (and only then) this runs
# apt-get install chromium chromium-driver, and says so; otherwise the browser tests are skipped and
# pytest prints why (-rs).
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing chromium and chromium-driver with apt-get (as root) for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium/chromedriver missing and not root: the browser tests will be skipped"; fi; fi

test: $(STAMP) browser
	$(BIN)/python -m pytest -q -rs

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench

BENCH_SIZES ?= 100000,1000000
BENCH_REPEAT ?= 5
CLUSTER_BENCH_N ?= 10000

bench: $(STAMP) browser
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/long_sentence_bench.py
	$(BIN)/python bench/query_stream_bench.py
	$(BIN)/python bench/cluster_bench.py -n $(CLUSTER_BENCH_N)
	$(BIN)/python bench/resolve_bench.py --sizes 1000 10000
	$(BIN)/python bench/store_bench.py --sizes $(BENCH_SIZES) --repeat $(BENCH_REPEAT)
	$(BIN)/python bench/graph_bench.py --nodes 5000 --repeat 3

# The README's two graph screenshots (docs/graph-overview.png, docs/graph-proposal.png) from examples/articles.
screenshots: $(STAMP) browser
	$(BIN)/python bench/screenshots.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
