"""Fair use of one chat process: questions per user per minute, how many may wait, exports.

Every refusal is one Dutch sentence; nothing is queued without bound. A question is admitted
(:meth:`QuestionLimits.admit`) before Chainlit stores it or starts a task for it: the socket
guard (:func:`assistant.intranet.events.guard_socket`) asks for a typed or edited question, the
"ask" button for its own, so a refused or overlong question costs neither a stored step nor a
task, and its refusal is shown but not stored. The engine answers in worker threads;
``max_waiting`` caps the questions between arrival and answer, so an overloaded replica refuses
early ("probeer het zo opnieuw") instead of letting every answer time out.

The counts are per process: behind a load balancer with several replicas, a user who is spread
over them may ask ``per_minute`` questions at each.
"""

from __future__ import annotations

import math
import re
import time
from collections import deque

from assistant.config import Settings
from assistant.engine.text.cleaning import clean_question, dutch_count
from assistant.errors import QuestionError
from assistant.messages.nl import BUSY, PASTED_TOO_LONG, TOO_MANY, TOO_MANY_EXPORTS

# Exports per user per minute: a document of the whole conversation is built each time.
EXPORTS_PER_MINUTE = 5


class QuestionLimits:
    def __init__(self, per_minute: int, max_waiting: int, max_chars: int = 0,
                 too_many: str = TOO_MANY, max_pasted: int = 0) -> None:
        self.per_minute = per_minute
        self.max_waiting = max_waiting
        self.max_chars = max_chars
        # A message longer than a question, up to this, is a pasted proposal (0: none).
        self.max_pasted = max_pasted
        self.too_many = too_many
        self.waiting = 0
        self._asked: dict[str, deque[float]] = {}

    def busy(self) -> str | None:
        return BUSY if self.max_waiting and self.waiting >= self.max_waiting else None

    def refusal(self, user: str, now: float | None = None) -> str | None:
        """A sentence when ``user`` may not ask now (and the question is not counted), else
        None (and it is)."""
        now = time.monotonic() if now is None else now
        if self.busy():
            return BUSY
        if self.per_minute <= 0:
            return None
        asked = self._asked.setdefault(user, deque())
        while asked and asked[0] <= now - 60:
            asked.popleft()
        if len(asked) >= self.per_minute:
            return self.too_many.format(seconds=max(1, math.ceil(asked[0] + 60 - now)))
        asked.append(now)
        return None

    def admit(self, user: str, text: object, attached: bool = False, now: float | None = None,
              paste: bool = True) -> str | None:
        """A sentence when this question is refused before anything is stored: unusable text
        (empty, overlong, not text; the sentence of :func:`clean_question`), a busy replica or
        too many questions; None when it may be asked (and it is counted). A message with an
        attached proposal may be without text; it counts as a question. With ``paste`` and no
        file attached, a text longer than a question, up to ``max_pasted``, is a pasted
        proposal (:meth:`is_pasted`); a longer one written as a document is refused with a
        sentence that says to attach it. (The "ask" button sends questions only: no paste.)"""
        if self.max_chars and not (attached and isinstance(text, str) and not text.strip()):
            paste = paste and not attached
            try:
                if paste and self.is_pasted(text):
                    clean_question(text, self.max_pasted)
                elif paste and isinstance(text, str) and self.max_pasted > self.max_chars \
                        and len(text) > self.max_pasted and is_document(text):
                    return PASTED_TOO_LONG.format(chars=dutch_count(len(text)),
                                                  limit=dutch_count(self.max_pasted))
                else:
                    clean_question(text, self.max_chars)
            except QuestionError as exc:
                return str(exc)
        return self.refusal(user, now)

    def is_pasted(self, text: object) -> bool:
        """Whether ``text`` is a pasted proposal, which the chat reads as one, not as a
        question: longer than a question may be, no longer than a paste may be, and written as
        a document (:func:`is_document`). Anything else too long is an overlong question. (A
        paste limit at or below the question limit allows no paste.)"""
        return (isinstance(text, str) and bool(self.max_chars) and bool(self.max_pasted)
                and self.max_chars < len(text) <= self.max_pasted and is_document(text))


# How much of a long text is read to tell a document from questions: the guard reads it for
# every long message, before anything else, so its cost must not grow with the message.
DOCUMENT_PREFIX = 4000
# A piece up to a sentence end or a line break, in one pass (linear in the text).
_PIECE = re.compile(r"[^.!?\n]+[.!?]*")


def is_document(text: str) -> bool:
    """Whether ``text`` reads as a document rather than as questions: in its first
    :data:`DOCUMENT_PREFIX` characters, at least as many sentences of three words or more that
    do not ask as make a message a pasted document for the analyser
    (:data:`~assistant.engine.query.DOCUMENT_SENTENCES`). "waarom waarom ..." or a question
    repeated forty times is not one."""
    from assistant.engine.query import DOCUMENT_SENTENCES

    told = 0
    for piece in _PIECE.finditer(text[:DOCUMENT_PREFIX]):
        sentence = piece.group(0).strip()
        told += len(sentence.split()) >= 3 and not sentence.endswith("?")
        if told >= DOCUMENT_SENTENCES:
            return True
    return False


def pasted_question(pasted: str, max_chars: int) -> tuple[str | None, str]:
    """The question a pasted text ends with and the text without it: the last sentence of its
    last line, when that ends with a question mark and the line is no longer than a question
    may be (``max_chars``). Read by line first: a letter's signature above the question ("J.
    Oudeman") would otherwise join it as one sentence. Of several questions on that line only
    the last is asked; the others stay in the text."""
    from assistant.engine.understanding.split import sentences

    text = pasted.strip()
    line = text.splitlines()[-1].strip() if text else ""
    if not line.endswith("?") or len(line) > max_chars:
        return None, pasted
    last = sentences(line)[-1].strip()
    before = text[:text.rfind(line)]
    # The sentence as the line writes it (sentences() joins a short piece on with one space);
    # where it cannot be found so, the whole line goes.
    at = line.rfind(last)
    return last, (before + (line[:at] if at >= 0 else "")).rstrip()


_SHARED: dict[str, QuestionLimits] = {}


def question_limits(settings: Settings) -> QuestionLimits:
    """The process's limits on questions (the socket guard and the chat app share them)."""
    if "questions" not in _SHARED:
        _SHARED["questions"] = QuestionLimits(settings.chat.questions_per_minute,
                                              settings.chat.max_waiting_questions,
                                              settings.retrieval.max_question_chars,
                                              max_pasted=settings.chat.max_pasted_chars)
    return _SHARED["questions"]


def export_limits() -> QuestionLimits:
    """The process's limit on exports per user per minute."""
    if "exports" not in _SHARED:
        _SHARED["exports"] = QuestionLimits(EXPORTS_PER_MINUTE, 0, too_many=TOO_MANY_EXPORTS)
    return _SHARED["exports"]
