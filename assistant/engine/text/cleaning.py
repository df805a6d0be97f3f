"""A question as typed, made usable text, or refused with one sentence."""

from __future__ import annotations

import re
import unicodedata

from assistant.engine.text.words import WORD
from assistant.errors import QuestionError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_question(text: object, max_chars: int) -> str:
    """Return the question with control characters removed and whitespace collapsed.

    Raises :class:`QuestionError` with one sentence for an empty, unusable or overlong question.
    """
    if not isinstance(text, str):
        raise QuestionError("Stel uw vraag als tekst.")
    if len(text) > max_chars:
        raise QuestionError(
            f"Uw vraag is te lang ({len(text):,} tekens); houd haar onder {max_chars:,} tekens "
            "en stel één vraag tegelijk.".replace(",", ".")
        )
    if _SURROGATE.search(text):
        # Bytes that were not UTF-8 (a terminal in another encoding) or a broken escape.
        raise QuestionError("Uw vraag bevat tekens die geen geldige tekst zijn; typ haar opnieuw "
                            "of sla haar op als UTF-8.")
    cleaned = _SPACE.sub(" ", _CONTROL.sub(" ", unicodedata.normalize("NFC", text))).strip()
    if not cleaned:
        raise QuestionError("Uw vraag is leeg: typ een vraag, bijvoorbeeld "
                            "'Wat moet ik vragen over wifi-telling?'.")
    if not WORD.search(cleaned):
        raise QuestionError("Uw vraag bevat geen woorden: typ een vraag in gewone tekst.")
    return cleaned
