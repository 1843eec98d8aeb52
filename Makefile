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

.PHONY: build test install demo-data dbt-build docs publish lint dbt-test-ci pytest clean

## build: install, generate demo extracts if absent, dbt build, docs, publish
build: install demo-data
	@mkdir -p warehouse
	dbt build --target dev --exclude-resource-type unit_test
	$(MAKE) --no-print-directory docs TARGET=dev
	spmd publish --database warehouse/spmd.duckdb

## test: lint, dbt build with unit tests on the ci target, publish, pytest
test: install demo-data lint dbt-test-ci pytest

install: $(VENV)/.installed

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
	env -u SPMD_PSEUDONYMISATION_KEY spmd publish --database warehouse/spmd_ci.duckdb

docs: install
	dbt $(DBT_STRICT) docs generate --static --target $(or $(TARGET),dev)
	@mkdir -p exports/docs
	cp target/static_index.html exports/docs/index.html

pytest: install
	pytest

clean:
	rm -rf target warehouse exports logs
