"""parallel.ordered_map keeps the input order whoever finishes first; progress stays
silent off a terminal."""

from __future__ import annotations

import io
import time

import pytest

from pipeline import parallel, progress

_offset = 0


def _setup(shared: int) -> None:
    global _offset
    _offset = shared


def _slow_first(item: int) -> int:
    time.sleep(0.02 * (10 - item))  # the first items finish last
    return item + _offset


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_results_come_back_in_input_order(jobs: int) -> None:
    items = list(range(10))
    assert parallel.ordered_map(_slow_first, items, jobs, _setup, 100) == [i + 100 for i in items]


def test_the_progress_advances_once_per_item(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    class Recorder(progress.Progress):
        def advance(self, count: int = 1) -> None:
            seen.append(count)
    parallel.ordered_map(_slow_first, list(range(9)), 2, _setup, 0, Recorder("x", 9))
    assert seen == [1] * 9


def test_no_bar_in_ci_or_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True
    monkeypatch.setattr("sys.stderr", Tty())
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert progress.wanted(100)
    assert not progress.wanted(3)  # too short to need one
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(100)
    monkeypatch.setattr("sys.stderr", io.StringIO())
    monkeypatch.delenv("CI")
    assert not progress.wanted(100)


def test_a_drawn_bar_goes_to_stderr_and_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    bar = progress.Progress("checking", 30, drawing=True)
    for _ in range(30):
        bar.advance()
    assert bar._bar is not None
    bar.close()
    assert bar._bar is None
