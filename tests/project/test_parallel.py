"""parallel.ordered_map keeps the input order whoever finishes first; progress stays
silent off a terminal."""

from __future__ import annotations

import io
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline import parallel, progress


def _offset(shared: int) -> int:
    return shared


def _slow_first(offset: int, item: int) -> int:
    time.sleep(0.02 * (10 - item))  # the first items finish last
    return item + offset


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_results_come_back_in_input_order(jobs: int) -> None:
    items = list(range(10))
    assert parallel.ordered_map(_slow_first, items, jobs, _offset, 100) == [i + 100 for i in items]


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_the_progress_advances_once_per_item(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    class Recorder(progress.Progress):
        def advance(self, count: int = 1) -> None:
            seen.append(count)
    parallel.ordered_map(_slow_first, list(range(9)), 2, _offset, 0, Recorder("x", 9))
    assert seen == [1] * 9


@dataclass(frozen=True)
class _Log:
    path: Path  # one line per preparation: the process that ran it


def _prepare(shared: _Log) -> int:
    with shared.path.open("a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
    return os.getpid()


def _whose(state: int, item: int) -> tuple[int, int]:
    time.sleep(0.005)
    return os.getpid(), state


@pytest.mark.parametrize("jobs", [1, 2])
def test_preparation_runs_once_per_process(tmp_path: Path, jobs: int) -> None:
    shared = _Log(tmp_path / "prepared.txt")
    ran = parallel.ordered_map(_whose, list(range(24)), jobs, _prepare, shared)
    prepared = [int(line) for line in shared.path.read_text().split()]
    assert sorted(prepared) == sorted(set(prepared))  # never twice in one process
    assert {pid for pid, _ in ran} == set(prepared)  # every worker prepared, and used it
    assert all(pid == state for pid, state in ran)  # each item got its own process's state
    if jobs == 1:
        assert prepared == [os.getpid()]
        parallel.ordered_map(_whose, [1, 2], 1, _prepare, shared)  # a second batch, same run
        assert shared.path.read_text().split() == [str(os.getpid())]
        parallel.ordered_map(_whose, [1, 2], 1, _prepare, _Log(shared.path))  # another run
        assert shared.path.read_text().split() == [str(os.getpid())] * 2


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


@pytest.mark.slow  # starts a pool
def test_one_pool_serves_every_batch(tmp_path: Path) -> None:
    """The batches of one run share the workers: each prepared once, not once a batch."""
    shared = _Log(tmp_path / "prepared.txt")
    with parallel.Mapper(_whose, 2, _prepare, shared) as mapper:
        first = mapper.map(list(range(16)))
        second = mapper.map(list(range(16)))
        small = mapper.map([1, 2])  # a pool once started serves a small batch too
    prepared = [int(line) for line in shared.path.read_text().split()]
    assert sorted(prepared) == sorted(set(prepared)) and os.getpid() not in prepared
    assert len(prepared) <= 2  # two workers for the whole run
    assert {pid for pid, _ in first + second + small} <= set(prepared)
    assert all(pid == state for pid, state in first + second + small)


def _preloaded(shared: _Log) -> None:
    with shared.path.with_suffix(".preload").open("a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")


@pytest.mark.slow  # starts a pool
def test_preload_runs_here_once_before_the_pool_and_never_without_one(tmp_path: Path) -> None:
    """What the workers would each load is loaded here, once, before they fork; a run
    done in this process (one job, or a few items) loads nothing for a pool."""
    shared = _Log(tmp_path / "prepared.txt")
    preloads = shared.path.with_suffix(".preload")
    with parallel.Mapper(_whose, 1, _prepare, shared, _preloaded) as mapper:
        mapper.map(list(range(16)))
    with parallel.Mapper(_whose, 2, _prepare, shared, _preloaded) as mapper:
        mapper.map([1, 2])
    assert not preloads.exists()
    with parallel.Mapper(_whose, 2, _prepare, shared, _preloaded) as mapper:
        mapper.map(list(range(16)))
        mapper.map(list(range(16)))
    assert preloads.read_text().split() == [str(os.getpid())]


def _collector(state: None, item: int) -> tuple[int, int]:
    import gc
    return gc.get_threshold()[0], gc.get_freeze_count()


def test_workers_collect_less_often_and_skip_what_the_parent_held() -> None:
    """Garbage collection is tuned for the workers only: rarer young collections,
    and the objects held before the fork frozen; the parent is left as it was."""
    import gc
    before = gc.get_threshold()
    with parallel.Mapper(_collector, 2, parallel.as_is, None) as mapper:
        seen = mapper.map(list(range(parallel.MIN_PARALLEL)))
    assert {threshold for threshold, _ in seen} == {parallel.WORKER_GC_THRESHOLD}
    assert all(frozen > 0 for _, frozen in seen)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


@pytest.mark.parametrize(("count", "jobs"), [(500, 2), (100, 2), (37, 4), (9, 2), (1, 2)])
def test_tasks_keep_the_order_and_end_with_single_items(count: int, jobs: int) -> None:
    """A batch is cut into tasks of at most MAX_TASK items that shrink towards the end:
    the last task a worker takes is one item, so none waits long on another's last task."""
    items = list(range(count))
    cut = parallel.tasks(items, jobs)
    assert [i for task in cut for i in task] == items
    assert all(1 <= len(task) <= parallel.MAX_TASK for task in cut)
    assert [len(task) for task in cut[-jobs:]] == [1] * min(jobs, len(cut))
    sizes = [len(task) for task in cut]
    assert sizes == sorted(sizes, reverse=True)
