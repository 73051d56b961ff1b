# Jenjang: the two commands are `make up` and `make test`; see README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(PYTHON) -m uv
UV_VERSION := 0.13.8

.PHONY: install up down status logs demo test test-unit lint schemas clean

$(BIN)/python: uv.lock pyproject.toml shared/pyproject.toml deploy/local/pyproject.toml services/*/pyproject.toml
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

lint: install ## ruff, mypy and the import-linter layering contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy shared/src deploy/local/src services/*/src
	$(BIN)/lint-imports

clean: down
	rm -rf $(VENV)
