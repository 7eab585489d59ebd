"""Progress a person can see: a bar on a terminal, silence elsewhere.

Long runs (many articles) show a rich progress bar on stderr when stderr is a
terminal; in CI, in a pipe or under `--quiet` nothing is drawn, so logs stay
line-oriented and byte-stable. The bar appears only after a short delay, so a
run that finishes at once never flickers one.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

# Below this many items a bar is noise: the run is over before it could help.
MIN_ITEMS = 20
DELAY = 1.0  # seconds before the bar is drawn


def wanted(total: int, enabled: bool = True) -> bool:
    """A bar only for a person watching a long run: a terminal, not CI, not dumb."""
    return (enabled and total >= MIN_ITEMS and sys.stderr.isatty()
            and not os.environ.get("CI") and os.environ.get("TERM") != "dumb")


@dataclass
class Progress:
    """`advance()` after each item; draws nothing when no bar is wanted."""

    label: str
    total: int
    _bar: Any = None  # rich.progress.Progress once drawn
    _task: Any = None
    _done: int = 0
    _started: float = field(default_factory=time.monotonic)
    drawing: bool = False

    def advance(self, count: int = 1) -> None:
        self._done += count
        if not self.drawing:
            return
        if self._bar is None and time.monotonic() - self._started >= DELAY:
            self._start()
        if self._bar is not None:
            self._bar.update(self._task, completed=self._done)

    def _start(self) -> None:
        # Imported here: rich costs start-up time that a quiet run need not pay.
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar
        self._bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=Console(stderr=True), transient=True)
        self._bar.start()
        self._task = self._bar.add_task(self.label, total=self.total, completed=self._done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


@contextmanager
def progress(label: str, total: int, enabled: bool = True) -> Iterator[Progress]:
    bar = Progress(label, total, drawing=wanted(total, enabled))
    try:
        yield bar
    finally:
        bar.close()
