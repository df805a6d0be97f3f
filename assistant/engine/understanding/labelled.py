"""The labelled question set the analyser learns from: JSON Lines files in ``labelled/``.

One object a line (:class:`LabelledQuestion` is the schema)::

    {"id": "a0001", "text": "Ik ben raadslid. Wat moet ik vragen over wifi-telling?",
     "lang": "nl", "kind": "ask", "question": "Wat moet ik vragen over wifi-telling?",
     "subject": "wifi-telling", "details": []}

``question`` is the part of ``text`` that asks (all of it when nothing is described or pasted),
``subject`` the technology or plan as written, with its qualifiers; both are exact substrings of
``text``. ``name``, where the subject is longer than a name, is the part of it that the council's
questions use ("luchtkwaliteitsmeters" of "luchtkwaliteitsmeters die de gemeente huurt van
Sensaris"); without it the subject is its own name. ``details`` are what the question part asks
for (an amount, a date...), not words that merely occur. Follow-up kinds carry ``previous`` (the
question before it in the chat) and a condition follow-up its ``condition``. ``also`` marks a
message that asks two things ("what is X and what should I ask?"). A line written to teach
where a technology's phrase begins and ends, whose kinds, asking sentences and surrounding words
follow the brief it was written from rather than how council members ask, says
``"spans_only": true``: the tagger and the span and name rankers learn from it, the kind model
and the technology classifier do not (``wordorder.jsonl``). A line that fails the schema is refused
with one sentence naming the file and line.

Beside them, ``phrases/*.jsonl`` holds short phrases labelled for one question only: does the
phrase name a digital technology or a plan with one (``true``), or something a council decides
that is not digital (``false``)? :class:`LabelledPhrase` is its schema::

    {"text": "zelfscankassa's in de bibliotheek", "lang": "nl", "technology": true}

And ``cases/*.jsonl`` holds messages that name or describe a technology or plan, labelled with
what it does as described: the keys of framework.yaml's characteristics that apply
(:class:`LabelledCase`). A message may say what the technology does not do ("de beelden worden
direct geanonimiseerd"), and the labels follow what it says::

    {"id": "c0001", "text": "Anonieme tellers in de winkelstraat, een proef van een jaar",
     "lang": "nl", "subject": "Anonieme tellers in de winkelstraat",
     "characteristics": ["telt-zonder-herkennen", "experiment"]}

A case written to teach what technologies do, whose subject was not labelled for where the
technology's phrase begins and ends, says ``"spans": false``: the characteristics model reads it,
the subject tagger and the span and name rankers do not (``cases/households.jsonl``).

A technology named without a description can leave a characteristic open: "wifi-telling" may only
count phones or may follow them. Such a case lists it under ``maybe`` (``cases/names.jsonl``)::

    {"id": "N001", "text": "Wat moet ik vragen over wifi-telling?", "lang": "nl",
     "subject": "wifi-telling", "characteristics": ["data-openbare-ruimte"],
     "maybe": ["herkent-personen", "telt-zonder-herkennen", "persoonsgegevens"], "spans": false}
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from assistant.engine.text.words import WORD
from assistant.engine.understanding.language import DETAILS
from assistant.errors import UnderstandingDataError

FOLDER = Path(__file__).parent / "labelled"
PHRASES = "phrases"
CASES = "cases"

STANDALONE_KINDS = ("ask", "factual", "why", "how", "yesno", "compare", "topic")
FOLLOWUP_KINDS = ("followup_condition", "followup_why", "followup_values", "followup_sources",
                  "followup_swap")
KINDS = STANDALONE_KINDS + FOLLOWUP_KINDS
Kind = Literal["ask", "factual", "why", "how", "yesno", "compare", "topic", "followup_condition",
               "followup_why", "followup_values", "followup_sources", "followup_swap"]


class LabelledQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    lang: Literal["nl", "en"]
    kind: Kind
    question: str
    subject: str | None = None
    name: str | None = None
    details: tuple[str, ...] = ()
    previous: str | None = None
    condition: str | None = None
    also: Kind | None = None
    spans_only: bool = False  # true: it teaches the subject's ends and name, not kind or scope

    @model_validator(mode="after")
    def _consistent(self) -> LabelledQuestion:
        if not self.text.strip():
            raise ValueError("text is empty")
        if self.question not in self.text:
            raise ValueError("question is not a part of text")
        if self.subject is not None and self.subject not in self.text:
            raise ValueError("subject is not a part of text")
        _check_name(self.name, self.subject)
        if self.condition is not None and self.condition not in self.text:
            raise ValueError("condition is not a part of text")
        unknown = [d for d in self.details if d not in DETAILS]
        if unknown:
            raise ValueError(f"unknown detail {unknown[0]!r}")
        if self.kind.startswith("followup_") and not self.previous:
            raise ValueError("a follow-up needs the previous question")
        return self

    @property
    def context(self) -> str:
        """What the message describes or quotes besides its question."""
        return self.text.replace(self.question, " ", 1).strip()


class LabelledPhrase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    lang: Literal["nl", "en"]
    technology: bool

    @model_validator(mode="after")
    def _consistent(self) -> LabelledPhrase:
        if not self.text.strip():
            raise ValueError("text is empty")
        return self


class LabelledCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    lang: Literal["nl", "en"]
    subject: str
    name: str | None = None
    characteristics: tuple[str, ...] = ()
    # A case labelled as its name leaves it (``cases/names.jsonl``) lists what depends on how the
    # technology is set up ("wifi-telling" may only count phones or follow them), possibly
    # nothing; the model for technologies named alone learns those as unsure, so that the answer
    # asks the college. None: labelled as described (what a description settles).
    maybe: tuple[str, ...] | None = None
    spans: bool = True  # the subject's ends teach the tagger and the span and name rankers

    @model_validator(mode="after")
    def _consistent(self) -> LabelledCase:
        if not self.text.strip() or not self.subject.strip():
            raise ValueError("text and subject may not be empty")
        if self.subject not in self.text:
            raise ValueError("subject is not a part of text")
        _check_name(self.name, self.subject)
        named = self.characteristics + (self.maybe or ())
        if len(set(named)) != len(named):
            raise ValueError("a characteristic is named twice")
        bad = [k for k in named if not _KEY.fullmatch(k)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a characteristic key")
        return self


_KEY = re.compile(r"[a-z][a-z0-9-]*")


def _check_name(name: str | None, subject: str | None) -> None:
    """A name is whole words of its subject ("camera" is no name in "camera's")."""
    if name is None:
        return
    inner, outer = WORD.findall(name), WORD.findall(subject or "")
    if not inner or name not in (subject or "") or not any(
            outer[k:k + len(inner)] == inner for k in range(len(outer) - len(inner) + 1)):
        raise ValueError("name is not a part of subject")


def load_labelled(folder: Path = FOLDER) -> list[LabelledQuestion]:
    """Every labelled question in ``folder``; one sentence names the first line that fails."""
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise UnderstandingDataError(f"The labelled question set {folder} holds no .jsonl file.")
    return _with_ids(files, LabelledQuestion, "question set")


def load_phrases(folder: Path = FOLDER) -> list[LabelledPhrase]:
    """Every labelled phrase in ``folder/phrases`` (none when it is missing); one sentence
    names the first line that fails, or a phrase labelled twice."""
    out: list[LabelledPhrase] = []
    seen: dict[str, str] = {}
    for where, data in json_lines(sorted((folder / PHRASES).glob("*.jsonl"))):
        try:
            item = LabelledPhrase.model_validate(data)
        except ValidationError as exc:
            raise refused("phrase set", where, exc) from exc
        key = " ".join(item.text.casefold().split())
        if key in seen:
            raise UnderstandingDataError(f"The labelled phrase set fails at {where}: "
                                         f"{item.text!r} is there already ({seen[key]}).")
        seen[key] = where
        out.append(item)
    return out


def load_cases(folder: Path = FOLDER) -> list[LabelledCase]:
    """Every labelled case in ``folder/cases`` (none when it is missing); one sentence names the
    first line that fails, or an id used twice."""
    return _with_ids(sorted((folder / CASES).glob("*.jsonl")), LabelledCase, "case set")


_Item = TypeVar("_Item", LabelledQuestion, LabelledCase)


def _with_ids(files: list[Path], schema: type[_Item], what: str) -> list[_Item]:
    """Every line of ``files`` validated by ``schema``; one sentence names the first line that
    fails, or an id used twice."""
    out: list[_Item] = []
    seen: set[str] = set()
    for where, data in json_lines(files):
        try:
            item = schema.model_validate(data)
        except ValidationError as exc:
            raise refused(what, where, exc) from exc
        if item.id in seen:
            raise UnderstandingDataError(f"The labelled {what} fails at {where}: the id "
                                         f"{item.id!r} is used twice.")
        seen.add(item.id)
        out.append(item)
    return out


def refused(what: str, where: str, exc: ValidationError) -> UnderstandingDataError:
    """One sentence naming the line and the field of the first schema error."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return UnderstandingDataError(f"The labelled {what} fails at {where}"
                                  + (f" ({field})" if field else "") + f": {message}.")


def json_lines(files: list[Path]) -> Iterator[tuple[str, object]]:
    """(where, parsed JSON) for each line of ``files`` that is not blank."""
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UnderstandingDataError(f"The labelled data file {path} cannot be read as "
                                         "UTF-8 text.") from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path.name} line {number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UnderstandingDataError(f"The labelled data fails at {where}: it is not "
                                             "JSON.") from exc
            yield where, data


def labelled_hash(folder: Path = FOLDER) -> str:
    """Hash of the labelled files, recorded in the manifest of the analyser trained on them."""
    digest = hashlib.sha256()
    for path in [*sorted(folder.glob("*.jsonl")), *sorted((folder / PHRASES).glob("*.jsonl")),
                 *sorted((folder / CASES).glob("*.jsonl"))]:
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
