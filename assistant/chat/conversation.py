"""A conversation with the engine: each message analysed once, follow-ups on the analysed
question before it.

The conversation keeps the last analysed :class:`~assistant.engine.query.Query` (answered or
declined) and its :class:`~assistant.engine.answer.model.Answer`. A new
message is analysed with that query as its context (:meth:`Engine.analyse`); the learned
analyser says whether it follows up on it and how (right after an answer, a message that names
no technology of its own is weighed as a follow-up eight times likelier than the model alone
says):

* a new condition ("En als het alleen een proef van een half jaar is?"): the same question about
  the same technology, with the condition added;
* why ("Waarom is dat belangrijk?"): a why-question about the same subject;
* values ("Welke publieke waarden spelen hier?"): the values at stake for the same technology,
  its characteristics and conditions kept;
* sources ("Waar staat dat?"): the reply lists the previous answer's sources, without searching
  again; after a declined question it says so and lists those of the answer before it, naming
  that question;
* another technology ("En bij drones?"): the previous question about that technology.

A why is about one point of an answer: a condition, the values or another technology after it are
asked of the question the why was about (``Query.explains``). A follow-up keeps the message that
named its technology (``Query.origin``), so that its answer still names the particulars that
message gave (a place, a supplier, what the technology does).

A self-contained new question starts fresh. The answers are kept for the export (see
:meth:`Conversation.answered`). One Conversation belongs to one chat session; the engine is shared.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from ..engine import Engine
from ..engine.answer.model import Answer
from ..engine.query import Query
from ..engine.review.proposal import Line
from ..engine.review.worksheet import Reading, Worksheet
from ..engine.text.cleaning import clean_question
from ..errors import AssistantError
from ..render.export import Exchange

TurnKind = Literal["answer", "sources", "error"]


@dataclass
class Turn:
    """One exchange: what was typed, how it was understood, and the reply."""

    question: str
    kind: TurnKind
    query: Query | None = None  # the analysed question (derived from the last for a follow-up)
    answer: Answer | None = None  # for "sources": the earlier answer whose sources are meant
    message: str | None = None  # for "error": the one sentence shown; for "sources": the
    # earlier question they belong to, when the last one was declined
    # For a question about the proposal attached earlier: that proposal's sentences that answer
    # it, and the worksheet they come from.
    proposal: list[Line] = field(default_factory=list)
    sheet: Worksheet | None = None

    @property
    def asked(self) -> str | None:
        """The question as the engine understood it, in words: the message, with the subject
        and conditions a follow-up carried over."""
        q = self.query
        if q is None:
            return None
        if not q.followup:
            return q.text
        extra = [x for x in (q.subject, *q.conditions) if x]
        return f"{q.text} ({'; '.join(extra)})" if extra else q.text


@dataclass
class Conversation:
    engine: Engine
    turns: list[Turn] = field(default_factory=list)
    language: str = "nl"  # of the message being answered, as the analyser read it
    # The worksheets of the proposals attached in this conversation, latest last (the proposal
    # itself is not kept: what the worksheet quotes of it is).
    sheets: list[Worksheet] = field(default_factory=list)
    reading: Reading | None = None  # the latest proposal, for questions about it

    @classmethod
    def restore(cls, engine: Engine, kept: Iterable[dict[str, Any]]) -> Conversation:
        """A reopened conversation as it stood (:meth:`read_back`)."""
        return cls.read_back(engine, kept)[0]

    @classmethod
    def read_back(cls, engine: Engine, kept: Iterable[dict[str, Any]]
                  ) -> tuple[Conversation, list[Turn | Worksheet | None]]:
        """A reopened conversation as it stood, from what the history kept of each reply in
        order (:func:`kept_turn`, :func:`kept_sheet`): its worksheets, and its answered turns
        with each question analysed again in the light of the one before it, as when it was
        asked (a few milliseconds a turn), so that follow-ups and the export go on from there;
        and per entry what it became (the chat puts each reply's buttons back from it). The
        proposals themselves are not kept, so new questions about one need it attached again.
        An entry kept in an older or damaged form is passed over (None), and the log says how
        many."""
        conversation = cls(engine)
        became: list[Turn | Worksheet | None] = []
        passed = 0
        for entry in kept:
            read: Turn | Worksheet | None = None
            try:
                if "sheet" in entry:
                    read = Worksheet.model_validate(entry["sheet"])
                    conversation.sheets.append(read)
                elif "turn" in entry:
                    read = conversation._restore_turn(entry["turn"])
            except (ValidationError, AssistantError, KeyError, TypeError, ValueError):
                passed += 1
            became.append(read)
        if passed:
            logging.getLogger(__name__).warning(
                "A reopened conversation could not read back %d of its replies; its follow-ups "
                "and export go on without them", passed)
        return conversation, became

    def _restore_turn(self, kept: dict[str, Any]) -> Turn:
        kind = kept["kind"]
        if kind not in ("answer", "sources"):
            raise ValueError(kind)
        answer = Answer.model_validate(kept["answer"]) if kept.get("answer") else None
        query = self.understand(str(kept["question"]))
        self.language = query.language
        quotes = kept.get("proposal") or {}
        lines = [Line(text=str(q["text"]), page=q.get("page"), section=None, position=-1)
                 for q in quotes.get("quotes", [])]
        sheet = next((w for w in self.sheets if w.title == quotes.get("title")), None)
        turn = Turn(question=str(kept["question"]), kind=kind, query=query, answer=answer,
                    message=kept.get("message"), proposal=lines if sheet else [], sheet=sheet)
        self.turns.append(turn)
        return turn

    def review(self, path: Path, name: str) -> Worksheet:
        """The worksheet of an attached proposal (``name`` as the raadslid's file was called)."""
        from assistant.engine.review import Reviewer

        sheet, self.reading = Reviewer(self.engine).read(path, name)
        self.sheets.append(sheet)
        return sheet

    def answered(self) -> list[Exchange]:
        """Every turn so far with an answer, in order: the questions answered and declined, and
        the questions after the sources with the answer they pointed at. What the export
        writes."""
        return [Exchange(t.question, t.answer, sources=t.kind == "sources",
                         proposal_title=t.sheet.title if t.sheet else None,
                         proposal=tuple((line.text, line.page) for line in t.proposal))
                for t in self.turns if t.kind in ("answer", "sources") and t.answer]

    @property
    def _last_analysed(self) -> Turn | None:
        """The latest turn with an analysed question, answered or declined."""
        return next((t for t in reversed(self.turns) if t.kind == "answer" and t.query), None)

    @property
    def last_answered(self) -> Turn | None:
        """The latest turn answered from the texts."""
        return next((t for t in reversed(self.turns) if t.kind == "answer" and t.answer
                     and not t.answer.abstained), None)

    @property
    def last_answer(self) -> Answer | None:
        """The answer of that turn when it came from the texts; None after a declined question,
        so that "waar staat dat?" does not list an earlier answer's sources as its own."""
        turn = self._last_analysed
        return turn.answer if turn and turn.answer and not turn.answer.abstained else None

    @property
    def last_query(self) -> Query | None:
        """The latest analysed question, answered or declined: "and if it is only a trial?"
        after a declined question still asks about that question's technology."""
        turn = self._last_analysed
        return turn.query if turn else None

    def understand(self, question: str) -> Query:
        """The message analysed in the context of the conversation so far."""
        return self.engine.analyse(question, previous=self.last_query)

    def ask(self, question: str, on_text: Callable[[str], None] | None = None) -> Turn:
        """Answer one message; bad input becomes an "error" turn with one clear sentence.
        ``on_text`` receives a language model's checked sentences as they are written."""
        try:
            cleaned = clean_question(question, self.engine.settings.retrieval.max_question_chars)
            query = self.understand(cleaned)
            self.language = query.language
            if query.followup == "sources":
                earlier = None if self.last_answer else self.last_answered
                turn = Turn(question=cleaned, kind="sources", query=query,
                            answer=self.last_answer or (earlier.answer if earlier else None),
                            message=earlier.question if earlier else None)
            else:
                turn = Turn(question=cleaned, kind="answer", query=query,
                            answer=self.engine.ask(query, on_text=on_text))
                if self.reading is not None:  # a question about the proposal gets its sentences
                    turn.proposal = self.reading.quotes_for(cleaned)
                    turn.sheet = self.sheets[-1] if turn.proposal else None
        except AssistantError as exc:
            return Turn(question=question[:200], kind="error", message=str(exc))
        self.turns.append(turn)
        return turn


def kept_turn(turn: Turn) -> dict[str, Any] | None:
    """What the history keeps of an answered turn beside its text, so that a reopened
    conversation can go on from it (:meth:`Conversation.restore`): the question as typed, the
    answer as data, and the proposal's sentences that answered it with that proposal's title.
    None for a turn that is not kept (an error)."""
    if turn.kind not in ("answer", "sources"):
        return None
    kept: dict[str, Any] = {
        "question": turn.question, "kind": turn.kind, "message": turn.message,
        "answer": turn.answer.model_dump(mode="json") if turn.answer else None}
    if turn.proposal and turn.sheet:  # the proposal's sentences that answered it
        kept["proposal"] = {"title": turn.sheet.title,
                            "quotes": [{"text": ln.text, "page": ln.page} for ln in turn.proposal]}
    return kept


def kept_sheet(sheet: Worksheet) -> dict[str, Any]:
    """What the history keeps of a worksheet beside its text: the worksheet as data, which its
    export is written from."""
    return sheet.model_dump(mode="json")
