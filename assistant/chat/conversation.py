"""A conversation with the engine: follow-up questions read in the context of the previous turn.

The engine answers one self-contained question. In a chat people go on from the last answer:

* "En bij camera's?" names a new topic and nothing else: it repeats the previous question about
  that topic ("Wat moet ik vragen over cameratoezicht?");
* "Welke waarden spelen daarbij?" names no topic but points back ("daarbij", "dat", "this"): it is
  asked about the previous topic;
* "Welke bron zegt dat?" asks where the previous answer comes from: the reply lists that
  answer's sources instead of searching again.

Everything else is asked as it stands. The turns are kept for the export (see
:mod:`assistant.chat.export`). One Conversation belongs to one chat session; the engine is shared.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ..engine import Engine
from ..engine.answer.model import Answer
from ..engine.framework import Concept
from ..engine.textproc import clean_question, detect_language, words
from ..errors import AssistantError

# A follow-up that only adds a topic: "en bij camera's?", "and for cameras?", "wat als het om
# sensoren gaat?". What is left after these words and the topic must be (nearly) nothing.
ELLIPSIS_OPENERS = re.compile(
    r"^\s*(en|maar|and|but|what about|how about|hoe zit het met|wat als|wat dan)\b", re.I)
FILLER = frozenset(
    "en maar bij met over voor van om het de een die dat dan als wat hoe zit gaat gaan geldt "
    "daar and but about for with what how the a an of in on if it is case".split())
# Words that point back at the previous turn: Dutch pronominal adverbs always do; bare pronouns
# only in a short question ("En dat?", "Is dat verplicht?"), where they cannot be an article.
POINTING = frozenset(
    "daarbij daarover daarvoor daarmee daarvan daarin daarop daartegen hierbij hierover "
    "hiervoor hiermee hiervan hierin therein thereby".split())
PRONOUNS = frozenset("dat dit die deze this that these those it they them".split())
SHORT = 5
# Questions after the sources of the previous answer.
SOURCE_QUESTION = re.compile(
    r"\b(welke bron(nen)?|wat is de bron|waar staat (dat|dit|het)|waar komt (dat|dit|het) "
    r"vandaan|waar baseer|uit welke (tekst|bron)|which sources?|what is the source|where does "
    r"(that|this|it) (say|come from)|where is (that|this) from)\b", re.I)

TurnKind = Literal["answer", "sources", "error"]


@dataclass
class Turn:
    """One exchange: what was typed, what was asked of the engine, and the reply."""

    question: str
    kind: TurnKind
    asked: str | None = None  # the self-contained question sent to the engine
    answer: Answer | None = None  # for "sources": the earlier answer whose sources are meant
    message: str | None = None  # for "error": the one sentence shown


@dataclass
class Conversation:
    engine: Engine
    turns: list[Turn] = field(default_factory=list)

    @property
    def _last_answered(self) -> Turn | None:
        """The latest turn the engine answered from the texts (not an abstention)."""
        return next((t for t in reversed(self.turns)
                     if t.kind == "answer" and t.answer and not t.answer.abstained), None)

    @property
    def last_answer(self) -> Answer | None:
        turn = self._last_answered
        return turn.answer if turn else None

    def resolve(self, question: str) -> tuple[TurnKind, str]:
        """How to treat ``question`` given the turns so far: ("sources", question) or
        ("answer", the self-contained question to ask)."""
        last = self._last_answered
        previous = last.asked if last else None
        if previous is None:
            return "answer", question
        topics = self._topics(question)
        if SOURCE_QUESTION.search(question) and not topics:
            return "sources", question
        before = self._topics(previous)
        folded = words(question)
        topic_words = {w for t in topics for w in words(" ".join(t.terms))}
        rest = [w for w in folded if w not in FILLER and w not in topic_words]
        if topics and ELLIPSIS_OPENERS.search(question) and len(rest) <= 1:
            return "answer", self._swap_topic(previous, before, topics[0])
        points_back = bool(set(folded) & POINTING) or (
            len(folded) <= SHORT and bool(set(folded) & PRONOUNS))
        if not topics and before and points_back:
            subject = before[0].name(detect_language(question))
            return "answer", f"{question.rstrip(' ?')} ({subject})?"
        return "answer", question

    def ask(self, question: str, on_text: Callable[[str], None] | None = None) -> Turn:
        """Answer one message; bad input becomes an "error" turn with one clear sentence.
        ``on_text`` receives a language model's checked sentences as they are written."""
        try:
            cleaned = clean_question(question, self.engine.settings.max_question_chars)
            kind, asked = self.resolve(cleaned)
            if kind == "sources":
                turn = Turn(question=cleaned, kind="sources", answer=self.last_answer)
            else:
                turn = Turn(question=cleaned, kind="answer", asked=asked,
                            answer=self.engine.ask(asked, on_text=on_text))
        except AssistantError as exc:
            return Turn(question=question[:200], kind="error", message=str(exc))
        self.turns.append(turn)
        return turn

    # -- helpers ---------------------------------------------------------------------------------

    def _topics(self, text: str) -> list[Concept]:
        return self.engine.retriever.analyse(text).topics

    def _swap_topic(self, previous: str, before: list[Concept], topic: Concept) -> str:
        """The previous question about ``topic`` instead of the topic it named."""
        lang = detect_language(previous)
        name = topic.name(lang)
        if before:
            # Replace the words that named the old topic, longest term first.
            for term in sorted(before[0].terms, key=len, reverse=True):
                pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.I)
                if pattern.search(previous):
                    return pattern.sub(name, previous, count=1)
        return f"{previous.rstrip(' ?')} ({name})?"
