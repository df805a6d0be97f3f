"""Putting a new index in place so that a crash at any moment leaves a loadable one.

``index/`` is a symbolic link to a versioned folder beside it (``.index-v-<stamp>``). A build:

1. takes a lock beside the index (``.index.lock``; one build at a time), and finishes or cleans up
   whatever an interrupted build left (:func:`recover`);
2. writes into a fresh folder (``.index-new-*``), its manifest last;
3. renames that folder to its version name, makes a new link to it (``.index-link-*``) and moves
   the link over ``index/`` with one ``os.replace``, which is atomic: a reader sees the old index
   or the new one, never neither;
4. removes leftovers and all versions but the current and the one before (a replica that started
   loading just before the switch may still be reading it), and the vectors an interrupted
   build kept for the next one (``.index.embedded.npz``, see :mod:`.cache`).

An ``index/`` that is a real folder (made by an earlier version) is exchanged for the link with
``renameat2(RENAME_EXCHANGE)``, or, where the kernel lacks it, moved aside first; :func:`recover`
puts the newest complete version back if a crash fell between those two steps.

``ASSISTANT_INDEX_CRASH_AT=<stage>`` kills the build with SIGKILL at that stage (fault tests:
``tests/engine/index/test_swap.py``); stages are in :data:`STAGES`.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

from assistant.errors import IndexWriteError
from assistant.filelock import held

MANIFEST = "manifest.json"
STAGES = ("building", "written", "versioned", "linked", "swapped", "cleaned")
KEEP_VERSIONS = 2


def stage(name: str, crash_at: str | None) -> None:
    """A point at which a fault test may kill the build (``ASSISTANT_INDEX_CRASH_AT``)."""
    if crash_at == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _names(target: Path) -> dict[str, str]:
    base = "." + target.name
    return {"new": f"{base}-new-", "version": f"{base}-v-", "link": f"{base}-link-",
            "old": f"{base}-old-", "lock": f"{base}.lock", "partial": f"{base}.embedded.npz"}


def partial_embeddings(target: Path) -> Path:
    """Where a build keeps the vectors it has embedded so far (``.index.embedded.npz``), so that
    a build cut short resumes instead of starting over; removed once a build is published."""
    return target.absolute().parent / _names(target)["partial"]


def unwritable(target: Path, exc: OSError) -> IndexWriteError:
    reason = exc.strerror or exc.__class__.__name__
    return IndexWriteError(f"The index cannot be written next to {target} ({reason}); make "
                           "that folder writable or choose another with ASSISTANT_INDEX_DIR.")


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the build lock beside ``target`` (waits for a build already running)."""
    parent = target.absolute().parent
    with contextlib.ExitStack() as stack:
        try:
            parent.mkdir(parents=True, exist_ok=True)
            stack.enter_context(held(parent / _names(target)["lock"], 0o644))
        except OSError as exc:
            raise unwritable(target, exc) from exc
        yield


def versions(target: Path) -> list[Path]:
    """Complete versions beside ``target`` (with a manifest), oldest first."""
    parent = target.absolute().parent
    prefix = _names(target)["version"]
    found = [p for p in parent.glob(prefix + "*") if p.is_dir() and not p.is_symlink()
             and (p / MANIFEST).exists()]
    return sorted(found, key=lambda p: p.name)


def recover(target: Path, crash_at: str | None = None) -> None:
    """Finish or roll back an interrupted swap and remove what interrupted builds left. Call
    with the lock held; ``crash_at`` as for :func:`publish`."""
    target = target.absolute()
    names = _names(target)
    parent = target.parent
    if not target.exists() and not target.is_symlink():
        # A crash between moving a real folder aside and putting the link in: the newest
        # complete version, or the folder that was moved aside, goes back.
        complete = versions(target)
        moved = sorted(p for p in parent.glob(names["old"] + "*") if (p / MANIFEST).exists())
        if complete:
            _point(target, complete[-1], crash_at)
        elif moved:
            os.rename(moved[-1], target)
    elif target.is_symlink() and not target.exists():
        complete = versions(target)  # a link to a version that is gone
        if complete:
            _point(target, complete[-1], crash_at)
    current = target.resolve() if target.is_symlink() else None
    for pattern in (names["new"] + "*", names["link"] + "*", names["old"] + "*",
                    names["partial"] + ".*.tmp"):  # a checkpoint cut short while written
        for p in parent.glob(pattern):
            _remove(p)
    # Versions: the current one and the one before it stay; incomplete ones go.
    all_versions = sorted(parent.glob(names["version"] + "*"), key=lambda p: p.name)
    complete = [p for p in all_versions if (p / MANIFEST).exists()]
    keep = {current} if current else set()
    older = [p for p in complete if p != current]
    keep.update(older[-(KEEP_VERSIONS - 1):] if KEEP_VERSIONS > 1 else [])
    for p in all_versions:
        if p not in keep:
            _remove(p)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _point(target: Path, version: Path, crash_at: str | None = None) -> None:
    """Make ``target`` a link to ``version`` in one atomic step (``target`` not a real
    folder)."""
    link = target.parent / f"{_names(target)['link']}{os.getpid()}"
    _remove(link)
    os.symlink(version.name, link)
    stage("linked", crash_at)
    os.replace(link, target)


def new_build_dir(target: Path) -> Path:
    import tempfile

    parent = target.absolute().parent
    try:
        path = Path(tempfile.mkdtemp(prefix=_names(target)["new"], dir=parent))
        path.chmod(0o755)
    except OSError as exc:
        raise unwritable(target, exc) from exc
    return path


def publish(build: Path, target: Path, crash_at: str | None = None) -> None:
    """Swap the complete ``build`` in as ``target`` (lock held), then clean up; ``crash_at``:
    the stage at which a fault test kills the process."""
    target = target.absolute()
    names = _names(target)
    stage("written", crash_at)
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns()}"
    version = target.parent / f"{names['version']}{stamp}"
    try:
        os.rename(build, version)
        stage("versioned", crash_at)
        if target.is_dir() and not target.is_symlink():
            # A real folder from an earlier version: exchanged for the link in one step where
            # the kernel can, else moved aside first (recover() covers the gap).
            link = target.parent / f"{names['link']}{os.getpid()}"
            os.symlink(version.name, link)
            stage("linked", crash_at)
            if not _exchange(link, target):
                os.rename(target, target.parent / f"{names['old']}{os.getpid()}")
                os.replace(link, target)
        else:
            _point(target, version, crash_at)
        stage("swapped", crash_at)
    except OSError as exc:
        raise unwritable(target, exc) from exc
    recover(target, crash_at)
    stage("cleaned", crash_at)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with Linux renameat2(RENAME_EXCHANGE)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)
