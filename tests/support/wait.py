"""Waiting for a condition instead of sleeping a fixed time: as short as the machine allows,
and a failure that says what never happened."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def eventually(check: Callable[[], T], what: str, timeout: float = 30.0,
               every: float = 0.05) -> T:
    """Call ``check`` until it returns something true, and return that; raise
    ``TimeoutError`` naming ``what`` after ``timeout`` seconds. An exception from ``check``
    counts as not yet."""
    deadline = time.monotonic() + timeout
    last: object = None
    while True:
        try:
            result = check()
        except Exception as exc:  # noqa: BLE001 - not yet; the last one is reported
            last, result = exc, None  # type: ignore[assignment]
        else:
            if result:
                return result
            last = result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:g} s (last: {last!r})")
        time.sleep(every)


async def eventually_async(check: Callable[[], T], what: str, timeout: float = 30.0,
                           every: float = 0.05) -> T:
    """:func:`eventually` inside an event loop: it waits without blocking the loop, so that
    what is being waited for (a socket's events) can arrive."""
    import asyncio

    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:g} s (last: {result!r})")
        await asyncio.sleep(every)
