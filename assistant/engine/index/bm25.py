"""BM25 over Dutch stems, as a LlamaIndex retriever that survives a save and reload intact.

LlamaIndex's ``BM25Retriever.from_persist_dir`` rebuilds the retriever with its default English
stemmer, so a Dutch index queried after a reload silently stems questions the English way and
misses. :class:`DutchBM25Retriever` stores its
:class:`~assistant.engine.text.analyzer.Analyzer` (stemmer language and compound vocabulary) next
to the bm25s files and restores it on load; indexing and querying always go through that same
analyzer.

The build makes the BM25 index through this retriever; the engine loads only its matrices and
analyzer (:class:`~assistant.engine.index.lexical.LexicalIndex`), not the node corpus stored
beside them for LlamaIndex.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
from llama_index.core.schema import BaseNode, MetadataMode, NodeWithScore, QueryBundle
from llama_index.core.vector_stores.utils import metadata_dict_to_node, node_to_metadata_dict
from llama_index.retrievers.bm25 import BM25Retriever

from assistant.engine.index.lexical import ANALYZER_FILE, bm25_scores
from assistant.engine.text.analyzer import Analyzer
from assistant.engine.understanding.language import question_frame


class DutchBM25Retriever(BM25Retriever):
    """BM25 (bm25s) with Dutch stemming, decompounding and stopwords on both sides."""

    def __init__(self, analyzer: Analyzer, nodes: Sequence[BaseNode] | None = None,
                 existing_bm25: bm25s.BM25 | None = None, similarity_top_k: int = 10,
                 **kwargs: Any) -> None:
        self.analyzer = analyzer
        if existing_bm25 is None:
            if not nodes:
                raise ValueError("Pass nodes or an existing BM25 index.")
            tokens = [analyzer.tokens(n.get_content(metadata_mode=MetadataMode.EMBED))
                      for n in nodes]
            existing_bm25 = bm25s.BM25()
            existing_bm25.index(tokens, show_progress=False)
            existing_bm25.corpus = [node_to_metadata_dict(n) | {"node_id": n.node_id}
                                    for n in nodes]
        # The parent's stemmer is never used: tokenisation is the analyzer's alone.
        super().__init__(existing_bm25=existing_bm25, similarity_top_k=similarity_top_k,
                         skip_stemming=True, **kwargs)

    @property
    def size(self) -> int:
        return len(self.corpus)

    def persist(self, path: str, encoding: str = "utf-8", **kwargs: Any) -> None:
        super().persist(path, encoding=encoding, **kwargs)
        Path(path, ANALYZER_FILE).write_text(json.dumps(self.analyzer.to_dict()),
                                             encoding=encoding)

    @classmethod
    def from_persist_dir(cls, path: str, encoding: str = "utf-8",
                         **kwargs: Any) -> DutchBM25Retriever:
        analyzer = Analyzer.from_dict(
            json.loads(Path(path, ANALYZER_FILE).read_text(encoding=encoding)))
        bm25 = bm25s.BM25.load(path, load_corpus=True, show_progress=False, **kwargs)
        args = json.loads(Path(path, "retriever.json").read_text(encoding=encoding))
        return cls(analyzer=analyzer, existing_bm25=bm25,
                   similarity_top_k=int(args.get("similarity_top_k", 10)))

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage (in index order) for already analysed tokens."""
        return bm25_scores(self.bm25, self.size, tokens)

    def node_at(self, position: int) -> BaseNode:
        return metadata_dict_to_node(self.corpus[position])

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        scores = self.scores(query_tokens(self.analyzer, query_bundle.query_str))
        order = np.argsort(-scores, kind="stable")[: self.similarity_top_k]
        return [NodeWithScore(node=self.node_at(int(i)), score=float(scores[i]))
                for i in order if scores[i] > 0]


def query_tokens(analyzer: Analyzer, text: str) -> list[str]:
    """Tokens of a question, without the question frame ("wat moet ik vragen over")."""
    return analyzer.tokens(text, drop=question_frame())
