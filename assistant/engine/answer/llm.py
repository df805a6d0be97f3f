"""Answers written by the municipality's own language model, every citation checked.

With ``ASSISTANT_LLM_URL`` and ``ASSISTANT_LLM_MODEL`` the composed answer's passages (the same
[n] it cites) go to an OpenAI-compatible endpoint with the question; nothing else leaves the
machine. The model writes the short answer and, for "what to ask" questions, one question per
denkraam step. Each sentence is checked (:mod:`.validate`) as it streams in:

* ``remove`` (default): a sentence whose citations do not resolve to a given passage or are not
  supported by it is dropped; with no sentence of the short answer left, the composed answer is
  given instead;
* ``fallback``: any such sentence gives the composed answer instead.

A question the texts do not cover never reaches the model (the composer decides that first). A
dead, slow or misbehaving endpoint, an empty answer or one in the wrong language gives the composed
answer, one line in the log and ``validation.reason`` saying why. Values and sources stay the
composer's.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assistant.config import Settings
from assistant.engine.answer.model import Answer, Claim, Validation
from assistant.engine.answer.validate import Checked, SupportChecker
from assistant.engine.retrieve import Retriever
from assistant.engine.text.sentences import split_sentences
from assistant.engine.understanding.language import detect_language
from assistant.errors import EndpointError
from assistant.messages import nl

log = logging.getLogger("assistant.llm")
PROMPTS = Path(__file__).with_name("prompts.yaml")
SECTION = re.compile(r"^\s*\**\s*(KORT ANTWOORD|SHORT ANSWER|VRAGEN|QUESTIONS)\s*:?\**\s*:?\s*",
                     re.I | re.M)
STEP_LINE = re.compile(r"^\s*([1-5])\s*[.)]\s*(.+?)\s*$", re.M)
# "zin. [1]" -> "zin [1]." so that a citation stays with its sentence when splitting.
TRAILING_CITATIONS = re.compile(r"([.!?])((?:\s*\[\d+\])+)")


@lru_cache(maxsize=1)
def prompts() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(PROMPTS.read_text(encoding="utf-8"))
    return data


def api_key(settings: Settings) -> str | None:
    """The endpoint's key: the setting, or the first line of a file readable by its owner only."""
    if settings.llm.api_key is not None:
        return settings.llm.api_key.get_secret_value()
    path = settings.llm.api_key_file
    if path is None:
        return None
    if stat.S_IMODE(os.stat(path).st_mode) & 0o077:
        raise PermissionError(f"{path} may be read by others; make it 0600 (chmod 600 {path}).")
    return path.read_text(encoding="utf-8").strip() or None


