"""Progress of a long job, for a face that shows it (the page's worker). Nothing is reported unless a listener is
set; a job calls `tick` every few thousand rows, so this costs nothing measurable per row."""
from __future__ import annotations

from typing import Callable

Listener = Callable[[str, str, float], None]     # (phase, file, fraction 0..1)
_listener: Listener | None = None
EVERY = 4096        # rows between ticks


def listen(listener: Listener | None) -> None:
    global _listener
    _listener = listener


def active() -> bool:
    return _listener is not None


def tick(phase: str, file: str, fraction: float) -> None:
    if _listener is not None:
        _listener(phase, file, max(0.0, min(1.0, fraction)))
