"""Fair use of one chat process: questions per user per minute, and how many may wait.

Both refusals are one Dutch sentence; nothing is queued without bound. The engine answers in
worker threads; ``max_waiting`` caps the questions between arrival and answer, so an overloaded
replica refuses early ("probeer het zo opnieuw") instead of letting every answer time out.
"""

from __future__ import annotations

import math
import time
from collections import deque

TOO_MANY = ("U stelt veel vragen kort na elkaar. Probeer het over {seconds} seconden opnieuw.")
BUSY = "Het is nu erg druk bij de raadsgids. Probeer het zo opnieuw."


class QuestionLimits:
    def __init__(self, per_minute: int, max_waiting: int) -> None:
        self.per_minute = per_minute
        self.max_waiting = max_waiting
        self.waiting = 0
        self._asked: dict[str, deque[float]] = {}

    def refusal(self, user: str, now: float | None = None) -> str | None:
        """A sentence when ``user`` may not ask now (and the question is not counted), else
        None (and it is)."""
        now = time.monotonic() if now is None else now
        if self.waiting >= self.max_waiting:
            return BUSY
        if self.per_minute <= 0:
            return None
        asked = self._asked.setdefault(user, deque())
        while asked and asked[0] <= now - 60:
            asked.popleft()
        if len(asked) >= self.per_minute:
            return TOO_MANY.format(seconds=max(1, math.ceil(asked[0] + 60 - now)))
        asked.append(now)
        return None
