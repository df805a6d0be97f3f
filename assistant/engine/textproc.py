"""Text analysis shared by indexing and querying: cleaning, language, Dutch tokens and stems.

The same :class:`Analyzer` turns passages into index tokens and questions into query tokens, and
its settings are stored with the index, so the two sides cannot drift apart after a reload.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

from assistant.errors import QuestionError

# Letters (with accents), digits; apostrophes inside words are kept for "camera's".
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACE = re.compile(r"\s+")

DUTCH_STOPWORDS = frozenset(STOPWORDS_DUTCH)
ENGLISH_STOPWORDS = frozenset(STOPWORDS_EN)

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
    if not _WORD.search(cleaned):
        raise QuestionError("Uw vraag bevat geen woorden: typ een vraag in gewone tekst.")
    return cleaned


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Écht álle' -> 'echt alle'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def words(text: str) -> list[str]:
    """Folded word tokens of ``text``."""
    return _WORD.findall(fold(text))


@dataclass
class Analyzer:
    """Dutch analysis: fold, split, drop stopwords, decompound, stem.

    ``vocabulary`` is the set of known surface words (corpus and framework); compounds whose two
    halves are both known also yield the halves, so "cameratoezicht" meets "camera's" and
    "toezicht". It is persisted with the index (see :meth:`to_dict`).
    """

    language: str = "dutch"
    vocabulary: frozenset[str] = field(default_factory=frozenset)
    min_part: int = 4

    def __post_init__(self) -> None:
        self._stemmer = Stemmer.Stemmer(self.language)
        self._stopwords = DUTCH_STOPWORDS | ENGLISH_STOPWORDS
        self._cache: dict[str, tuple[str, ...]] = {}

    def to_dict(self) -> dict[str, object]:
        return {"language": self.language, "vocabulary": sorted(self.vocabulary),
                "min_part": self.min_part}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Analyzer:
        vocab = data.get("vocabulary", [])
        return cls(language=str(data["language"]),
                   vocabulary=frozenset(vocab if isinstance(vocab, list) else []),
                   min_part=int(data.get("min_part", 4)))  # type: ignore[call-overload]

    def stem(self, word: str) -> str:
        """Stem one folded word, with Dutch plural endings the Snowball stemmer leaves alone."""
        if word.endswith("'s"):
            word = word[:-2]
        word = word.replace("'", "")
        # Snowball keeps "algoritmes" but stems "algoritme" to "algoritm": drop plural -s after
        # an unstressed -e so both meet.
        if len(word) >= 7 and word.endswith("es") and word[-3] not in "cs":
            word = word[:-1]
        return str(self._stemmer.stemWord(word))

    def _split_compound(self, word: str) -> list[str]:
        if len(word) < 2 * self.min_part or not self.vocabulary:
            return []
        for i in range(len(word) - self.min_part, self.min_part - 1, -1):
            left, right = word[:i], word[i:]
            if left in self.vocabulary and right in self.vocabulary:
                return [left, right]
            # Linking -s- as in "verkeerslicht".
            if left.endswith("s") and left[:-1] in self.vocabulary and right in self.vocabulary:
                return [left[:-1], right]
        return []

    def analyse_word(self, word: str) -> tuple[str, ...]:
        """Stems for one folded word: the word's own stem plus its compound halves."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        out = [self.stem(word)]
        out.extend(self.stem(part) for part in self._split_compound(word))
        result = tuple(dict.fromkeys(out))
        if len(self._cache) < 50_000:
            self._cache[word] = result
        return result

    def tokens(self, text: str, drop: Iterable[str] = ()) -> list[str]:
        """Index or query tokens of ``text``; words in ``drop`` are ignored as stopwords."""
        skip = self._stopwords | frozenset(drop)
        out: list[str] = []
        for word in words(text):
            if len(word) < 2 or word in skip or word.isdigit():
                continue
            out.extend(self.analyse_word(word))
        return out


def vocabulary_of(texts: Iterable[str], min_len: int = 4) -> frozenset[str]:
    """Folded surface words of ``texts`` usable as compound halves."""
    vocab: set[str] = set()
    for text in texts:
        vocab.update(w for w in words(text) if len(w) >= min_len and w not in DUTCH_STOPWORDS)
    return frozenset(vocab)


_CLOSED = re.compile(r"[.!?…:;][\"'’”)]*$")


def is_closed(text: str) -> bool:
    """Whether ``text`` ends as a sentence does (closing punctuation, perhaps a quote after it),
    unlike a title or a label."""
    return bool(_CLOSED.search(text))


def split_sentences(text: str) -> list[str]:
    """Split Dutch prose into sentences; keeps abbreviations like 'o.a.' and initials intact."""
    parts = [p for line in text.strip().split("\n")
             for p in re.split(r"(?<=[.!?])[\"'’”)]?\s+(?=[A-Z0-9‘'\"“(ÁÉÍÓÚ])", line)]
    sentences: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        # Re-join splits after a single capital initial ("R. van Est") and after a list number
        # ("1. Eén coördinerend wethouder").
        number = re.search(r"\s(\(?\d{1,2}[.)])$", sentences[-1]) if sentences else None
        if number:  # "...: 1." + "Eén ..." -> "...:" + "1. Eén ..."
            sentences[-1] = sentences[-1][: number.start()].rstrip()
            part = f"{number.group(1)} {part}"
        if sentences and (re.search(r"(?:^|\s)[A-Z]\.$", sentences[-1])
                          or re.fullmatch(r"\(?\d{1,2}[.)]", sentences[-1])):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return sentences


def join_words(items: list[str], lang: str) -> str:
    """"a, b en c" (or "a, b and c" in English)."""
    conj = " and " if lang == "en" else " en "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + conj + items[-1]
