"""The embedding model the settings choose, for a build or for answering (:func:`embedding_for`).
Apart from :mod:`.embedding`, so that the model files and e5's question side do not import the
LlamaIndex wrappers in :mod:`.llama_embedding`, which import them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.engine.index.embedding import E5Query

if TYPE_CHECKING:
    from assistant.engine.index.llama_embedding import E5Embedding, SentenceTransformerEmbedding


def embedding_for(settings: Settings, serving: bool = False
                  ) -> E5Query | E5Embedding | SentenceTransformerEmbedding:
    """The embedding model the settings choose, loaded once per process: a LlamaIndex embedding
    for a build, which embeds in batches with all threads. ``serving``: for answering questions,
    where many callers embed one short question each and one thread per call serves them best
    (``ASSISTANT_ENGINE_THREADS``); e5 then comes without LlamaIndex (:class:`E5Query`)."""
    if settings.index.embedding_model == "e5":
        if serving:
            return E5Query(threads=1 if settings.retrieval.engine_threads == "one" else None)
        from assistant.engine.index.llama_embedding import E5Embedding

        return E5Embedding()
    from assistant.engine.index.llama_embedding import SentenceTransformerEmbedding

    return SentenceTransformerEmbedding(settings.index.model_dir)
