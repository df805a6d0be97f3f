"""What a message asks apart from what it describes or quotes.

A council member often describes the plan first, or pastes a passage of a proposal, and asks
after it (or before it). The kind of question, the details asked for and the names asked about
are read from the part that asks; the rest is context, which informs retrieval and the subject
but never makes a question unanswerable.

The split itself is structural, and exact where it is a rule: quoted text of several words and
text after a phrase that introduces a quotation ("In het voorstel staat:") are context; sentences
that end in a question mark ask. A message with several sentences and no question mark is left to
the learned model, which scores each sentence as context or not (:meth:`Split.choose`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.engine.text.words import fold, words
from assistant.engine.understanding.language import LANGUAGES, language_data

# Quoted spans: “…”, „…”, "…", ‘…’ and '…' of at least QUOTE_WORDS words.
_QUOTED = re.compile(r"[“„\"‘]([^“”„\"‘’]{12,})[”\"’]|(?<!\w)'([^']{12,})'(?!\w)")
QUOTE_WORDS = 5
# A colon followed by at least this many words introduces pasted text.
COLON_WORDS = 10
_COLON = re.compile(r":\s+")
# A sentence ends at ., ! or ? followed by a space (not inside "180.000") or at a line end.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'’”)]*\s+|\n+")


@dataclass
class Split:
    question: str
    context: str

    @property
    def has_context(self) -> bool:
        return bool(self.context)


def sentences(text: str) -> list[str]:
    """The sentences of a message (at ., ! or ? and at line ends), without empty ones."""
    out: list[str] = []
    for piece in _BOUNDARY.split(text):
        s = piece.strip()
        if not s:
            continue
        # "o.a." and "bijv." would end a sentence: glue a piece of one short word back on.
        last = words(out[-1]) if out else []
        if out and (len(last) <= 1 or all(len(w) <= 2 for w in last)) \
                and not out[-1].endswith("?"):
            out[-1] = f"{out[-1]} {s}"
        elif words(s) or not out:
            out.append(s)
        else:
            out[-1] += s
    return out


def _openers() -> list[str]:
    return [" ".join(words(o)) for lang in LANGUAGES for o in language_data(lang).quote_openers]


def split(text: str, is_context: Callable[[list[str]], list[float]] | None = None) -> Split:
    """The part of ``text`` that asks and the part that describes or quotes. ``is_context``
    scores sentences (0..1, how likely each is context), for messages without a question mark."""
    context: list[str] = []
    rest = text
    for m in _QUOTED.finditer(text):
        quoted = m.group(1) or m.group(2)
        if len(words(quoted)) >= QUOTE_WORDS:
            context.append(quoted.strip())
            rest = rest.replace(m.group(0), " ")
    parts = sentences(rest)
    # Text after a phrase that introduces a quotation, up to the next sentence that asks.
    openers = _openers()
    asked: list[str] = []
    quoting = False
    for s in parts:
        joined = " ".join(words(s))
        if any(joined.startswith(o) or f" {o} " in f" {joined} " for o in openers):
            head, sep, tail = s.partition(":")
            if sep and tail.rstrip().endswith("?"):
                # The quotation was cut out above: what is left after the colon asks.
                context.append(head.strip() + ":")
                asked.append(tail.strip())
                continue
            context.append(s)
            quoting = True
            continue
        if quoting and not s.rstrip().endswith("?"):
            context.append(s)
            continue
        quoting = False
        asked.append(s)
    questions = [s for s in asked if s.rstrip().endswith("?")]
    if questions:
        context += [s for s in asked if s not in questions]
        asked = questions
    elif len(asked) > 1:
        scores = is_context(asked) if is_context else [1.0] * (len(asked) - 1) + [0.0]
        best = min(range(len(asked)), key=lambda i: (scores[i], -i))
        context += [s for i, s in enumerate(asked) if i != best]
        asked = [asked[best]]
    question = " ".join(asked).strip()
    # "Welke vragen moet ik stellen over het volgende: <a pasted paragraph>" asks before the
    # colon; "Uit de begroting: <the quote, cut out above> Is dit ...?" asks after it.
    # A colon with a space after it: not the one in "10:30", a web address or "art. 5:1".
    colon = _COLON.search(question)
    head, sep, tail = ((question[:colon.start()], ":", question[colon.end():]) if colon
                       else (question, "", ""))
    if sep and words(head) and words(tail):
        if tail.rstrip().endswith("?") and not head.rstrip().endswith("?") \
                and len(words(head)) < COLON_WORDS and len(words(tail)) >= 3:
            question, context = tail.strip(), [head.strip() + ":", *context]
        elif len(words(tail)) >= COLON_WORDS and not tail.rstrip().endswith("?"):
            question, context = head.strip() + ":", [tail.strip(), *context]
    if not words(question):  # all of it was quoted: the quote is what is asked about
        return Split(question=text.strip(), context="")
    ordered = sorted(context, key=lambda c: text.find(c) if c in text else len(text))
    return Split(question=question, context=" ".join(ordered).strip())


def folded_words(text: str) -> list[str]:
    return words(fold(text))
