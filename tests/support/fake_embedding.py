"""A deterministic, fast stand-in for the embedding model, for unit tests of the code around it.

Each word of a text is hashed to a few of :data:`DIMENSION` dimensions; the vector is their sum,
L2-normalised. Texts that share words are close, the same text always gets the same vector, and
nothing is loaded. It has the parts of the real models' interface the index code calls
(``get_text_embedding_batch``, ``get_query_embedding``, ``dimension``, ``model_name``) and counts
what it embedded. Answer quality is measured with the real e5 model only (the integration tests
and the evals); this is for tests where any embedding will do.
"""

from __future__ import annotations

import hashlib

import numpy as np

from assistant.engine.text.words import words

DIMENSION = 32


class FakeEmbedding:
    model_name = "fake-hashed-words"
    dimension = DIMENSION

    def __init__(self) -> None:
        self.embedded: list[str] = []  # every text embedded, in order

    def _vector(self, text: str) -> np.ndarray:
        out = np.zeros(DIMENSION, dtype=np.float32)
        for word in words(text) or [""]:
            digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
            for i in range(0, 8, 2):
                out[digest[i] % DIMENSION] += 1.0 if digest[i + 1] % 2 else -1.0
        norm = float(np.linalg.norm(out))
        return out / norm if norm else out

    def get_text_embedding_batch(self, texts: list[str], show_progress: bool = False
                                 ) -> list[list[float]]:
        self.embedded.extend(texts)
        return [self._vector(t).tolist() for t in texts]

    def get_query_embedding(self, text: str) -> list[float]:
        self.embedded.append(text)
        return self._vector(text).tolist()
