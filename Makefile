# The README's commands. `make run` serves the app, `make test` runs the whole suite; both install first.
# Uses the system Python (never a downloaded one) and bootstraps uv with pip when it is missing.
SHELL := /bin/bash
PYTHON ?= python3
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(shell command -v $(PYTHON))
export UV_PROJECT_ENVIRONMENT := .venv
VENV := .venv
STAMP := $(VENV)/.installed
# A uv that runs (a version-manager shim may name a uv that is not installed), else the pip-installed module.
UV = $(shell uv --version >/dev/null 2>&1 && echo uv || echo "$(PYTHON) -m uv")
HOST ?= 127.0.0.1
PORT ?= 7860

.PHONY: help install run test test-fast lint bench eval ingest data browser clean local-llm local-llm-stop

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

$(STAMP): pyproject.toml uv.lock
	@uv --version >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || \
		{ echo "uv not found: installing it with pip"; $(PYTHON) -m pip install --quiet --user uv; }
	$(UV) sync --frozen
	@touch $(STAMP)

install: $(STAMP)  ## install everything into .venv (a second run does nothing)

run: $(STAMP)  ## install, then serve the web app on the embedded defaults (HOST, PORT)
	$(VENV)/bin/python app.py --host $(HOST) --port $(PORT)

browser:  ## make sure Debian chromium is present for the browser tests (root only; else they skip)
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian chromium for the browser tests"; \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null \
		|| echo "could not install chromium: browser tests will skip"; \
	fi

test: $(STAMP) browser  ## install, then run the whole test suite
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP)  ## install, then the suite without the slow, browser, PostgreSQL and Redis tests
	$(VENV)/bin/python -m pytest -q -m "not slow and not browser and not postgres and not redis" $(PYTEST_ARGS)

lint: $(STAMP)  ## ruff, mypy on the packages, and the layer contracts (import-linter, in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

ingest: $(STAMP)  ## build or update the search index from the data folder
	$(VENV)/bin/assistant ingest

data: $(STAMP)  ## regenerate the committed seed data set (same seed, same bytes)
	$(VENV)/bin/python -m data.generate --size small --out data/generated/small

bench: $(STAMP)  ## run every benchmark (retrieval at 10k only); tables printed, JSON in bench/results/
	$(VENV)/bin/python -m bench.bookings
	$(VENV)/bin/python -m bench.embeddings
	$(VENV)/bin/python -m bench.retrieval --quick
	$(VENV)/bin/python -m bench.agent
	$(VENV)/bin/python -m bench.offline
	$(VENV)/bin/python -m bench.copy
	$(VENV)/bin/python -m bench.load --members 50 --seconds 60

eval: $(STAMP)  ## run the offline evaluation suite; report in eval/runs/
	$(VENV)/bin/assistant eval --model offline

local-llm: $(STAMP)  ## install (on request only: 1.2 GB) and start a local LLM server on loopback; prints the settings
	$(VENV)/bin/python -m bench.local_llm serve

local-llm-stop:  ## stop the local LLM server
	$(VENV)/bin/python -m bench.local_llm stop

clean:  ## remove run-time state (database, index, caches), keeping .venv
	rm -rf var tests/artifacts
