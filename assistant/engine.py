"""The engine every interface calls: load the index once, then answer questions.

    engine = Engine.load(load_settings())
    answer = engine.ask("Wat moet ik vragen over wifi-telling?")

``ask`` is synchronous and thread-safe for concurrent callers (no shared mutable state beyond
caches); async interfaces run it in a worker thread.
"""

from __future__ import annotations

import time

from .answer import Answer
from .compose import Composer
from .config import Settings
from .index import LoadedIndex, load_index
from .retrieve import Retrieval, Retriever
from .textproc import clean_question, detect_language


class Engine:
    def __init__(self, index: LoadedIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.retriever = Retriever(index, settings)
        self.composer = Composer(index, settings.top_k)

    @classmethod
    def load(cls, settings: Settings) -> Engine:
        """Load the index (refusing a missing, stale or damaged one) and the embedding model."""
        return cls(load_index(settings), settings)

    def retrieve(self, question: str) -> Retrieval:
        """Ranked passages for a question; raises QuestionError for unusable input."""
        cleaned = clean_question(question, self.settings.max_question_chars)
        return self.retriever.retrieve(cleaned, detect_language(cleaned))

    def ask(self, question: str) -> Answer:
        """Answer a question with cited denkraam questions and public values, or abstain."""
        return self.ask_with_retrieval(question)[1]

    def ask_with_retrieval(self, question: str) -> tuple[Retrieval, Answer]:
        """The answer together with the ranking it was composed from (for evaluation)."""
        started = time.perf_counter()
        retrieval = self.retrieve(question)
        composed = time.perf_counter()
        answer = self.composer.compose(retrieval)
        ended = time.perf_counter()
        answer.timings_ms = {
            "retrieve": round(retrieval.timings_ms["retrieve"], 2),
            "compose": round((ended - composed) * 1000, 2),
            "total": round((ended - started) * 1000, 2),
        }
        return retrieval, answer