def shown_url(url: str) -> str:
    """``url`` as it may be printed or stored: a password in it, and the value of any query
    parameter, replaced by ``***`` (an endpoint may carry its key either way)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.password is not None:
            user, _, host = netloc.rpartition("@")
            netloc = f"{user.split(':', 1)[0]}:***@{host}"
        query = urlencode([(k, "***") for k, _ in parse_qsl(parts.query, keep_blank_values=True)],
                          safe="*")
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return nl.UNREADABLE_ADDRESS


def check_endpoint(settings: Settings) -> None:
    """Raise EndpointError with one sentence when the endpoint cannot answer: not an http(s)
    address, unreachable, the key refused, or the model unknown to it."""
    import httpx

    url = (settings.llm.url or "").rstrip("/")
    shown = shown_url(url)
    if not re.match(r"https?://[^/\s]+", url):
        raise EndpointError(nl.LLM_NOT_HTTP.format(url=shown))
    try:
        key = api_key(settings)
    except OSError as e:
        raise EndpointError(nl.LLM_KEY_UNREADABLE.format(problem=e)) from None
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    try:
        response = httpx.get(f"{url}/models", headers=headers,
                             timeout=settings.llm.first_token_seconds)
    except httpx.HTTPError:
        raise EndpointError(nl.LLM_UNREACHABLE.format(url=shown)) from None
    if response.status_code in (401, 403):
        raise EndpointError(nl.LLM_KEY_REFUSED.format(url=shown))
    if response.status_code == 200:
        try:
            served = {str(m.get("id")) for m in response.json().get("data", [])}
        except (ValueError, AttributeError):
            served = set()
        if served and settings.llm.model not in served:
            known = ", ".join(sorted(served))
            raise EndpointError(nl.LLM_UNKNOWN_MODEL.format(url=shown, model=settings.llm.model,
                                                            known=known))


@dataclass
class Draft:
    """What the model wrote, checked sentence by sentence."""

    summary: list[Checked] = field(default_factory=list)
    questions: dict[int, Checked] = field(default_factory=dict)
    raw: str = ""
    first_token_ms: float | None = None


class LLMWriter:
    def __init__(self, settings: Settings, retriever: Retriever) -> None:
        from llama_index.llms.openai_like import OpenAILike

        self.settings = settings
        self.checker = SupportChecker(retriever, settings.llm.support_threshold)
        self.version = int(prompts()["version"])
        # The client's timeout bounds each wait on the connection: for the first token and
        # between tokens. The whole answer's deadline is kept while reading (see _stream).
        self.llm = OpenAILike(
            model=settings.llm.model or "", api_base=(settings.llm.url or "").rstrip("/"),
            api_key=api_key(settings) or "geen-sleutel", is_chat_model=True,
            is_function_calling_model=False, context_window=8192, max_tokens=700,
            temperature=0.1, max_retries=0, timeout=settings.llm.first_token_seconds)

    # -- prompt ----------------------------------------------------------------------------------

    def messages(self, answer: Answer) -> list[Any]:
        from llama_index.core.llms import ChatMessage

        lang = "en" if answer.language == "en" else "nl"
        p = prompts()[lang]
        passages = "\n\n".join(f"[{c.n}] {c.title}: {' '.join(c.text.split())}"
                               for c in answer.citations)
        # What it does reads after the technology's short name ("slimme laadpalen die ..."): the
        # subject as written may hold the clause already.
        facets = "; ".join(f"{answer.named or ''} {v}".strip() if k == "werking" else v
                           for k, v in answer.facets.items())
        task = (p["task_ask"].format(subject=answer.subject or answer.topic or "deze technologie",
                                     case=p["case"].format(facets=facets) if facets else "")
                if answer.denkraam else p["task_answer"])
        user = p["user"].format(passages=passages, question=answer.question, task=task.strip())
        return [ChatMessage(role="system", content=p["system"].strip()),
                ChatMessage(role="user", content=user.strip())]

    # -- writing ---------------------------------------------------------------------------------

    def write(self, composed: Answer, on_text: Callable[[str], None] | None = None) -> Answer:
        """The model's answer when it holds up, else ``composed``; either carries ``validation``."""
        started = time.perf_counter()
        passages = [c.passage_id for c in composed.citations]
        draft = Draft()
        reason: str | None = None
        if on_text is not None:  # what is most at stake stays the composer's and leads
            for claim in opening(composed):
                on_text(_cited(claim))
        try:
            for sentence in self._summary_sentences(self._stream(composed, draft, started), draft):
                checked = self.checker.check(sentence, passages)
                draft.summary.append(checked)
                if not checked.supported and self.settings.llm.unsupported == "fallback":
                    reason = f"a sentence failed the check ({checked.reason})"
                    break
                if checked.supported and on_text is not None:
                    on_text(_cited(checked))
        except Exception as e:  # noqa: BLE001 - any failure of the endpoint gives the composer
            reason = _describe(e)
        if reason is None:
            reason = self._judge(composed, draft, passages)
        elapsed = (time.perf_counter() - started) * 1000
        checked_all = draft.summary + list(draft.questions.values())
        validation = Validation(
            sentences=len(checked_all), supported=sum(c.supported for c in checked_all),
            removed=sum(not c.supported for c in checked_all),
            failures=dict(Counter(c.reason for c in checked_all if c.reason)),
            fell_back=reason is not None,
            reason=reason, prompt_version=self.version,
            first_token_ms=round(draft.first_token_ms, 1) if draft.first_token_ms else None,
            total_ms=round(elapsed, 1))
        if reason is not None:
            log.warning("language model not used for this answer: %s", reason)
            return composed.model_copy(update={"validation": validation})
        return self._answer(composed, draft, validation)

    def _stream(self, composed: Answer, draft: Draft, started: float) -> Iterator[str]:
        deadline = started + self.settings.llm.total_seconds
        for chunk in self.llm.stream_chat(self.messages(composed)):
            delta = chunk.delta or ""
            if delta and draft.first_token_ms is None:
                draft.first_token_ms = (time.perf_counter() - started) * 1000
            draft.raw += delta
            if time.perf_counter() > deadline:
                raise TimeoutError("no complete answer within "
                                   f"{self.settings.llm.total_seconds:g} s")
            yield delta

    @staticmethod
    def _summary_sentences(deltas: Iterator[str], draft: Draft) -> Iterator[str]:
        """Complete sentences of the short answer, as soon as the next one has begun."""
        emitted = 0
        for _ in deltas:
            part = _summary_part(draft.raw)
            if part is None:
                continue
            sentences = split_sentences(TRAILING_CITATIONS.sub(r"\2\1", part))
            complete = sentences[:-1] if not _has_questions(draft.raw) else sentences
            for sentence in complete[emitted:]:
                yield sentence
            emitted = max(emitted, len(complete))
        part = _summary_part(draft.raw) or ""
        for sentence in split_sentences(TRAILING_CITATIONS.sub(r"\2\1", part))[emitted:]:
            yield sentence

    def _judge(self, composed: Answer, draft: Draft, passages: list[str]) -> str | None:
        """Why the model's answer cannot be given (None when it can); checks its questions."""
        text = draft.raw.strip()
        if not text:
            return "the endpoint sent an empty answer"
        if len(text) > 80 and detect_language(text) != composed.language:
            return f"the answer is not in the language of the question ({composed.language})"
        if composed.denkraam:
            for step, question in _step_questions(draft.raw).items():
                checked = self.checker.check(question, passages)
                draft.questions[step] = checked
                if not checked.supported and self.settings.llm.unsupported == "fallback":
                    return f"a question failed the check ({checked.reason})"
        if not any(c.supported for c in draft.summary):
            return "no sentence of the short answer passed the check"
        return None

    @staticmethod
    def _answer(composed: Answer, draft: Draft, validation: Validation) -> Answer:
        # What is most at stake stays the composer's, before what the model wrote.
        summary = opening(composed)
        summary += [Claim(text=c.text, citations=c.citations) for c in draft.summary
                    if c.supported]
        denkraam = []
        # The question the short answer names as the one to ask at least stays below it.
        key = {c.bank_id.partition("/")[2] for c in summary if c.verdict and c.bank_id}
        for section in composed.denkraam:
            mine = draft.questions.get(section.step)
            if mine is not None and mine.supported:
                # The model's question for this step first, then the framework's own.
                written = Claim(text=mine.text, citations=mine.citations)
                others = [q for q in section.questions if q.text != mine.text]
                named = [q for q in others if q.bank_id in key][:1]
                kept = named + [q for q in others if q not in named][:2 - len(named)]
                kept.sort(key=others.index)
                section = section.model_copy(update={"questions": [written, *kept]})
            denkraam.append(section)
        return composed.model_copy(update={
            "summary": summary, "denkraam": denkraam, "written_by": "llm",
            "validation": validation, "notices": composed.notices})


