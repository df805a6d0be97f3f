"""Answers from a language model behind an OpenAI-compatible endpoint: checked citations, the
composed answer as fallback, one sentence for an endpoint that cannot be used.

The endpoint is tests/support/llm_stub.py, a scripted server on 127.0.0.1 (real HTTP, real
streaming, real LlamaIndex OpenAILike client); the index and the embedding model are real.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager

import pytest
from pydantic import SecretStr

from assistant.config import Settings
from assistant.engine import Engine

from ...support import OUTPUT
from ...support.llm_stub import llm_stub

CHAT_OUTPUT = OUTPUT / "chat"

WIFI = "Wat moet ik vragen over wifi-telling?"
DENKRAAM = "Uit welke stappen bestaat het denkraam?"


def engine_for(seed_settings: Settings, url: str, model: str, **extra: object) -> Engine:
    settings = seed_settings.replace(llm_url=url, llm_model=model, llm_first_token_seconds=1.5,
                                     **extra)
    return Engine.load(settings)


@pytest.fixture(scope="module")
def stub():
    with llm_stub() as s:
        yield s


def test_a_valid_answer_is_written_by_the_model_and_streamed(seed_settings, stub):
    engine = engine_for(seed_settings, stub.url, "valid")
    assert engine.llm is not None and engine.llm_problem is None
    streamed: list[str] = []
    answer = engine.ask(DENKRAAM, on_text=streamed.append)
    assert answer.written_by == "llm", answer.validation
    v = answer.validation
    assert v is not None and not v.fell_back and v.removed == 0 and v.supported == v.sentences
    assert v.first_token_ms is not None and v.prompt_version == 2
    assert streamed and streamed == [c.text + "".join(f" [{n}]" for n in c.citations)
                                     for c in answer.summary]
    # Every [n] the model wrote resolves to a passage of the answer.
    assert all(1 <= n <= len(answer.citations) for c in answer.summary for n in c.citations)
    # The prompt carried the passages and the question, nothing else of the machine.
    prompt = stub.requests[-1]["messages"][1]["content"]
    assert DENKRAAM in prompt and answer.citations[0].text.split()[0] in prompt


def test_what_to_ask_gets_the_models_questions_per_step(seed_settings, stub):
    answer = engine_for(seed_settings, stub.url, "valid").ask(WIFI)
    assert answer.written_by == "llm", answer.validation
    written = [s.questions[0].text for s in answer.denkraam]
    assert sum(q.startswith("Hoe houdt het college rekening met dit") for q in written) >= 3
    assert [s.step for s in answer.denkraam] == [1, 2, 3, 4, 5]


def test_what_is_most_at_stake_stays_the_composers_and_is_streamed_first(seed_settings, stub):
    question = "Wat moet ik vragen over cameratoezicht?"
    composed = engine_for(seed_settings, "", "").ask(question)
    verdict = [c for c in composed.summary if c.verdict]
    assert verdict
    streamed: list[str] = []
    answer = engine_for(seed_settings, stub.url, "valid").ask(question, on_text=streamed.append)
    assert answer.written_by == "llm", answer.validation
    assert answer.summary[:len(verdict)] == verdict and len(answer.summary) > len(verdict)
    assert streamed == [c.text + "".join(f" [{n}]" for n in c.citations)
                        for c in answer.summary]


def test_an_unsupported_sentence_is_removed_or_gives_the_composed_answer(seed_settings, stub):
    removed = engine_for(seed_settings, stub.url, "invented").ask(DENKRAAM)
    assert removed.written_by == "llm" and removed.validation.removed == 1
    assert not any("Zwolle" in c.text for c in removed.summary)
    strict = engine_for(seed_settings, stub.url, "invented",
                        llm_unsupported="fallback").ask(DENKRAAM)
    assert strict.written_by == "composer" and strict.validation.fell_back
    assert "failed the check (not supported)" in strict.validation.reason
    assert strict.summary == engine_for(seed_settings, "", "").ask(DENKRAAM).summary


@pytest.mark.parametrize(("model", "reason"), [
    ("out-of-range", "no sentence of the short answer passed the check"),
    ("empty", "empty answer"),
    ("error", "HTTP 500"),
    ("malformed", "could not be read"),
    ("english", "not in the language of the question"),
    ("slow", "too slow"),
])
def test_a_misbehaving_endpoint_gives_the_composed_answer(seed_settings, stub, model, reason,
                                                         caplog):
    engine = engine_for(seed_settings, stub.url, model)
    started = time.perf_counter()
    answer = engine.ask(DENKRAAM)
    took = time.perf_counter() - started
    assert answer.written_by == "composer" and answer.summary
    assert answer.validation.fell_back and reason in answer.validation.reason, answer.validation
    assert took < 1.5 + 3, took  # bounded by the first-token wait, never a hang
    assert any("language model not used" in r.message for r in caplog.records)


def test_a_question_the_texts_do_not_cover_never_reaches_the_model(seed_settings, stub):
    before = len(stub.requests)
    answer = engine_for(seed_settings, stub.url, "valid").ask(
        "Wat is de hoofdstad van Australië?")
    assert answer.abstained and answer.validation is None and len(stub.requests) == before


def test_an_endpoint_that_cannot_be_used_is_named_in_one_sentence(seed_settings, tmp_path):
    from tests.support.chat_server import free_port

    cases = {"ftp://llm.gemeente.local/v1": "geen http(s)-adres",
             f"http://127.0.0.1:{free_port()}/v1": "niet bereikbaar",
             # A password or key in the address is not repeated in the sentence.
             f"http://griffie:wachtwoord@127.0.0.1:{free_port()}/v1?api_key=sleutel":
                 "http://griffie:***@127.0.0.1"}
    for url, says in cases.items():
        engine = engine_for(seed_settings, url, "valid")
        assert engine.llm is None and says in engine.llm_problem
        assert "wachtwoord" not in engine.llm_problem and "sleutel" not in engine.llm_problem
        assert engine.ask(DENKRAAM).written_by == "composer"
    with llm_stub(key="geheim") as keyed:
        refused = engine_for(seed_settings, keyed.url, "valid", llm_api_key=SecretStr("fout"))
        assert refused.llm is None and "weigert de sleutel" in refused.llm_problem
        key_file = tmp_path / "llm-key"
        key_file.write_text("geheim\n")
        os.chmod(key_file, 0o644)
        loose = engine_for(seed_settings, keyed.url, "valid", llm_api_key_file=key_file)
        assert loose.llm is None and "chmod 600" in loose.llm_problem
        os.chmod(key_file, 0o600)
        keyed_engine = engine_for(seed_settings, keyed.url, "valid", llm_api_key_file=key_file)
        assert keyed_engine.llm is not None
        assert keyed_engine.ask(DENKRAAM).written_by == "llm"
        unknown = engine_for(seed_settings, keyed.url, "gpt-9", llm_api_key=SecretStr("geheim"))
        assert unknown.llm is None and "kent het model 'gpt-9' niet" in unknown.llm_problem


def test_eval_compares_composer_and_model(seed_settings, stub, tmp_path, monkeypatch, capsys):
    import json

    from assistant.cli import main

    reference = tmp_path / "ref.jsonl"
    reference.write_text("\n".join(json.dumps(q) for q in [
        {"id": "a", "question": DENKRAAM, "kind": "factual", "lang": "nl", "abstain": False,
         "expect": [{"doc": "rathenau-2020-raad-weten-met-digitalisering",
                     "contains": "vijf stappen"}]},
        {"id": "b", "question": "Wat is de hoofdstad van Australië?", "kind": "off-topic",
         "lang": "nl", "abstain": True, "expect": []}]), encoding="utf-8")
    for key, value in {"CORPUS_DIR": seed_settings.index.corpus_dir,
                       "INDEX_DIR": seed_settings.index.index_dir, "LLM_URL": stub.url,
                       "LLM_MODEL": "valid"}.items():
        monkeypatch.setenv(f"ASSISTANT_{key}", str(value))
    out = tmp_path / "result.json"
    assert main(["eval", str(reference), "--llm", "--reports", str(tmp_path),
                 "--json", str(out)]) == 0
    llm = json.loads(out.read_text())["llm"]
    assert llm["questions"] == 1 and llm["model_answer_given"] == 1.0
    assert llm["citation_validity"] == 1.0 and llm["first_token_ms_p50"] > 0
    assert "composer and language model" in capsys.readouterr().out
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "gpt-9")
    assert main(["eval", str(reference), "--llm", "--reports", str(tmp_path)]) == 2


def test_ask_names_an_unusable_endpoint_and_still_answers(seed_settings, monkeypatch, capsys):
    from assistant.cli import main
    from tests.support.chat_server import free_port

    for key, value in {"CORPUS_DIR": seed_settings.index.corpus_dir,
                       "INDEX_DIR": seed_settings.index.index_dir,
                       "LLM_URL": f"http://127.0.0.1:{free_port()}/v1",
                       "LLM_MODEL": "valid"}.items():
        monkeypatch.setenv(f"ASSISTANT_{key}", str(value))
    assert main(["ask", DENKRAAM]) == 0
    out = capsys.readouterr()
    assert out.err.count("\n") == 1 and "niet bereikbaar" in out.err
    assert "### Kort antwoord" in out.out and "vijf stappen" in out.out


def test_ask_says_who_wrote_the_answer(seed_settings, stub, monkeypatch, capsys):
    from assistant.cli import main

    for key, value in {"CORPUS_DIR": seed_settings.index.corpus_dir,
                       "INDEX_DIR": seed_settings.index.index_dir, "LLM_URL": stub.url}.items():
        monkeypatch.setenv(f"ASSISTANT_{key}", str(value))
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "valid")
    main(["ask", DENKRAAM])
    assert "Opgesteld door het taalmodel van de gemeente" in capsys.readouterr().out
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "error")
    main(["ask", DENKRAAM])
    assert "Samengesteld uit de teksten" in capsys.readouterr().out


@contextmanager
def chat_page(seed_settings: Settings, stub, log: str, **llm: str):
    """A chat server with the stub as its language model, and a browser page on it."""
    from playwright.sync_api import sync_playwright

    from tests.support.chat_server import chat_server, launch_chromium


    env = {"ASSISTANT_CORPUS_DIR": str(seed_settings.index.corpus_dir),
           "ASSISTANT_INDEX_DIR": str(seed_settings.index.index_dir), "ASSISTANT_LLM_URL": stub.url,
           **{f"ASSISTANT_LLM_{k.upper()}": v for k, v in llm.items()}}
    CHAT_OUTPUT.mkdir(parents=True, exist_ok=True)
    with chat_server(env, CHAT_OUTPUT / log) as (url, _), sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_context(locale="nl-NL").new_page()
        page.set_default_timeout(30_000)
        page.goto(url + "/")
        page.wait_for_selector("#starters button")
        yield page
        browser.close()


@pytest.mark.slow
def test_the_chat_streams_the_models_checked_answer(seed_settings, stub):
    from ...support.chat_server import ask

    with chat_page(seed_settings, stub, "llm-server.log", model="valid") as page:
        reply = ask(page, DENKRAAM)
        reply.get_by_text("Opgesteld door het taalmodel van de gemeente").wait_for()
        text = reply.inner_text()
        assert "Het denkraam is in principe toepasbaar" in text and "Bronnen" in text
        assert reply.locator("a.element-link").count() >= 1
        page.screenshot(path=str(CHAT_OUTPUT / "llm-answer.png"))
    assert "Antwoorden worden opgesteld door het taalmodel valid" in \
        (CHAT_OUTPUT / "llm-server.log").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_chat_replaces_streamed_sentences_when_the_answer_falls_back(seed_settings, stub):
    from ...support.chat_server import ask, settle

    with chat_page(seed_settings, stub, "llm-fallback-server.log", model="invented",
                   unsupported="fallback") as page:
        reply = ask(page, DENKRAAM)
        reply.get_by_text("Samengesteld uit de teksten").wait_for()
        settle(page)
        text = reply.inner_text()
        assert "Zwolle" not in text and text.count("Kort antwoord") == 1
        assert text.count("Het denkraam is in principe toepasbaar") == 1


def test_endpoint_failures_are_described_by_the_clients_exception_classes():
    import httpx
    import openai

    from assistant.engine.answer.llm import _describe

    request = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    refused = openai.APIStatusError("refused", body=None,
                                    response=httpx.Response(503, request=request))
    assert _describe(refused) == "the endpoint answered HTTP 503"
    assert _describe(openai.APITimeoutError(request=request)).startswith(
        "the endpoint was too slow")
    assert _describe(openai.APIConnectionError(request=request)) == (
        "the endpoint could not be reached")
    stalled = httpx.ReadTimeout("stalled", request=request)  # mid-stream, not wrapped
    assert _describe(stalled) == "the endpoint was too slow (ReadTimeout)"
    assert _describe(httpx.ConnectError("refused", request=request)) == (
        "the endpoint could not be reached")
    assert _describe(ValueError("x")) == "the endpoint's answer could not be read (ValueError)"


def test_the_question_the_short_answer_names_keeps_its_place_beside_the_models():
    """The model's question for a step comes first and the step keeps three; the question the
    short answer names to ask at least stays among them, wherever it stood."""
    from assistant.engine.answer.llm import Draft, LLMWriter
    from assistant.engine.answer.model import Answer, Claim, StepSection, Validation
    from assistant.engine.answer.validate import Checked

    bank = [Claim(text=f"Vraag {i}?", citations=[1], bank_id=f"e{i}") for i in range(4)]
    composed = Answer(
        question="q", language="nl", kind="ask", abstained=False,
        summary=[Claim(text="Op het spel staat privacy: x.", bank_id="value:privacy"),
                 Claim(text="Vraag daarom in elk geval: vraag 3?", bank_id="value:privacy/e3")],
        denkraam=[StepSection(step=4, name="n", about="a", questions=bank)])
    draft = Draft(questions={4: Checked(text="Eigen vraag?", citations=[1], supported=True)})
    written = LLMWriter._answer(composed, draft, Validation())
    assert [q.text for q in written.denkraam[0].questions] == ["Eigen vraag?", "Vraag 0?",
                                                               "Vraag 3?"]
    # Without such a question the step keeps the model's and the first two.
    composed.summary = composed.summary[:1]
    written = LLMWriter._answer(composed, draft, Validation())
    assert [q.text for q in written.denkraam[0].questions] == ["Eigen vraag?", "Vraag 0?",
                                                               "Vraag 1?"]


def test_the_line_naming_the_values_stays_before_the_question_to_ask_at_least():
    """Without reasons the composer's short answer opens with a line naming the values at stake
    and then the question to ask at least ("Vraag daarom ..."): with a model's answer both stay,
    in that order, before what the model wrote; the texts' sentences after them do not."""
    from assistant.engine.answer.llm import Draft, LLMWriter, opening
    from assistant.engine.answer.model import Answer, Claim, Validation
    from assistant.engine.answer.validate import Checked

    lead = Claim(text="Hieronder staan vragen. Op het spel staat vooral privacy.")
    key = Claim(text="Vraag daarom in elk geval: vraag 3?", citations=[1],
                bank_id="value:privacy/e3")
    quote = Claim(text="Een zin uit de teksten.", citations=[2])
    composed = Answer(question="q", language="nl", kind="ask", abstained=False,
                      summary=[lead, key, quote])
    assert opening(composed) == [lead, key]
    draft = Draft(summary=[Checked(text="Het model schrijft dit.", citations=[1],
                                   supported=True)])
    written = LLMWriter._answer(composed, draft, Validation())
    assert [c.text for c in written.summary] == [lead.text, key.text, "Het model schrijft dit."]
    # A short answer of the texts' sentences alone has no opening of the composer's.
    assert opening(Answer(question="q", language="nl", kind="ask", abstained=False,
                          summary=[quote])) == []


def test_what_the_technology_does_reaches_the_model_after_its_name():
    """The case's particulars go into the prompt; what the technology does reads after its
    short name, not as a bare clause."""
    from assistant.engine.answer.llm import LLMWriter
    from assistant.engine.answer.model import Answer, Claim, StepSection

    answer = Answer(
        question="q", language="nl", kind="ask", abstained=False, subject="slimme laadpalen",
        named="de slimme laadpalen",
        facets={"plaats": "in de binnenstad", "werking": "die de laadsnelheid verlagen"},
        denkraam=[StepSection(step=1, name="n", about="a",
                              questions=[Claim(text="Vraag?", citations=[])])])
    user = LLMWriter.messages(object.__new__(LLMWriter), answer)[1].content
    assert "in de binnenstad; de slimme laadpalen die de laadsnelheid verlagen" in user
