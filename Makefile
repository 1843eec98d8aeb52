# SPMD — the two commands: `make build` (the main job) and `make test` (every gate).
# Both start from nothing: they create the virtual environment and install the
# pinned packages first.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)
export DBT_PROFILES_DIR := $(CURDIR)
export SPMD_RAW_ROOT ?= data/raw
# dbt turns every deprecation into an error in the gates.
DBT_STRICT := --warn-error-options '{"error": ["Deprecations"]}'
# The analysts' database, the one being built, and the published folders. The
# build works on a copy and swaps it in (a rename) only when every gate passed.
LIVE_DB ?= warehouse/spmd.duckdb
NEXT_DB ?= warehouse/spmd.next.duckdb
EXPORTS ?= exports
DBT_ARGS ?=
# The release gate (no_small_release_differences) compares with the last export.
export SPMD_PREVIOUS_RELEASE_DIR ?= $(EXPORTS)/opendata

.PHONY: build test install browser demo-data docs lint dbt-test-ci governance pytest bench clean

## build: install, generate demo extracts if absent, dbt build, docs, gates, publish
# Readers of $(LIVE_DB) are never blocked and never see a half-built or failed
# state: dbt builds a copy ($(NEXT_DB)); exports and docs are written aside and
# renamed in; the copy replaces $(LIVE_DB) last. A failure or a kill at any step
# leaves the last good database and exports as they were.
build: install demo-data
	@mkdir -p $(dir $(LIVE_DB))
	rm -f $(NEXT_DB) $(NEXT_DB).wal
	if [ -f $(LIVE_DB) ]; then cp $(LIVE_DB) $(NEXT_DB); fi
	SPMD_DATABASE=$(NEXT_DB) dbt build --target dev --exclude-resource-type unit_test $(DBT_ARGS)
	SPMD_DATABASE=$(NEXT_DB) $(MAKE) --no-print-directory docs TARGET=dev
	$(MAKE) --no-print-directory governance
	spmd publish --database $(NEXT_DB) --exports $(EXPORTS)/opendata
	mv -f $(NEXT_DB) $(LIVE_DB)

## test: lint, dbt build with unit tests on the ci target, publish, governance gates, pytest
test: install demo-data lint dbt-test-ci governance pytest

install: $(VENV)/.installed

# Debian's Chromium, for the pytest that opens the docs site (make test only).
browser:
	@command -v chromium >/dev/null || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/spmd install-extensions --dir .duckdb_extensions
	@touch $@

demo-data: install
	spmd generate-demo --if-absent

# The dbt templater of sqlfluff opens the ci database: its folder must exist.
lint: install
	@mkdir -p warehouse
	sqlfluff lint models tests analyses

# The unit tests' known answers use the public demo key: the key is unset here.
dbt-test-ci: install demo-data
	@mkdir -p warehouse
	env -u SPMD_PSEUDONYMISATION_KEY dbt $(DBT_STRICT) build --target ci
	$(MAKE) --no-print-directory docs TARGET=ci
	env -u SPMD_PSEUDONYMISATION_KEY spmd publish --database warehouse/spmd_ci.duckdb --exports $(EXPORTS)/opendata

docs: install
	dbt $(DBT_STRICT) docs generate --static --target $(or $(TARGET),dev)
	@mkdir -p $(EXPORTS)/docs
	cp target/static_index.html $(EXPORTS)/docs/.index.html.new
	mv -f $(EXPORTS)/docs/.index.html.new $(EXPORTS)/docs/index.html

# dbt-bouncer (house rules), dbt-score and dbt-coverage (floors) on the artefacts
# of the ci build (target/manifest.json and catalog.json).
governance: install
	dbt-bouncer run --config-file dbt-bouncer.yml
	dbt-score lint --manifest target/manifest.json --show failing-items
	dbt-coverage compute doc --cov-fail-under 1.0 --cov-report target/coverage-doc.json
	dbt-coverage compute test --cov-fail-under 0.3 --cov-report target/coverage-test.json

pytest: install browser
	pytest

## bench: the build against plain DuckDB at scales up to 3 M rows (~15 min) -> docs/benchmark.md
bench: install
	spmd bench --scales 0 1 4 16 64 256

clean:
	rm -rf target warehouse $(EXPORTS) logs
