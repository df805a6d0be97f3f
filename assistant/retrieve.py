"""Hybrid retrieval: Dutch BM25 and MiniLM vectors, fused by weighted scores, then a relevance call.

Scoring every passage on both sides is cheap at this corpus size, so fusion works on full score
vectors rather than two short ranked lists:

* lexical: BM25 of the question's stems, plus 0.8 times the BM25 of its expansion (the Dutch
  names of the framework concepts it mentions and the glossary translation of English words),
  divided by the best lexical score;
* dense: cosine similarity to the question, min-max scaled over the passages;
* fused: ``(1 - w) * lexical + w * dense`` with ``w = settings.dense_weight``, plus a small bonus
  for passages tagged with a topic the question names.

A publisher named in the question ("volgens de VNG", "the Rathenau framework") says which texts
to look in, not which words to match: its words leave the lexical query (they would otherwise
pull colophons and "cite as" lines to the top) and that publisher's passages get a bonus.

Plain reciprocal-rank fusion was measured worse than BM25 alone on this corpus (MiniLM is an
English model and its ranking of Dutch passages is noisy); weighting the scores keeps the dense
side as a tie-breaker that still rescues paraphrases. ``evals/`` holds the measurements.

Relevance ("is anything here about the question?") combines how much of the question the corpus
vocabulary covers (weighted by rarity), whether it names a framework concept, and the best fused
score; below ``settings.abstain_threshold`` the assistant abstains.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .config import Settings
from .framework import Concept, Matcher
from .index import LoadedIndex
from .passages import Passage
from .textproc import QUESTION_FRAME, detect_language, words

EXPANSION_WEIGHT = 0.8
TOPIC_BONUS = 0.15
COVERAGE_PASSAGES = 3
VALUE_BONUS = 0.1
VALUE_WORDS = ("waarden", "publieke waarden", "values", "public values")
SOURCE_BONUS = 0.15
# Words that say what kind of organisation a publisher is; the rest of its name is what people
# call it ("Rathenau" for "Rathenau Instituut").
ORGANISATION_WORDS = frozenset("instituut institute stichting foundation vereniging association "
                               "centrum centre center bureau raad".split())


@dataclass
class Hit:
    passage: Passage
    score: float
    lexical: float
    dense: float


@dataclass
class Retrieval:
    """Ranked passages for a question, with what the question is about and whether to abstain."""

    question: str
    language: str
    hits: list[Hit]
    relevance: float
    relevant: bool
    coverage: float
    topics: list[Concept] = field(default_factory=list)
    values: list[Concept] = field(default_factory=list)
    instruments: list[Concept] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)


class Retriever:
    """Scores passages for a question with BM25, dense vectors and their fusion."""

    def __init__(self, index: LoadedIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.analyzer = index.analyzer
        self.matcher = index.matcher
        bm25 = index.bm25.bm25
        self._vocab = bm25.vocab_dict
        n_docs = len(index.passages)
        # Document frequency per token, for rarity weights in the coverage measure.
        matrix = bm25.scores
        indptr = np.asarray(matrix["indptr"])
        self._df = {tok: int(indptr[i + 1] - indptr[i]) for tok, i in self._vocab.items()
                    if i + 1 < len(indptr)}
        self._max_idf = math.log(1 + n_docs)
        self._n_docs = n_docs
        self._faiss = index.vector_index.vector_store.client
        nodes_dict = index.vector_index.index_struct.nodes_dict
        # FAISS row -> position in the passage list.
        self._row_to_pos = np.array(
            [index.position[nodes_dict[str(row)]] for row in range(self._faiss.ntotal)])
        self._sources = self._source_phrases(index.documents)
        self._tokens = {p.id: set(self.analyzer.tokens(
            "\n".join([index.documents.get(p.doc, {}).get("title", ""), p.cited_text])))
            for p in index.passages}

    def _source_phrases(self, documents: dict[str, dict[str, Any]]
                        ) -> list[tuple[tuple[str, ...], frozenset[str]]]:
        """(stemmed phrase, document ids) for each way a question can name a publisher."""
        by_phrase: dict[tuple[str, ...], set[str]] = {}
        for doc_id, meta in documents.items():
            publisher = str(meta.get("publisher") or "")
            if not publisher:
                continue
            names = [re.sub(r"\([^)]*\)", " ", publisher), *re.findall(r"\(([^)]+)\)", publisher)]
            core = [w for w in words(names[0]) if w not in ORGANISATION_WORDS]
            if core and len(core) < len(words(names[0])):
                names.append(" ".join(core))
            for name in names:
                stems = tuple(self.matcher.stems(name))
                if stems:
                    by_phrase.setdefault(stems, set()).add(doc_id)
        return [(phrase, frozenset(docs)) for phrase, docs in by_phrase.items()]

    def sources_in(self, question: str) -> tuple[set[str], set[str]]:
        """(documents whose publisher the question names, the stems that named them)."""
        seq = self.matcher.stems(question)
        docs: set[str] = set()
        stems: set[str] = set()
        for phrase, phrase_docs in self._sources:
            if Matcher.contains(seq, phrase):
                docs |= phrase_docs
                stems |= set(phrase)
        return docs, stems

    # -- the two sides ---------------------------------------------------------------------------

    def lexical_scores(self, question: str, drop: set[str] | frozenset[str] = frozenset()
                       ) -> np.ndarray:
        """BM25 of the question (without the stems in ``drop``) plus its weighted expansion."""
        bm25 = self.index.bm25
        tokens = self.analyzer.query_tokens(question)
        kept = [t for t in tokens if t not in drop]
        scores = bm25.scores(kept or tokens)
        expansion = self.matcher.expansion(question)
        if expansion:
            extra = [t for t in self.analyzer.tokens(" ".join(expansion)) if t not in drop]
            scores = scores + EXPANSION_WEIGHT * bm25.scores(extra)
        return np.asarray(scores)

    def dense_scores(self, question: str) -> np.ndarray:
        vector = np.asarray([self.index.embed_model.get_query_embedding(question)],
                            dtype="float32")
        sims, rows = self._faiss.search(vector, self._faiss.ntotal)
        out = np.zeros(self._n_docs, dtype=np.float32)
        for sim, row in zip(sims[0], rows[0], strict=True):
            if row >= 0:
                out[self._row_to_pos[row]] = sim
        return out

    # -- relevance -------------------------------------------------------------------------------

    def coverage(self, question: str, passages: list[Passage]) -> float:
        """Best share, over ``passages``, of the question's informative words one passage holds,
        weighted by rarity (a word the corpus lacks weighs most)."""
        weighted: list[tuple[float, set[str]]] = []
        for word in words(question):
            if len(word) < 2 or word in QUESTION_FRAME or word in self.analyzer._stopwords:
                continue
            stems = set(self.analyzer.analyse_word(word))
            dfs = [self._df[s] for s in stems if s in self._df]
            weight = math.log(1 + self._n_docs / (1 + max(dfs))) if dfs else self._max_idf
            weighted.append((weight, stems))
        total = sum(w for w, _ in weighted)
        if not total:
            return 0.0
        best = 0.0
        for p in passages:
            tokens = self._tokens[p.id]
            best = max(best, sum(w for w, stems in weighted if stems & tokens) / total)
        return best

    # -- public ----------------------------------------------------------------------------------

    def retrieve(self, question: str, language: str | None = None) -> Retrieval:
        started = time.perf_counter()
        language = language or detect_language(question)
        source_docs, source_stems = self.sources_in(question)
        lexical = self.lexical_scores(question, source_stems)
        t_lex = time.perf_counter()
        dense = self.dense_scores(question)
        t_dense = time.perf_counter()

        lex_max = float(lexical.max()) if lexical.size else 0.0
        lex_norm = lexical / lex_max if lex_max > 0 else np.zeros_like(lexical)
        d_min, d_max = float(dense.min()), float(dense.max())
        dense_norm = (dense - d_min) / (d_max - d_min) if d_max > d_min else np.zeros_like(dense)
        w = self.settings.dense_weight
        fused = (1 - w) * lex_norm + w * dense_norm

        if self.matcher.matches(self.matcher.stems(question), "asks-values", VALUE_WORDS):
            # A question after "the values" prefers passages that name several of them.
            fused = fused + np.array([VALUE_BONUS * min(len(p.values), 3) / 3
                                      for p in self.index.passages])
        topics = self.matcher.topics_in(question)
        if topics:
            keys = {t.key for t in topics}
            bonus = np.array([TOPIC_BONUS if keys & set(p.topics) else 0.0
                              for p in self.index.passages])
            fused = fused + bonus
        if source_docs:
            fused = fused + np.array([SOURCE_BONUS if p.doc in source_docs else 0.0
                                      for p in self.index.passages])
        order = np.argsort(-fused, kind="stable")
        hits = [Hit(self.index.passages[i], float(fused[i]), float(lexical[i]), float(dense[i]))
                for i in order]

        values = self.matcher.values_in(question)
        instruments = self.matcher.instruments_in(question)
        expanded = " ".join([question, *self.matcher.expansion(question)])
        coverage = self.coverage(expanded, [h.passage for h in hits[:COVERAGE_PASSAGES]])
        relevance = self._relevance(coverage, self.matcher.scope(expanded))
        ended = time.perf_counter()
        return Retrieval(
            question=question, language=language, hits=hits, relevance=relevance,
            relevant=relevance >= self.settings.abstain_threshold, coverage=coverage,
            topics=topics, values=values, instruments=instruments,
            timings_ms={"lexical": (t_lex - started) * 1000, "dense": (t_dense - t_lex) * 1000,
                        "retrieve": (ended - started) * 1000},
        )

    @staticmethod
    def _relevance(coverage: float, scope: str | None) -> float:
        """0..1; a question naming the domain starts at 0.5, one with only governance words
        needs half its words in one passage, any other nearly all of them."""
        if scope == "strong":
            return 0.5 + 0.5 * coverage
        if scope == "weak":
            return coverage
        return max(0.0, coverage - 0.3)
