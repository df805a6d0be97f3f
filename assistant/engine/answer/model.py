"""The typed Answer every interface renders (CLI Markdown and JSON, chat, export, eval).

The engine returns data only; :mod:`assistant.render` writes Markdown. Numbered citations ``[n]``
in ``summary``, ``related``, ``denkraam`` and ``public_values`` refer to ``citations[n-1]``, each
a passage of a guidance text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["answered", "not_in_texts", "nearest", "out_of_scope", "no_question"]


class Citation(BaseModel):
    n: int
    doc: str
    title: str
    publisher: str | None = None
    date: str | None = None
    passage_id: str
    page: int | None = None
    heading: str | None = None
    text: str


# The mark (``Claim.bank_id``) of a short answer's sentence on what is most at stake, before the
# public value's key ("value:privacy"), or before the key and the bank entry of the question that
# asks about it ("value:privacy/s2-images-area-on-map").
VERDICT_MARK = "value:"


class Claim(BaseModel):
    """A sentence or question with the citations that support it. ``quote`` marks a sentence
    quoted from a (Dutch) source rather than written by the assistant."""

    text: str
    citations: list[int] = Field(default_factory=list)
    quote: bool = False
    # A question for the council: the bank entry it was made from ("probe:ITEM" for a probe of
    # what the user described, "tension:ID" for a worksheet question from periods named apart);
    # in a short answer, "value:KEY" for what is most at stake (a public value with its reason)
    # and "value:KEY/ENTRY" for the question that asks about it.
    bank_id: str | None = None

    @property
    def verdict(self) -> bool:
        """A short answer's sentence on what is most at stake (a value with its reason, or the
        question that asks about it)."""
        return bool(self.bank_id and self.bank_id.startswith(VERDICT_MARK))


class StepSection(BaseModel):
    step: int
    name: str
    about: str
    questions: list[Claim]


class ValueItem(BaseModel):
    """A public value at stake, with why it is at stake in this case ("de camera legt vast wie
    er bij de container staat") where the question bank has a reason for it."""

    key: str
    name: str
    reason: str | None = None
    citations: list[int] = Field(default_factory=list)


class Validation(BaseModel):
    """How a language model's answer was checked: its sentences (short answer and questions),
    how many were supported by the passages they cite, how many were removed, and whether the
    composed answer was given instead (``fell_back``, with the ``reason``)."""

    sentences: int = 0
    supported: int = 0
    removed: int = 0
    failures: dict[str, int] = Field(default_factory=dict)  # why sentences failed, with counts
    fell_back: bool = False
    reason: str | None = None
    prompt_version: int | None = None
    first_token_ms: float | None = None
    total_ms: float | None = None


class Answer(BaseModel):
    """One answer. ``status``: answered; not_in_texts (in scope, but the texts do not hold what
    was asked: ``missing`` says what, ``related`` what they do say, first any sentence that
    would have given a detail but for its year or what an amount is per, or that names a
    company where a name was asked); nearest (every detail in ``missing`` has such a sentence
    and no proper name, of a place or a party, is missing: the sentences are quoted first in
    ``related`` under a caution, and the answer does not claim that the texts lack it);
    out_of_scope; no_question (a pasted text without a question: ``suggestions`` offers what to
    ask about it). ``abstained``
    is true unless the question was answered. ``conditions`` are what follow-ups added ("een
    proef van een half jaar"), which the answer is about; ``followup`` says how the question
    built on the one before it (condition, why, values, swap)."""

    question: str
    language: str
    kind: str = "factual"
    status: Status = "answered"
    abstained: bool
    subject: str | None = None
    topic: str | None = None
    characteristics: list[str] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    followup: str | None = None  # how a follow-up built on the question before it
    missing: list[str] = Field(default_factory=list)
    # The passages (ids) a detail the question asks for (an amount, a period...) was looked for
    # in, whether or not it was found: ``missing`` is said only after looking there.
    checked: list[str] = Field(default_factory=list)
    summary: list[Claim] = Field(default_factory=list)
    related: list[Claim] = Field(default_factory=list)
    denkraam: list[StepSection] = Field(default_factory=list)
    # Places in a step left empty because no passage supported the bank's questions for them.
    questions_left_out: int = 0
    # The case's particulars as the user wrote them (place, duration, cost...), which the
    # questions name.
    facets: dict[str, str] = Field(default_factory=dict)
    # The technology as those questions name it: the subject's short name, with its article.
    named: str | None = None
    public_values: list[ValueItem] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    followups: list[str] = Field(default_factory=list)
    written_by: Literal["composer", "llm"] = "composer"
    validation: Validation | None = None  # set when a language model was asked
    timings_ms: dict[str, float] = Field(default_factory=dict)

    def citation(self, n: int) -> Citation:
        return self.citations[n - 1]
