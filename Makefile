# The two commands a user needs: `make serve` and `make test`. Everything installs into .venv from the
# hash-locked requirements, so a fresh machine with Python 3.11 needs nothing else.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
SHARED ?= ../shared

.PHONY: serve test docker-test bench archive-bench soak soak-short audit install install-archive install-dev eval eval-explain eval-sentences eval-dates eval-actors openapi lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements/runtime.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/runtime.txt
	touch $@

# The archive job's extra (Dask, pyarrow): not in the service's runtime, in the tests'.
$(VENV)/.archive: requirements/runtime.txt requirements/archive.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements/runtime.txt -r requirements/archive.txt
	touch $@ $(VENV)/.runtime

$(VENV)/.dev: requirements/runtime.txt requirements/archive.txt requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements/runtime.txt -r requirements/archive.txt -r requirements/dev.txt
	touch $@ $(VENV)/.runtime $(VENV)/.archive

install: $(VENV)/.runtime
install-archive: $(VENV)/.archive
install-dev: $(VENV)/.dev

# MALLOC_ARENA_MAX: glibc gives each thread its own arena by default, and a threaded worker's RSS balloons.
serve: $(VENV)/.runtime
	PORT=$(PORT) MALLOC_ARENA_MAX=2 $(BIN)/gunicorn -c gunicorn.conf.py

test: $(VENV)/.dev
	$(BIN)/python -m pytest

# The browser tests and `make screenshot` drive Debian's chromium (Playwright's own browser download cannot
# work here); without it `make test` skips them, CI installs it and requires them (BROWSER_TESTS=required).
.PHONY: chromium screenshot
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The README's picture of the demo page.
screenshot: $(VENV)/.dev chromium
	$(BIN)/python -m scripts.screenshot

# Needs root and Docker (it installs docker.io and debootstrap when missing): CI runs it after `make test`.
docker-test: $(VENV)/.dev
	bash scripts/docker-test.sh

bench: $(VENV)/.dev
	$(BIN)/python -m bench.run

# Articles/s of `python -m service archive` on the development texts repeated to ~2,000 documents, against
# spaCy's nlp.pipe(n_process=2) in the same run (skips, saying so, without ../shared).
archive-bench: $(VENV)/.dev
	$(BIN)/python -m bench.archive

# Against gunicorn (loopback): 5 minutes at concurrency 16, 20 s beside 256 stalled connections, 5 minutes of
# fuzzed requests; then 3 minutes of fuzzing the core.
soak: $(VENV)/.dev
	$(BIN)/python -m bench.soak

# CI's version: a minute is too short to tell a 5% drift from the request in flight, so it allows 10%;
# a leak still shows, and `make soak` holds the 5%. The stalled connections as in `make soak`, 30 s of each fuzzer.
soak-short: $(VENV)/.dev
	$(BIN)/python -m bench.soak --seconds 60 --warmup 20 --fuzz-seconds 30 --core-fuzz-seconds 30 --max-growth 1.10

# Known vulnerabilities in the locked runtime dependencies. --strict fails when a package cannot be checked:
# it needs pypi.org's JSON API or api.osv.dev, which this workplace cannot reach (see README).
audit: $(VENV)/.dev
	$(BIN)/pip-audit --strict --require-hashes --disable-pip --progress-spinner off -r requirements/runtime.txt

# The seeds and, when ../shared is beside the project, the development articles: the scorer's table for each.
eval: $(VENV)/.dev
	$(BIN)/python -m eval.articles

eval-explain: $(VENV)/.dev
	$(BIN)/python -m eval.articles --explain

# Share of the PLOVER / PETRARCH-2 coded sentences in which an event of the mapped type is found.
eval-sentences: $(VENV)/.dev
	$(BIN)/python -m eval.sentences $(SHARED)/eval/external/event_sentences.jsonl

eval-dates: $(VENV)/.dev
	$(BIN)/python -m eval.dates $(SHARED)/eval/external/timex_tbaq.jsonl

# Actor country and sector against the PLOVER/PETRARCH example sentences; says so and stops when they are absent.
eval-actors: $(VENV)/.dev
	$(BIN)/python -m eval.actors $(SHARED)/eval/external/event_sentences.jsonl

openapi: $(VENV)/.runtime
	$(BIN)/python -m service openapi > openapi.yaml

lock: $(VENV)/.dev
	$(BIN)/python -m pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o runtime.txt runtime.in
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o archive.txt archive.in
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o dev.txt dev.in

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
