"""Slow clients: connections from 127.0.0.2 (all of 127.0.0.0/8 is loopback on Linux) that send
the start of a request's headers and never the end."""

from __future__ import annotations

import asyncio
import urllib.request


async def hold(port: int, count: int) -> list[asyncio.StreamWriter]:
    """``count`` connections from 127.0.0.2, each with half a request's headers."""
    writers = []
    for _ in range(count):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port,
                                                      local_addr=("127.0.0.2", 0))
        except OSError:
            continue
        writer.write(b"GET /health HTTP/1.1\r\nHost: raadsgids\r\nX-Slow: ")
        writers.append(writer)
    await asyncio.gather(*(w.drain() for w in writers), return_exceptions=True)
    return writers


def health(url: str) -> int:
    with urllib.request.urlopen(url + "/health", timeout=5) as response:
        return int(response.status)
