# Jenjang: the two commands are `make up` and `make test`; see README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(PYTHON) -m uv
UV_VERSION := 0.13.8

.PHONY: install up down status logs demo test test-unit lint schemas clean

$(BIN)/python: uv.lock pyproject.toml shared/pyproject.toml testing/pyproject.toml deploy/local/pyproject.toml services/*/pyproject.toml
	@$(PYTHON) -m uv --version 2>/dev/null | grep -q "$(UV_VERSION)" || $(PYTHON) -m pip install -q "uv==$(UV_VERSION)"
	$(UV) sync --frozen --all-packages
	@touch $(BIN)/python

install: $(BIN)/python ## Install every package into .venv (pinned by uv.lock)

up: install ## Start PostgreSQL, Kafka and the five services, then seed the demo
	$(BIN)/jenjang up
	$(BIN)/jenjang demo

demo: install ## Seed the demo agency into the running stack and tell its story
	$(BIN)/jenjang demo

down: ## Stop everything `make up` started
	@if [ -x $(BIN)/jenjang ]; then $(BIN)/jenjang down; else echo "nothing installed, nothing to stop"; fi

status: install
	$(BIN)/jenjang status

logs: install
	$(BIN)/jenjang logs

test: install ## Start what the tests need, run every test, stop it again
	$(BIN)/python -m pytest

# The unit tier: rules, handlers and use cases on fakes, contracts, the launcher's pure parts.
# No server is started: none of these asks for one (the live Keycloak test is marked and left out).
UNIT_TESTS := shared/tests/unit deploy/local/tests $(wildcard services/*/tests/unit) tests/docs
test-unit: install ## The unit tier only: no PostgreSQL, no Kafka, seconds
	$(BIN)/python -m pytest -m "not keycloak" $(UNIT_TESTS)

schemas: install ## Regenerate docs/events/ (JSON Schemas, AsyncAPI) from the event contracts
	$(BIN)/python -m jenjang_shared.contracts.publish

lint: install ## ruff, mypy and the import-linter layering contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy shared/src testing/src deploy/local/src services/*/src
	$(BIN)/lint-imports

clean: down
	rm -rf $(VENV)
