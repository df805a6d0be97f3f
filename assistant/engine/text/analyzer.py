"""Dutch analysis for BM25: the same :class:`Analyzer` turns passages into index tokens and
questions into query tokens, and its settings are stored with the index, so the two sides cannot
drift apart after a reload."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import Stemmer

from assistant.engine.text.words import DUTCH_STOPWORDS, STOPWORDS, words


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
        self._stopwords = STOPWORDS
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
