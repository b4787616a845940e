# marsad — the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := marsad-demo.db
SHARED ?= ../shared

.PHONY: demo test lint bench fuzz clean pg-start pg-stop web

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# The dashboard's libraries (Leaflet, Chart.js, world-atlas outlines) from npm, pinned by
# src/marsad/web/package-lock.json, vendored into the package (needs node/npm; cheap when done).
web: $(STAMP)
	$(BIN)/python -m marsad.web.build >/dev/null

demo: $(STAMP) web
	rm -f $(DEMO_DB)
	$(BIN)/marsad extract examples/articles.jsonl $$(test -f $(SHARED)/seed/seed-article.txt && echo $(SHARED)/seed/seed-article.txt) \
		--published 2016-06-25 --db sqlite:///$(DEMO_DB) -o demo-events.jsonl
	$(BIN)/marsad show --db sqlite:///$(DEMO_DB)

# PostgreSQL (Debian package) is installed and started by scripts/pg.sh; the
# store tests read MARSAD_TEST_PG_URL from the file it writes.
test: $(STAMP)
	bash scripts/pg.sh start
	bash scripts/browser.sh $(BIN)/python
	MARSAD_TEST_PG_URL=$$(cat .pg/url) $(BIN)/pytest
	$(MAKE) lint

# Property tests at 25x the `make test` size, with fresh seeds, for FUZZ_SECONDS (10 minutes).
FUZZ_SECONDS ?= 600
fuzz: $(STAMP)
	end=$$(( $$(date +%s) + $(FUZZ_SECONDS) )); runs=0; \
	while [ $$(date +%s) -lt $$end ]; do \
		seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); runs=$$((runs + 1)); \
		echo "fuzz run $$runs, seed $$seed"; \
		MARSAD_FUZZ=long $(BIN)/pytest -q -p no:cacheprovider -W ignore::DeprecationWarning \
			tests/test_fuzz.py --hypothesis-seed=$$seed || exit 1; \
	done

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/ruff check --select C901 src/marsad/extract
	$(BIN)/mypy src/marsad/extract

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --corpus $(SHARED)/corpus/saudinewsnet --out bench/results.json $(BENCH_ARGS)

pg-stop:
	bash scripts/pg.sh stop

clean:
	rm -rf $(VENV) .pg $(DEMO_DB) demo-events.jsonl .pytest_cache
