"""Embeddings kept from the previous build, by content: a rebuild embeds only what is new.

Every build writes ``embeddings.npz`` beside the index: the SHA-256 of (model fingerprint,
kind, exact text embedded) for each passage and sentence, with its vector. The next build reads
the one of the index it replaces and embeds only texts whose key it lacks, so adding one
document to a library re-embeds that document alone. The model fingerprint is part of the key:
another model never reuses a vector.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

FILE = "embeddings.npz"


def key(fingerprint: str, kind: str, text: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{kind}\0{text}".encode()).hexdigest()


class EmbeddingCache:
    def __init__(self, vectors: dict[str, np.ndarray] | None = None) -> None:
        self.vectors = vectors or {}

    @classmethod
    def load(cls, index_dir: Path) -> EmbeddingCache:
        """The vectors of the index now in place; empty when there is none or it is unreadable
        (a cache is never a reason to fail a build)."""
        path = index_dir / FILE
        try:
            with np.load(path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
            if len(keys) != len(vectors):
                return cls()
            return cls({str(k): v for k, v in zip(keys, vectors, strict=True)})
        except (OSError, ValueError, KeyError):
            return cls()

    def get(self, k: str) -> np.ndarray | None:
        return self.vectors.get(k)

    @staticmethod
    def save(folder: Path, keys: list[str], vectors: np.ndarray) -> None:
        np.savez(folder / FILE, keys=np.asarray(keys, dtype="U64"),
                 vectors=np.asarray(vectors, dtype="float32"))
