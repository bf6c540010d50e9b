"""A per-request time budget, checked between the steps of the work (parse pieces, documents)."""
from __future__ import annotations

import time


class Exceeded(Exception):
    """The request ran past its deadline; the HTTP layer answers 503 with Retry-After."""


def deadline_in(seconds: float | None) -> float | None:
    return None if not seconds else time.monotonic() + seconds


def check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise Exceeded()
