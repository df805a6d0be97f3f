# Named targets; CI (.ci/run) calls `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN = $(VENV)/bin
QUESTION ?= Wat moet ik vragen over wifi-telling?

HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install dev browser run ask index test lint eval eval-municipal bench bench-chat \
	bench-widget clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

index: install
	$(BIN)/assistant index

# Headless Chromium (Debian) and axe-core (npm) for the browser tests.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	npm ci --prefix tests/browser --no-audit --no-fund --silent

# The chat on http://$(HOST):$(PORT); `assistant chat` builds the index when it is missing.
run: install
	$(BIN)/assistant chat --host $(HOST) --port $(PORT)

ask: install
	@test -f index/manifest.json || $(BIN)/assistant index
	$(BIN)/assistant ask "$(QUESTION)"

test: dev browser
	$(BIN)/python -m pytest

lint: dev
	$(BIN)/ruff check assistant tests benchmarks evals
	$(BIN)/mypy assistant

eval: install
	@test -f index/manifest.json || $(BIN)/assistant index --quiet
	$(BIN)/assistant eval evals/reference.jsonl --json evals/reports/reference.json

# The seed texts plus the four municipal documents in evals/municipal/, indexed in build/.
eval-municipal: install
	rm -rf build/municipal && mkdir -p build/municipal/corpus
	cp corpus/* evals/municipal/*.txt evals/municipal/*.md evals/municipal/*.html \
		evals/municipal/*.pdf build/municipal/corpus/
	ASSISTANT_CORPUS_DIR=build/municipal/corpus ASSISTANT_INDEX_DIR=build/municipal/index \
		$(BIN)/assistant index --quiet
	ASSISTANT_CORPUS_DIR=build/municipal/corpus ASSISTANT_INDEX_DIR=build/municipal/index \
		$(BIN)/assistant eval evals/municipal.jsonl --json evals/reports/municipal.json

bench: install
	$(BIN)/python benchmarks/bench.py

bench-chat: dev browser
	$(BIN)/python benchmarks/chat_bench.py

bench-widget: dev browser
	$(BIN)/python benchmarks/widget_bench.py

clean:
	rm -rf index .index-* evals/reports/*.md evals/reports/*.png evals/reports/*.json
