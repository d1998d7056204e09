# Maeul: `make run` to try it, `make test` to check it. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# pytest-xdist workers for `make test`: two where there are two cores or more, else none.
TEST_WORKERS ?= $(shell [ "$$(nproc 2>/dev/null || echo 1)" -ge 2 ] && echo 2 || echo 0)

.PHONY: help setup system-deps browser-deps run serve test lint fmt bench messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-13s %s\n", $$1, $$2}'

system-deps: ## Install the Debian packages the build needs (python3-venv, gettext), if missing
	@scripts/system-deps.sh

browser-deps: ## Install Chromium for the browser tests where that is possible; never fails
	@scripts/system-deps.sh --browser

$(STAMP): pyproject.toml requirements.lock | system-deps
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install Maeul with its tools (idempotent)
	@$(BIN)/python manage.py compilemessages --ignore '.venv' -v 0

run: setup ## Set up, migrate the SQLite database in var/, load demo data, serve on 127.0.0.1:$(PORT)
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py serve --port $(PORT)

test: setup browser-deps ## Run every test on two cores (browser tests skip without Chromium unless MAEUL_REQUIRE_BROWSER=1)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: setup ## ruff, ruff format --check, mypy, Django checks, missing migrations: reports every failure
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(BIN)/mypy maeul bench scripts || status=1; \
	$(BIN)/python manage.py check --fail-level WARNING || status=1; \
	$(BIN)/python manage.py makemigrations --check --dry-run -v 1 || status=1; \
	exit $$status

fmt: setup ## Format and auto-fix the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup ## Run the benchmarks; results go to bench/results/
	$(BIN)/python bench/run.py

messages: setup ## Update the message files from the code, then compile them
	$(BIN)/python manage.py makemessages -l ko -l en --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore '.venv' -v 0

clean: ## Remove the virtualenv (var/ with your data stays)
	rm -rf $(VENV)
