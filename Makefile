# SPMD — the two commands: `make build` (the main job) and `make test` (every gate).
# Both start from nothing: they create the virtual environment and install the
# pinned packages first.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The official SCDL validator (Validata) in a tool environment of its own: it pins
# another frictionless than the project's. spmd publish runs it.
VALIDATA_VENV := .venv-validata
export PATH := $(CURDIR)/$(BIN):$(PATH)
export DBT_PROFILES_DIR := $(CURDIR)

# The métropole profile (metropoles/<name>/, docs/adopter.md): its metropole.env becomes
# SPMD_METROPOLE_* environment variables of every command; its seeds are dbt's. The
# default profile works in the project's folders, another one in work/<name>/.
DEFAULT_METROPOLE := rennes
METROPOLE ?= $(DEFAULT_METROPOLE)
PROFILE_DIR := metropoles/$(METROPOLE)
ifeq ($(wildcard $(PROFILE_DIR)/metropole.env),)
$(error METROPOLE=$(METROPOLE): $(PROFILE_DIR)/metropole.env not found (profiles: $(patsubst metropoles/%/metropole.env,%,$(wildcard metropoles/*/metropole.env))))
endif
# a setting of another profile left in the environment is not passed on
unexport $(foreach v,$(filter SPMD_METROPOLE_%,$(.VARIABLES)),$(if $(filter environment,$(origin $(v))),$(v)))
include $(PROFILE_DIR)/metropole.env
export SPMD_METROPOLE := $(METROPOLE)
export $(foreach v,$(filter SPMD_METROPOLE_%,$(.VARIABLES)),$(if $(filter file,$(origin $(v))),$(v)))
WORK := $(if $(filter $(DEFAULT_METROPOLE),$(METROPOLE)),,work/$(METROPOLE)/)
export SPMD_RAW_ROOT ?= $(WORK)data/raw
export DBT_TARGET_PATH ?= $(WORK)target
# dbt turns every deprecation into an error in the gates.
DBT_STRICT := --warn-error-options '{"error": ["Deprecations"]}'
# The analysts' database, the one being built, and the published folders. The
# build works on a copy and swaps it in (a rename) only when every gate passed.
LIVE_DB ?= $(WORK)warehouse/spmd.duckdb
NEXT_DB ?= $(WORK)warehouse/spmd.next.duckdb
EXPORTS ?= $(WORK)exports
# the gates' database (dbt's ci target)
CI_DB ?= $(WORK)warehouse/spmd_ci.duckdb
# dev on the demo extracts; prod on real ones (refuses to start without a secret key).
BUILD_TARGET ?= dev
DBT_ARGS ?=
# The release gate (no_small_release_differences) compares with the last export.
export SPMD_PREVIOUS_RELEASE_DIR ?= $(EXPORTS)/opendata
# A warehouse keeps every raw file it has loaded (spmd/raw_ledger.py): a build on
# another raw root, or after files were removed or changed, stops before building.
# FROM_SCRATCH=1 builds from an empty database instead of a copy of the live one;
# FIRST_RELEASE=1 (with it) makes the first release of a new raw root, which is
# not compared with the last release of the other one.
FROM_SCRATCH ?=
FIRST_RELEASE ?=
ifeq ($(FIRST_RELEASE),1)
export SPMD_PREVIOUS_RELEASE_DIR := $(DBT_TARGET_PATH)/no_previous_release
endif
RAW_LISTING := $(DBT_TARGET_PATH)/raw_listing.json
# The city dashboard (Observable Framework, dashboard/): no telemetry, ever.
export OBSERVABLE_TELEMETRY_DISABLE := 1
DASHBOARD_NODE := dashboard/node_modules/.installed
DASHBOARD_PORT ?= 8000
# The writers that swap a database in (this Makefile, the real-time loop) take
# this lock for the rename; readers take none (spmd/realtime.py).
LIVE_LOCK = $(dir $(LIVE_DB)).$(notdir $(LIVE_DB)).lock

.PHONY: build test install profile test-metropoles profile-gates browser demo-data lint dbt-test-ci publish-docs governance pytest bench bench-dechets bench-mobilite bench-dashboard realtime dashboard demo-live clean

## build: install, generate demo extracts if absent, dbt build, docs, gates, publish
# Readers of $(LIVE_DB) are never blocked and never see a half-built or failed
# state: dbt builds a copy ($(NEXT_DB)); exports and docs are written aside and
# renamed in; the copy replaces $(LIVE_DB) last. A failure or a kill at any step
# leaves the last good database and exports as they were.
build: install profile demo-data
	@mkdir -p $(dir $(LIVE_DB))
	rm -f $(NEXT_DB) $(NEXT_DB).wal
	if [ -f $(LIVE_DB) ] && [ "$(FROM_SCRATCH)" != 1 ]; then cp $(LIVE_DB) $(NEXT_DB); fi
	spmd raw-guard check --database $(NEXT_DB) --previous-release $(EXPORTS)/opendata \
		--listing $(RAW_LISTING) $(if $(filter 1,$(FIRST_RELEASE)),--first-release)
	SPMD_DATABASE=$(NEXT_DB) dbt build --target $(BUILD_TARGET) --exclude-resource-type unit_test $(DBT_ARGS)
	SPMD_DATABASE=$(NEXT_DB) dbt $(DBT_STRICT) docs generate --static --target $(BUILD_TARGET)
	$(MAKE) --no-print-directory governance
	spmd publish --database $(NEXT_DB) --exports $(EXPORTS)/opendata
	$(MAKE) --no-print-directory publish-docs
	spmd dashboard build --database $(NEXT_DB) --exports $(EXPORTS) --target $(BUILD_TARGET)
	spmd raw-guard record --database $(NEXT_DB) --listing $(RAW_LISTING)
	flock $(LIVE_LOCK) sh -c 'rm -f $(LIVE_DB).wal && mv -f $(NEXT_DB) $(LIVE_DB)'


## test: lint, dbt build with unit tests on the ci target, publish, governance gates, pytest;
## then the gates of every other profile (profile-gates)
test: install profile demo-data lint dbt-test-ci governance pytest test-metropoles

# The profiles make test checks beside the default one, each in its own work/<name>/.
TEST_METROPOLES ?= $(filter-out $(DEFAULT_METROPOLE),$(patsubst metropoles/%/metropole.env,%,$(wildcard metropoles/*/metropole.env)))
test-metropoles: install
	for m in $(TEST_METROPOLES); do \
		env -u SPMD_RAW_ROOT -u DBT_TARGET_PATH -u SPMD_PREVIOUS_RELEASE_DIR \
			$(MAKE) --no-print-directory profile-gates METROPOLE=$$m || exit 1; \
	done

# The published files' and privacy tests, on the profile's own build and exports, and the
# guard of its box (the other tests of test_profiles.py look at every profile at once:
# the default profile's suite runs them).
PROFILE_TESTS := tests_py/test_published.py tests_py/test_canaries.py tests_py/test_catalogue.py \
	tests_py/test_reconciliation.py tests_py/test_profiles.py::test_the_box_of_another_metropole_fails_the_build
# four weeks of waste collection instead of nine: the same tests on a smaller demo, to keep
# make test short (make build METROPOLE=<name> alone generates the full demo)
PROFILE_GATES_DEMO_ARGS ?= --waste-weeks 4
## profile-gates: for METROPOLE, its demo, the dbt build with every dbt test, the publication (every
## export validated against its schema), the docs, the dashboard and the privacy tests
profile-gates: install profile
	$(MAKE) --no-print-directory demo-data DEMO_ARGS="$(PROFILE_GATES_DEMO_ARGS)"
	$(MAKE) --no-print-directory dbt-test-ci
	SPMD_EXPORTS=$(EXPORTS) SPMD_TEST_DATABASE=$(CI_DB) pytest $(PYTEST_ARGS) $(PROFILE_TESTS)

install: $(VENV)/.installed $(VALIDATA_VENV)/.installed $(DASHBOARD_NODE)

## profile: check the métropole profile METROPOLE (default $(DEFAULT_METROPOLE)); build and test start with it
profile: install
	spmd profile check

## realtime: one pass of the real-time loop on the analysts' database: ingest the
## mobility batches landed since the last pass, build the real-time models only,
## report each feed's freshness (REALTIME_ARGS="--every 60" to keep going)
REALTIME_ARGS ?=
realtime: install
	SPMD_DATABASE=$(LIVE_DB) spmd realtime --target $(BUILD_TARGET) --site $(EXPORTS)/dashboard $(REALTIME_ARGS)

## dashboard: serve the city dashboard built by make build on http://127.0.0.1:$(DASHBOARD_PORT)/
dashboard: install
	spmd dashboard serve --exports $(EXPORTS) --port $(DASHBOARD_PORT)

## demo-live: simulated feeds landing every minute for the current time, the real-time loop on
## them and the dashboard served on 127.0.0.1 (DEMO_LIVE_ARGS="--minutes 30"; own raw root and
## database under target/demo-live/, never the demo's or real extracts)
DEMO_LIVE_ARGS ?=
demo-live: install
	spmd demo-live --root $(DBT_TARGET_PATH)/demo-live --port $(DASHBOARD_PORT) --exports $(EXPORTS) $(DEMO_LIVE_ARGS)

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

# The dashboard's npm packages, exactly as dashboard/package-lock.json pins them.
$(DASHBOARD_NODE): dashboard/package.json dashboard/package-lock.json
	cd dashboard && npm ci --no-audit --no-fund --loglevel=error --update-notifier=false
	@touch $@

$(VALIDATA_VENV)/.installed: requirements-validata.txt
	$(PYTHON) -m venv $(VALIDATA_VENV)
	$(VALIDATA_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-validata.txt
	@touch $@

# Demo extracts only ever go to the profile's default raw root, never into real extracts.
DEMO_ARGS ?=
demo-data: install
ifeq ($(SPMD_RAW_ROOT),$(WORK)data/raw)
	spmd generate-demo --if-absent $(DEMO_ARGS)
else
	@echo "raw root $(SPMD_RAW_ROOT): no demo extract generated"
endif

# The dbt templater of sqlfluff opens the ci database: its folder must exist.
lint: install
	@mkdir -p warehouse
	sqlfluff lint models tests analyses

# The unit tests' known answers use the public demo key: the key is unset here.
dbt-test-ci: install profile demo-data
	@mkdir -p $(dir $(CI_DB))
	env -u SPMD_PSEUDONYMISATION_KEY SPMD_DATABASE=$(CI_DB) dbt $(DBT_STRICT) build --target ci
	SPMD_DATABASE=$(CI_DB) dbt $(DBT_STRICT) docs generate --static --target ci
	env -u SPMD_PSEUDONYMISATION_KEY spmd publish --database $(CI_DB) --exports $(EXPORTS)/opendata
	$(MAKE) --no-print-directory publish-docs
	spmd dashboard build --database $(CI_DB) --exports $(EXPORTS) --target ci

# The docs site generated by the last dbt run (target/), without the unit tests'
# fixtures and after a leak scan, renamed into the exports (spmd/docs_site.py).
publish-docs:
	spmd publish-docs --source $(DBT_TARGET_PATH)/static_index.html --dest $(EXPORTS)/docs/index.html

# dbt-bouncer (house rules), dbt-score and dbt-coverage (floors) on the artefacts
# of the last dbt run (target/manifest.json and catalog.json).
governance: install
	dbt-bouncer run --config-file dbt-bouncer.yml
	dbt-score lint --manifest $(DBT_TARGET_PATH)/manifest.json --show failing-items
	dbt-coverage compute doc --cov-fail-under 1.0 --run-artifacts-dir $(DBT_TARGET_PATH) --cov-report $(DBT_TARGET_PATH)/coverage-doc.json
	dbt-coverage compute test --cov-fail-under 0.3 --run-artifacts-dir $(DBT_TARGET_PATH) --cov-report $(DBT_TARGET_PATH)/coverage-test.json

# Two workers, a test file to each in turn (a file's fixtures build once): the
# suite's builds and browsers run two at a time on the machine's two cores.
PYTEST_ARGS ?= -n 2 --dist loadfile
pytest: install browser
	pytest $(PYTEST_ARGS)

## bench: the build against plain DuckDB at scales up to 3 M rows (~15 min) -> docs/benchmark.md
bench: install
	spmd bench --scales 0 1 4 16 64 256

## bench-dechets: the waste domain at the year scale, full build and daily runs (~7 min, 6 GB of
## demo files under target/) -> docs/benchmark_dechets.md
bench-dechets: install
	spmd bench-dechets --weeks 52

## bench-mobilite: the real-time loop, one micro-batch with 1 day vs 90 days of history, and the
## full rebuild of 90 days against plain DuckDB (~20 min, 2 GB of demo files under target/)
## -> docs/benchmark_mobilite.md
bench-mobilite: install
	spmd bench-mobilite --days 90

## bench-dashboard: site build, first render of the overview in Chromium, one real-time pass with
## the dashboard refresh, on the demo data (~3 min) -> docs/benchmark_dashboard.md
bench-dashboard: install browser
	spmd bench-dashboard

clean:
	rm -rf target warehouse $(EXPORTS) logs work
