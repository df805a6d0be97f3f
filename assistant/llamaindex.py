"""The engine inside LlamaIndex tooling: its hybrid retrieval as a LlamaIndex retriever, and its
Answer as a LlamaIndex response, so that a maintainer can put the assistant next to other
retrievers and score it with LlamaIndex's evaluators.

    from assistant.config import load_settings
    from assistant.engine import Engine
    from assistant.llamaindex import HybridRetriever, as_response

    engine = Engine.load(load_settings())
    nodes = HybridRetriever(engine, top_k=5).retrieve("Wat moet ik vragen over wifi-telling?")
    response = as_response(engine.ask("Wat moet ik vragen over wifi-telling?"))

Answering in the chat and the CLI does not import LlamaIndex; this module does.
"""

from __future__ import annotations

from typing import Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.response.schema import Response
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant.engine import Engine
from assistant.engine.answer.model import Answer, Citation
from assistant.engine.corpus.passages import Passage
from assistant.render.markdown import render_markdown


class HybridRetriever(BaseRetriever):
    """The engine's retrieval: the question analysed as the chat does, e5 and BM25 fused, the
    passages ranked; nodes come in the engine's order (a passage that states a detail the
    question asks for leads), each with its fused score. A question the texts do not cover
    (below the corpus's floor of relevance) returns no nodes, as the assistant would answer
    that the texts do not cover it."""

    def __init__(self, engine: Engine, top_k: int = 5, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.engine = engine
        self.top_k = top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        retrieval = self.engine.retrieve(self.engine.analyse(query_bundle.query_str))
        if not retrieval.relevant:
            return []
        return [NodeWithScore(node=self._node(hit.passage), score=hit.score)
                for hit in retrieval.hits[: self.top_k]]

    def _node(self, passage: Passage) -> TextNode:
        title = str(self.engine.index.documents.get(passage.doc, {}).get("title", passage.doc))
        return TextNode(id_=passage.id, text=passage.cited_text,
                        metadata={"doc": passage.doc, "title": title, "page": passage.page})


def as_response(answer: Answer) -> Response:
    """An Answer as a LlamaIndex response: the text a raadslid reads (Markdown) and the passages
    it cites as source nodes, in citation order; the Answer itself in ``metadata["answer"]``."""
    return Response(response=render_markdown(answer),
                    source_nodes=[NodeWithScore(node=_cited(c), score=None)
                                  for c in answer.citations],
                    metadata={"answer": answer.model_dump(), "status": answer.status})


def _cited(citation: Citation) -> TextNode:
    return TextNode(id_=citation.passage_id, text=citation.text,
                    metadata={"n": citation.n, "doc": citation.doc, "title": citation.title,
                              "page": citation.page})
