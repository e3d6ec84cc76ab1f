# The two commands a newcomer needs:  `make run`  and  `make test`.
# Everything else here is what those two are made of.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.lock-installed
SPACY_MODEL := models/spacy/en_cr_pipeline
SPACY_META := $(SPACY_MODEL)/meta.json
MODEL := models/assistant.tar.gz
ASSETS := node_modules/.installed
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)
NLP_SOURCES := $(shell find bot/nlp -type f \( -name '*.py' -o -name '*.jsonl' -o -name '*.json' \) 2>/dev/null)

export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_WARN_20 := 0

.PHONY: run test check setup assets spacy-model train migrate lint typecheck validate services browser proxy lock clean

## run: set up, build the spaCy pipeline, train when inputs changed, migrate the staff tables,
## start Rasa + actions. honcho reads .env (see .env.example) for both.
run: $(MODEL) $(ASSETS) migrate
	$(VENV)/bin/honcho start -f Procfile

## migrate: create or update the staff-owned tables (referrals) in DATABASE_URL.
migrate: $(STAMP)
	$(VENV)/bin/honcho run $(PY) -m bot.storage upgrade

# Test workers (pytest-xdist) for `make test`'s tests that start no server: one per core.
WORKERS ?= auto
# Workers for the tests with real servers: each starts its own; two keep both cores busy while
# one worker's servers start and the other's answer.
E2E_WORKERS ?= 2
# `make check` runs in one process (no -n): each worker imports Rasa and TensorFlow again, which
# on 2 cores costs more than it saves on a minute of tests (README, "Speed").
CHECK_WORKERS ?= 0
# The tests `make check` runs: no model, no server, no database server.
CHECK_TESTS := tests/legal tests/explain tests/drafts tests/screening tests/actions tests/nlp \
  tests/nlu --ignore=tests/nlu/test_nlu_report.py tests/test_docs.py tests/test_family_texts.py \
  tests/test_settings.py tests/test_origins.py tests/test_imports.py

## test: set up, lint, type-check, validate the Rasa data, train, run every test: those without
## the model on WORKERS workers; the `e2e` ones (the trained model, real servers) on E2E_WORKERS,
## a test file per worker at a time (its servers are the file's); last, alone, the `exclusive`
## ones, which restart PostgreSQL under everyone. PostgreSQL must be up (services), not skipped.
## The engine's 100% coverage comes from the first step alone; the servers run in subprocesses
## that coverage does not trace, so the later steps run without its tracer.
test: export TEST_PG_REQUIRED := 1
test: lint typecheck validate $(MODEL) services browser proxy $(ASSETS)
	$(PY) -m pytest -n $(WORKERS) -m "not e2e" --cov --cov-report=
	$(VENV)/bin/coverage report --include='bot/legal/*' --fail-under=100
	$(PY) -m pytest -n $(E2E_WORKERS) --dist loadfile -m "e2e and not exclusive"
	$(PY) -m pytest -m exclusive

## check: the fast loop while working: lint, types, and the tests that need no model or server.
check: lint typecheck
	$(PY) -m pytest -q -p no:cacheprovider $(if $(filter-out 0,$(CHECK_WORKERS)),-n $(CHECK_WORKERS)) \
	  $(CHECK_TESTS)

setup: $(STAMP) $(ASSETS)

## assets: the browser libraries the project serves itself (no CDN), from package-lock.json.
assets: $(ASSETS)

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(ASSETS)

## browser: Debian's Chromium for the browser tests (installed with apt when missing).
browser:
	./scripts/browser.sh

## proxy: Debian's nginx, the reverse proxy of deploy/nginx/, for the tests through it.
proxy:
	./scripts/proxy.sh

$(STAMP): requirements.lock scripts/bootstrap.sh
	./scripts/bootstrap.sh

spacy-model: $(SPACY_META)

$(SPACY_META): $(STAMP) $(NLP_SOURCES)
	$(PY) -m bot.nlp build $(SPACY_MODEL)

train: $(MODEL)

# Rasa fingerprints the spaCy pipeline by its path only, so a rebuilt pipeline must force a
# full retrain; otherwise the training cache reuses features made with the old one.
$(MODEL): $(STAMP) $(SPACY_META) $(TRAINING_INPUTS)
	$(RASA) train --fixed-model-name assistant --out models \
	  $(if $(filter $(SPACY_META),$?),--force)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

validate: $(STAMP) $(SPACY_META)
	$(PY) scripts/validate_data.py

## services: PostgreSQL, Redis and RabbitMQ on loopback, for the end-to-end tests.
services:
	./scripts/services.sh

## lock: re-resolve pyproject.toml into requirements.lock (needs the venv for Python 3.10).
lock: $(STAMP)
	UV_PYTHON_DOWNLOADS=never $(VENV)/bin/uv pip compile pyproject.toml --extra dev \
	  --python $(PY) --python-platform x86_64-unknown-linux-gnu --generate-hashes \
	  -o requirements.lock

clean:
	rm -rf models/*.tar.gz $(SPACY_MODEL) .rasa .pytest_cache .mypy_cache .ruff_cache
