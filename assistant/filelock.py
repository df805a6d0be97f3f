"""An exclusive lock on a file beside what it guards, for processes on one machine or sharing a
folder (the CLI and every chat replica): ``fcntl.flock``, released when the block ends or the
process dies."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def held(lock_file: Path, mode: int = 0o600) -> Iterator[None]:
    """Hold ``lock_file`` (created if missing); waits while another process holds it. Raises
    OSError when it cannot be created."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, mode)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
