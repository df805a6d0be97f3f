"""The engine every interface calls: load the index once, then answer questions.

    engine = Engine.load(load_settings())
    answer = engine.ask("Wat moet ik vragen over wifi-telling?")

A question is analysed once into a :class:`~assistant.engine.query.Query`, which retrieval and the
composer both read. ``ask`` is synchronous and thread-safe for concurrent callers (no shared
mutable state beyond caches); async interfaces run it in a worker thread.
"""

from __future__ import annotations

import time

from assistant.config import Settings
from assistant.engine.answer.compose import Composer
from assistant.engine.answer.model import Answer
from assistant.engine.index.build import LoadedIndex, load_index
from assistant.engine.query import Query
from assistant.engine.retrieve import Retrieval, Retriever
from assistant.engine.textproc import clean_question


class Engine:
    def __init__(self, index: LoadedIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.retriever = Retriever(index, settings)
        self.composer = Composer(index, self.retriever.analyser)

    @classmethod
    def load(cls, settings: Settings) -> Engine:
        """Load the index (refusing a missing, stale or damaged one) and the embedding model."""
        return cls(load_index(settings), settings)

    def analyse(self, question: str) -> Query:
        """The analysed question; raises QuestionError for unusable input."""
        return self.retriever.analyse(clean_question(question, self.settings.max_question_chars))

    def retrieve(self, question: str) -> Retrieval:
        """Ranked passages for a question; raises QuestionError for unusable input."""
        return self.retriever.retrieve(self.analyse(question))

    def ask(self, question: str) -> Answer:
        """Answer a question, decline it, or say what the texts do not hold."""
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
