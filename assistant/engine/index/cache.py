"""Embeddings kept from the previous build, by content: a rebuild embeds only what is new.

Every build writes ``embeddings.npz`` beside the index: the SHA-256 of (model fingerprint,
kind, exact text embedded) for each passage and sentence, with its vector. The next build reads
the one of the index it replaces and embeds only texts whose key it lacks, so adding one
document to a library re-embeds that document alone. The model fingerprint is part of the key:
another model never reuses a vector. A text that occurs more than once (a disclaimer on every
page, a sentence quoted twice) is embedded once.

Embedding is nearly all of a first build's time (half an hour for 10,000 new passages on two
cores), so it is never lost: while it embeds, a build writes what it has embedded so far beside
the index every :data:`CHECKPOINT_SECONDS`, and at once when it is interrupted (Ctrl+C, an
error); the next build reads that file too and carries on where the last one stopped. Its cost
grows with the length of a text (the model reads tokens), so :class:`Progress` measures and
estimates in characters, not texts: passages are several times longer than sentences.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import numpy as np

FILE = "embeddings.npz"
BATCH = 64
CHECKPOINT_SECONDS = 60.0


def key(fingerprint: str, kind: str, text: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{kind}\0{text}".encode()).hexdigest()


class EmbeddingCache:
    def __init__(self, vectors: dict[str, np.ndarray] | None = None,
                 partial: dict[str, np.ndarray] | None = None) -> None:
        self.vectors = (vectors or {}) | (partial or {})
        self.partial = partial or {}  # what an interrupted build embedded

    @classmethod
    def load(cls, index_dir: Path, partial: Path | None = None) -> EmbeddingCache:
        """The vectors of the index now in place, and those an interrupted build kept in
        ``partial``; empty where a file is missing or unreadable (a cache is never a reason to
        fail a build)."""
        return cls(_read(index_dir / FILE), _read(partial) if partial else {})

    def embed(self, embed: Any, texts: Sequence[str], keys: Sequence[str],
              progress: Callable[[int, int, int, int], None] | None = None,
              checkpoint: Path | None = None) -> tuple[np.ndarray, int, int]:
        """Vectors of ``texts`` (one row each), taken from the cache where their key is in it
        and embedded with ``embed`` (a LlamaIndex embedding) in batches otherwise, each distinct
        key once. Returns the vectors, how many rows came from the cache and how many distinct texts
        were embedded.

        ``progress(texts_done, texts_total, chars_done, chars_total)`` is called after each
        batch, counting the texts to embed. What is embedded is written to ``checkpoint`` every
        :data:`CHECKPOINT_SECONDS` and when embedding is interrupted."""
        dimension = int(embed.dimension)
        vectors = np.zeros((len(texts), dimension), dtype="float32")
        todo: dict[str, list[int]] = {}
        for i, k in enumerate(keys):
            found = self.vectors.get(k)
            if found is not None and found.shape == (dimension,):
                vectors[i] = found
            else:
                todo.setdefault(k, []).append(i)
        # Shortest first: batches of texts of about the same length embed faster, to the same
        # vectors (the reference questions three times over with e5: 4.8 s against 5.5 s one by
        # one).
        first = sorted((rows[0] for rows in todo.values()), key=lambda i: len(texts[i]))
        chars_total = sum(len(texts[i]) for i in first)
        chars_done = 0
        done: list[int] = []  # rows embedded in this build
        saved = time.monotonic()
        try:
            for start in range(0, len(first), BATCH):
                batch = first[start:start + BATCH]
                fresh = embed.get_text_embedding_batch([texts[i] for i in batch],
                                                       show_progress=False)
                for i, vector in zip(batch, np.asarray(fresh, dtype="float32").reshape(
                        len(batch), dimension), strict=True):
                    vectors[todo[keys[i]]] = vector
                done += batch
                chars_done += sum(len(texts[i]) for i in batch)
                if checkpoint is not None and time.monotonic() - saved >= CHECKPOINT_SECONDS:
                    self._keep(checkpoint, keys, vectors, done)
                    saved = time.monotonic()
                if progress is not None:
                    progress(start + len(batch), len(first), chars_done, chars_total)
        except BaseException:
            if checkpoint is not None and done:
                with contextlib.suppress(OSError):
                    self._keep(checkpoint, keys, vectors, done)
            raise
        return vectors, len(texts) - sum(len(rows) for rows in todo.values()), len(first)

    def _keep(self, path: Path, keys: Sequence[str], vectors: np.ndarray,
              done: list[int]) -> None:
        """Write what an earlier interrupted build and this one embedded, replacing the file in
        one step (a build killed while writing leaves the previous file)."""
        kept = self.partial | {keys[i]: vectors[i] for i in done}
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            np.savez(f, keys=np.asarray(list(kept), dtype="U64"),
                     vectors=np.asarray(list(kept.values()), dtype="float32"))
        os.replace(tmp, path)

    @staticmethod
    def save(folder: Path, keys: Sequence[str], vectors: np.ndarray) -> None:
        unique = dict(zip(keys, range(len(keys)), strict=True))  # one row per distinct key
        np.savez(folder / FILE, keys=np.asarray(list(unique), dtype="U64"),
                 vectors=np.asarray(vectors, dtype="float32")[list(unique.values())])


def _read(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return {}
    if len(keys) != len(vectors):
        return {}
    return {str(k): v for k, v in zip(keys, vectors, strict=True)}


class Progress:
    """Progress of a build's long steps (embedding, the latent terms): on a terminal a rich
    progress bar (texts done, share, time left, estimated from the characters done so far);
    elsewhere (a log, CI) a plain line every 10%, and the last one when done."""

    def __init__(self, stream: TextIO | None = None, doing: str = "Embedding",
                 things: str = "new texts") -> None:
        self.stream = stream or sys.stderr
        self.doing, self.things = doing, things  # "Embedding 120 of 400 new texts"
        self.started = time.perf_counter()
        # A terminal that can draw the bar: rich draws nothing on a dumb one (TERM=dumb).
        self.tty = self.stream.isatty() and os.environ.get("TERM") != "dumb"
        self._shown = -1
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int, chars_done: int, chars_total: int) -> None:
        if self.tty:
            self._draw(done, total, chars_done, chars_total)
            if done < total:
                return
            self.close()
        elapsed = time.perf_counter() - self.started
        share = chars_done / chars_total if chars_total else 1.0
        tenth = int(share * 10)
        if tenth == self._shown and done < total:
            return
        self._shown = tenth
        left = elapsed * (1 - share) / share if share > 0 else 0.0
        line = (f"{self.doing} {done:,} of {total:,} {self.things} ({share:.0%}), "
                f"{done / elapsed if elapsed else 0:.0f} {self.things.split()[-1]}/s, "
                + (f"about {duration(left)} left" if done < total
                   else f"done in {duration(elapsed)}"))
        self.stream.write(line + "\n")
        self.stream.flush()

    def _draw(self, done: int, total: int, chars_done: int, chars_total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        if self._bar is None:
            self._bar = Bar(TextColumn(f"{self.doing} {{task.fields[done]:,}} of "
                                       f"{{task.fields[texts]:,}} {self.things}"),
                            BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                            console=Console(file=self.stream), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("embedding", total=max(chars_total, 1), done=0,
                                            texts=total)
        self._bar.update(self._task, completed=chars_done, done=done)

    def close(self) -> None:
        """Take the bar off the terminal (after the last batch, or when embedding stops)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def duration(seconds: float) -> str:
    """"45 s", "3 min 20 s", "1 h 5 min"."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"