def _cited(sentence: Checked | Claim) -> str:
    """A sentence as the chat streams it: its text and its citation marks."""
    return sentence.text + "".join(f" [{n}]" for n in sentence.citations)


def _has_questions(raw: str) -> bool:
    return any(m.group(1).upper() in ("VRAGEN", "QUESTIONS") for m in SECTION.finditer(raw))


def _summary_part(raw: str) -> str | None:
    """The short-answer part of what has arrived: after its heading (or from the start when the
    model wrote none) up to the questions' heading."""
    marks = list(SECTION.finditer(raw))
    start = 0
    for m in marks:
        if m.group(1).upper() in ("KORT ANTWOORD", "SHORT ANSWER"):
            start = m.end()
    end = next((m.start() for m in marks
                if m.group(1).upper() in ("VRAGEN", "QUESTIONS") and m.start() >= start),
               len(raw))
    part = raw[start:end].strip()
    return part or None


def _step_questions(raw: str) -> dict[int, str]:
    """The numbered questions after the questions' heading, by denkraam step."""
    marks = [m for m in SECTION.finditer(raw) if m.group(1).upper() in ("VRAGEN", "QUESTIONS")]
    if not marks:
        return {}
    out: dict[int, str] = {}
    for m in STEP_LINE.finditer(raw[marks[-1].end():]):
        out.setdefault(int(m.group(1)), m.group(2))
    return out


def _describe(e: Exception) -> str:
    """One line on what went wrong with the endpoint (no key, no question text), from the
    OpenAI client's exception classes (LlamaIndex's OpenAILike calls the endpoint through it)
    and httpx's, which a streamed answer can raise unwrapped."""
    import httpx
    import openai

    name = type(e).__name__
    if isinstance(e, openai.APIStatusError):
        return f"the endpoint answered HTTP {e.status_code}"
    # A stream that stalls after its headers raises httpx's own timeout, which the client does
    # not wrap.
    if isinstance(e, openai.APITimeoutError | httpx.TimeoutException | TimeoutError):
        return f"the endpoint was too slow ({name})"
    if isinstance(e, openai.APIConnectionError | httpx.TransportError):
        return "the endpoint could not be reached"
    return f"the endpoint's answer could not be read ({name})"


def opening(composed: Answer) -> list[Claim]:
    """The composer's short answer up to its last sentence on what is most at stake (the values
    with their reasons and the question to ask at least, or the line naming the values before
    that question when the case gives no reasons): it stays the composer's, before what the
    model writes. None when nothing in it is marked so."""
    last = max((i for i, c in enumerate(composed.summary) if c.verdict), default=-1)
    return list(composed.summary[:last + 1])
