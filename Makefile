# conflict-kg: `make demo` and `make test` install into .venv first when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= kg-store
OUT ?= out

.PHONY: install demo test lint bench clean browser

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf $(STORE)
	$(BIN)/kg ingest examples/articles --store $(STORE)
	$(BIN)/kg stats --store $(STORE)
	$(BIN)/kg query proposals --store $(STORE)
	$(BIN)/kg query quotes --store $(STORE) --format tsv
	$(BIN)/kg export --store $(STORE) --format turtle -o $(OUT)/graph.ttl
	$(BIN)/kg graph --store $(STORE) -o $(OUT)/graph.html
	$(BIN)/kg validate --store $(STORE)
	@echo "wrote $(OUT)/graph.ttl and $(OUT)/graph.html"

# Headless Chromium for the HTML graph tests (Debian packages); skipped when not root and not present.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium/chromedriver missing: browser tests will be skipped"; fi; fi

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench

BENCH_SIZES ?= 100000,1000000
BENCH_REPEAT ?= 5

bench: $(STAMP)
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/resolve_bench.py --sizes 1000 10000
	$(BIN)/python bench/store_bench.py --sizes $(BENCH_SIZES) --repeat $(BENCH_REPEAT)

clean:
	rm -rf $(VENV) $(STORE) $(OUT) .pytest_cache .ruff_cache
