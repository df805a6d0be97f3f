"""Does a passage support a sentence? The check every sentence of a language model's answer passes.

A sentence is supported when it cites at least one passage ``[n]`` that was given to the model and
one of the cited passages holds a sentence close enough in meaning: the e5 cosine between the
sentence (embedded as a query) and that passage's sentences (as indexed) reaches the threshold.
``evals/calibrate_support.py`` measures how well a threshold separates the reference questions'
answering passages from passages that do not answer them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from assistant.engine.retrieve import Retriever

CITATION = re.compile(r"\s*\[(\d+)\]")


@dataclass
class Checked:
    """One sentence of the model with what the check found."""

    text: str  # without its citation marks
    citations: list[int] = field(default_factory=list)
    score: float = 0.0
    supported: bool = False
    reason: str | None = None  # why not: "no citation", "citation out of range", "not supported"


def split_citations(sentence: str) -> tuple[str, list[int]]:
    """The sentence without its ``[n]`` marks, and the numbers in order of appearance."""
    numbers = [int(n) for n in CITATION.findall(sentence)]
    text = CITATION.sub("", sentence).strip()
    return re.sub(r"\s+([.,;:?!])", r"\1", text), list(dict.fromkeys(numbers))


class SupportChecker:
    def __init__(self, retriever: Retriever, threshold: float) -> None:
        self.retriever = retriever
        self.index = index = retriever.index
        self.threshold = threshold
        rows: dict[int, list[int]] = {}
        for row, (position, _) in enumerate(index.sentences):
            rows.setdefault(position, []).append(row)
        self._rows = {p: np.array(r) for p, r in rows.items()}

    def embed(self, text: str) -> np.ndarray:
        vector = np.asarray(self.index.embed_model.get_query_embedding(text), dtype=np.float32)
        return vector / (np.linalg.norm(vector) or 1.0)

    def similarity(self, text: str | np.ndarray, passage_id: str) -> float:
        """Highest cosine between ``text`` (or its vector) and a sentence of the passage."""
        rows = self._rows.get(self.index.position.get(passage_id, -1))
        if rows is None or not len(rows):
            return 0.0
        vector = self.embed(text) if isinstance(text, str) else text
        return float(np.max(self.index.sentence_vectors[rows] @ vector))

    def check(self, sentence: str, passages: list[str]) -> Checked:
        """Check one sentence; ``passages`` are the passage ids given to the model as [1], [2]…"""
        text, numbers = split_citations(sentence)
        checked = Checked(text=text, citations=numbers)
        if not numbers:
            checked.reason = "no citation"
        elif any(not 1 <= n <= len(passages) for n in numbers):
            checked.reason = "citation out of range"
        else:
            vector = self.embed(text)  # once, whatever the number of passages cited
            checked.score = max(self.similarity(vector, passages[n - 1]) for n in numbers)
            checked.supported = checked.score >= self.threshold
            if not checked.supported:
                checked.reason = "not supported"
        return checked
