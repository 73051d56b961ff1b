# Jenjang: the two commands are `make up` and `make test`; see README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(PYTHON) -m uv
UV_VERSION := 0.13.8

.PHONY: install up down status logs demo test test-unit test-faults test-bus foreign-consumer lint lint-deploy browser images test-images schemas clean

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

test: install browser foreign-consumer ## Start what the tests need, run every test, stop it again
	$(BIN)/python -m pytest

# The unit tier: rules, handlers and use cases on fakes, contracts, the launcher's pure parts.
# No server is started: none of these asks for one (the live Keycloak test is marked and left out).
UNIT_TESTS := shared/tests/unit deploy/local/tests $(wildcard services/*/tests/unit) tests/docs
test-unit: install ## The unit tier only: no PostgreSQL, no Kafka, seconds
	$(BIN)/python -m pytest -m "not keycloak and not registry" $(UNIT_TESTS)

# The fault suite (issue 19): real `kill -9`s and injected faults, exact counts; also in `make test`.
test-faults: install ## The fault suite only (tests/faults), with its counts printed
	$(BIN)/python -m pytest -s tests/faults shared/tests/integration/test_stalls_and_parking.py

schemas: install ## Regenerate docs/events/ (JSON Schemas, AsyncAPI) from the event contracts
	$(BIN)/python -m jenjang_shared.contracts.publish

lint: install ## ruff, mypy and the import-linter layering contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy shared/src testing/src deploy/local/src services/*/src
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory lint-deploy

# Deployment files, validated without a cluster or a container engine.
HELM_VERSION := v3.22.0
HELM := build/tools/helm
SERVICE_NAMES := personnel training mentoring evaluation welfare
$(HELM):
	GOBIN=$(CURDIR)/build/tools go install helm.sh/helm/v3/cmd/helm@$(HELM_VERSION)

lint-deploy: install $(HELM) ## hadolint, the compose schema, helm lint + template | kubernetes-validate
	$(BIN)/hadolint services/*/Dockerfile
	$(BIN)/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	$(BIN)/python deploy/helm/generate_platform.py --check
	@mkdir -p build/rendered
	@for s in $(SERVICE_NAMES); do \
	  $(HELM) lint --strict --quiet deploy/helm/jenjang-service -f deploy/helm/values/$$s.yaml || exit 1; \
	  $(HELM) template $$s deploy/helm/jenjang-service -f deploy/helm/values/$$s.yaml > build/rendered/$$s.yaml || exit 1; \
	done
	$(HELM) lint --strict --quiet deploy/helm/jenjang-platform
	$(HELM) template platform deploy/helm/jenjang-platform > build/rendered/platform.yaml
	@# Operator kinds (Strimzi, CloudNativePG, ServiceMonitor) have no built-in schema: warned, not failed.
	$(BIN)/kubernetes-validate --strict --quiet --no-warn build/rendered/*.yaml

# The five images with podman on a local Debian base (deploy/images/build.sh), then run for real.
images: ## Build the five service images (podman, host network; installs podman when missing)
	deploy/images/build.sh

test-images: install images ## Run each image: migrate, serve, ready, SIGTERM (tests/images)
	JENJANG_TEST_IMAGES=1 $(BIN)/python -m pytest tests/images

# The province bus's foreign consumer (tests/bus/foreign): Node with the CloudEvents SDK, kafkajs
# and ajv, pinned by its package-lock.json; Debian's nodejs when the machine has no node at all.
FOREIGN := tests/bus/foreign
foreign-consumer: $(FOREIGN)/node_modules/.package-lock.json ## Install the foreign consumer (npm ci)
$(FOREIGN)/node_modules/.package-lock.json: $(FOREIGN)/package.json $(FOREIGN)/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	cd $(FOREIGN) && npm ci --no-audit --no-fund

# The province bus (issue 14): the schema registry, two Kafka clusters, MirrorMaker 2, the foreign consumer.
test-bus: install foreign-consumer ## The bus tests only (tests/bus), with their numbers printed
	$(BIN)/python -m pytest -s tests/bus

# Debian's chromium for the /docs browser test (tests/deployment/test_docs_offline.py).
browser: ## Install chromium when missing (apt, as root)
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean: down
	rm -rf $(VENV)
