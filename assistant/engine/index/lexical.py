"""BM25 for the engine: the bm25s matrices a build wrote and the Dutch analyzer they were made
with, memory-mapped, without the passages' texts (``passages.sqlite`` holds those).

The scores come from bm25s's sparse matrices: the work per question is the postings of the
question's stems, not a pass over every passage. LlamaIndex is not imported here, so loading the
index and answering need none of it (the build makes this data through LlamaIndex's retriever,
:mod:`assistant.engine.index.bm25`).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from assistant.engine.text.analyzer import Analyzer

ANALYZER_FILE = "analyzer.json"
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs each build step at DEBUG


def bm25_scores(bm25: Any, size: int, tokens: list[str]) -> np.ndarray:
    """BM25 score of every passage (in index order) for already analysed tokens."""
    if not tokens:
        return np.zeros(size, dtype=np.float32)
    return np.asarray(bm25.get_scores(tokens), dtype=np.float32)


class LexicalIndex:
    def __init__(self, bm25: Any, analyzer: Analyzer) -> None:
        self.bm25 = bm25
        self.analyzer = analyzer

    @property
    def size(self) -> int:
        return int(self.bm25.scores["num_docs"])

    @classmethod
    def load(cls, path: Path) -> LexicalIndex:
        import bm25s

        analyzer = Analyzer.from_dict(
            json.loads(Path(path, ANALYZER_FILE).read_text(encoding="utf-8")))
        bm25 = bm25s.BM25.load(str(path), load_corpus=False, mmap=True, show_progress=False)
        return cls(bm25, analyzer)

    def scores(self, tokens: list[str]) -> np.ndarray:
        return bm25_scores(self.bm25, self.size, tokens)
