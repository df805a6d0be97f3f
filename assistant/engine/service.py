"""The engine every interface calls: load the index once, then answer questions.

    engine = Engine.load(load_settings())
    answer = engine.ask("Wat moet ik vragen over wifi-telling?")

With ``ASSISTANT_LLM_URL`` and ``ASSISTANT_LLM_MODEL`` set, an answered question is written by that
language model from the composed answer's passages and checked (:mod:`.answer.llm`); the composed
answer is the fallback. :meth:`Engine.llm_problem` says, in one sentence, why the model is not used.

A question is analysed once into a :class:`~assistant.engine.query.Query`, which retrieval and the
composer both read. ``ask`` is synchronous and thread-safe for concurrent callers (no shared
mutable state beyond caches); async interfaces run it in a worker thread.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.engine.answer.compose import Composer
from assistant.engine.answer.model import Answer
from assistant.engine.index.build import LoadedIndex, load_index
from assistant.engine.query import Query
from assistant.engine.retrieve import Retrieval, Retriever
from assistant.engine.text.cleaning import clean_question
from assistant.messages.nl import LLM_INCOMPLETE

if TYPE_CHECKING:
    from assistant.engine.answer.llm import LLMWriter


class Engine:
    def __init__(self, index: LoadedIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.retriever = Retriever(index, settings)
        self.composer = Composer(index, self.retriever.analyser)
        self.llm: LLMWriter | None = None
        self.llm_problem: str | None = None
        if settings.llm.url or settings.llm.model:
            self._connect_llm()

    def _connect_llm(self) -> None:
        """Check the endpoint once; on a problem the composer answers and ``llm_problem`` says
        why in one sentence."""
        from assistant.engine.answer.llm import LLMWriter, check_endpoint
        from assistant.errors import EndpointError

        if not (self.settings.llm.url and self.settings.llm.model):
            self.llm_problem = LLM_INCOMPLETE
            return
        try:
            check_endpoint(self.settings)
            self.llm = LLMWriter(self.settings, self.retriever)
        except EndpointError as e:
            self.llm_problem = str(e)

    @classmethod
    def load(cls, settings: Settings) -> Engine:
        """Load the index (refusing a missing, stale or damaged one) and the embedding model."""
        apply_thread_setting(settings)
        engine = cls(load_index(settings), settings)
        # The index's objects live as long as the process: kept out of the collector's full
        # passes, which would otherwise walk every passage and sentence (pauses of up to a
        # second at 30,000 passages).
        gc.collect()
        gc.freeze()
        return engine

    def analyse(self, question: str, previous: Query | None = None) -> Query:
        """The analysed question (with ``previous``, a follow-up derived from the conversation's
        last query); raises QuestionError for unusable input."""
        longest = self.settings.retrieval.max_question_chars
        return self.retriever.analyse(clean_question(question, longest), previous)

    def retrieve(self, question: str | Query) -> Retrieval:
        """Ranked passages for a question; raises QuestionError for unusable input."""
        query = question if isinstance(question, Query) else self.analyse(question)
        return self.retriever.retrieve(query)

    def ask(self, question: str | Query, on_text: Callable[[str], None] | None = None,
            use_llm: bool = True) -> Answer:
        """Answer a question (text, or a query analysed already), decline it, or say what the
        texts do not hold. With a language model, ``on_text`` receives each checked sentence of
        the short answer as it is written."""
        return self.ask_with_retrieval(question, on_text, use_llm)[1]

    def ask_with_retrieval(self, question: str | Query,
                           on_text: Callable[[str], None] | None = None,
                           use_llm: bool = True) -> tuple[Retrieval, Answer]:
        """The answer together with the ranking it was composed from (for evaluation)."""
        started = time.perf_counter()
        query = question if isinstance(question, Query) else self.analyse(question)
        analysed = time.perf_counter()
        retrieval = self.retriever.retrieve(query)
        composed = time.perf_counter()
        answer = self.composer.compose(retrieval)
        ended = time.perf_counter()
        # The model only writes what the texts answer: declining is decided before it is asked.
        if use_llm and self.llm is not None and answer.status == "answered":
            answer = self.llm.write(answer, on_text)
        answer.timings_ms = {
            "analyse": round((analysed - started) * 1000, 2),
            "retrieve": round(retrieval.timings_ms["retrieve"], 2),
            "compose": round((ended - composed) * 1000, 2),
            "total": round((time.perf_counter() - started) * 1000, 2),
        }
        return retrieval, answer


def apply_thread_setting(settings: Settings) -> None:
    """``engine_threads=one``: FAISS's OpenMP pool and torch's intra-op pool use one thread per
    call, so that concurrent questions (one worker thread each) do not compete for the cores;
    measured by benchmarks/engine_concurrency.py."""
    if settings.retrieval.engine_threads != "one":
        return
    import sys

    import faiss

    faiss.omp_set_num_threads(1)
    if "torch" in sys.modules:  # only where something loaded it; not imported for this
        sys.modules["torch"].set_num_threads(1)
