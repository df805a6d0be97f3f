# Named targets; CI (.ci/run) calls `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN = $(VENV)/bin
QUESTION ?= Wat moet ik vragen over wifi-telling?

.PHONY: install dev run index test lint eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

index: install
	$(BIN)/assistant index

run: install
	@test -f index/manifest.json || $(BIN)/assistant index
	$(BIN)/assistant ask "$(QUESTION)"

test: dev
	$(BIN)/python -m pytest

lint: dev
	$(BIN)/ruff check assistant tests benchmarks
	$(BIN)/mypy assistant

eval: install
	@test -f index/manifest.json || $(BIN)/assistant index --quiet
	$(BIN)/assistant eval evals/reference.jsonl --json evals/reports/reference.json

bench: install
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf index .index-* evals/reports/*.md evals/reports/*.png evals/reports/*.json
