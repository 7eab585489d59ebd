"""All cores: independent articles mapped in worker processes, results in input order.

Articles are independent, so a command's per-article work (check one article's
catalogs, render one article's editions) runs as `ordered_map(work, items)`: in
this process when there is little to do or `jobs` is 1, otherwise in a pool of
`jobs` processes. Results come back in the order of `items` whatever order the
workers finish in, so the output of `--jobs 4` is byte-identical to `--jobs 1`.

What every item needs (the glossary, the term automaton, settings) is handed to
each worker once: `prepare(shared)` runs once per process and its result, the
worker's state, is passed to `work(state, item)` with every item, so nothing of
it is pickled per item (on Linux the pool forks: even `shared` costs nothing).
A command that reads its articles a batch at a time maps the batches with one
`Mapper`, so the workers are started, and load what the work needs, once a run.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Generic, TypeVar

from .progress import Progress

Item = TypeVar("Item")
Result = TypeVar("Result")
Shared = TypeVar("Shared")  # what every worker is handed once
State = TypeVar("State")  # what each process makes of it (see ordered_map)

# A pool costs ~50 ms to start and each item a pickle round trip: below this many
# items the work is done here.
MIN_PARALLEL = 8
# Articles whose files a command holds at once: a batch is read, mapped, and let go
# (an archive's files are ~150 KB an article; 3,000 held at once were half a gigabyte).
BATCH = 500


def default_jobs() -> int:
    """The cores this process may run on (what `--jobs` defaults to)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ordered_map(work: Callable[[State, Item], Result], items: Sequence[Item], jobs: int,
                prepare: Callable[[Shared], State], shared: Shared,
                progress: Progress | None = None) -> list[Result]:
    """`[work(state, item) for item in items]` with `state = prepare(shared)`, on up to
    `jobs` processes.

    `work` and `prepare` must be module-level functions (workers import them)."""
    with Mapper(work, jobs, prepare, shared) as mapper:
        return mapper.map(items, progress)


class Mapper(Generic[Shared, State, Item, Result]):
    """`ordered_map` over several batches with one pool, started when a batch first
    needs it and kept for the next: its workers keep what they loaded and learnt (the
    rules' tables and text caches) instead of paying for them again per batch."""

    def __init__(self, work: Callable[[State, Item], Result], jobs: int,
                 prepare: Callable[[Shared], State], shared: Shared,
                 preload: Callable[[Shared], None] | None = None) -> None:
        self.work, self.jobs, self.prepare, self.shared = work, jobs, prepare, shared
        # Run here just before the pool forks: what it loads, every worker inherits
        # instead of loading for itself (only when a pool is started, so a small run
        # loads nothing it does not use).
        self.preload = preload
        self.pool: Any = None  # a ProcessPoolExecutor once started

    def __enter__(self) -> Mapper[Shared, State, Item, Result]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None
            gc.unfreeze()

    def map(self, items: Sequence[Item], progress: Progress | None = None) -> list[Result]:
        """The results of `items`, in their order (a batch: see the class)."""
        if self.pool is None and (self.jobs <= 1 or len(items) < MIN_PARALLEL):
            state = _prepared(self.prepare, self.shared)
            results: list[Result] = []
            for item in items:
                results.append(self.work(state, item))
                if progress:
                    progress.advance()
            return results
        if self.pool is None:
            if self.preload is not None:
                self.preload(self.shared)
            # What this process holds now (the tables, the glossary) lives as long as
            # the workers: kept out of the collector's sight, no worker's collection
            # walks it (or copies its pages by touching every object's header).
            gc.freeze()
            self.pool = _pool(min(self.jobs, len(items)), self.prepare, self.shared)
        results = []
        # map keeps the input order
        for done in self.pool.map(partial(_in_worker, self.work),
                                  tasks(items, self.jobs), chunksize=1):
            for result in done:
                results.append(result)
                if progress:
                    progress.advance()
        return results


def tasks(items: Sequence[Item], jobs: int) -> list[Sequence[Item]]:
    """`items` cut into consecutive tasks for `jobs` workers: several items a task
    (fewer round trips), each task at most a quarter of an even share of what is
    left, so the last tasks are single items and no worker idles long at the end
    while another finishes a large one."""
    out: list[Sequence[Item]] = []
    start = 0
    while start < len(items):
        size = max(1, min(MAX_TASK, (len(items) - start) // (jobs * 4)))
        out.append(items[start:start + size])
        start += size
    return out


# Items a task holds at most (an article of a check is ~0.1 s).
MAX_TASK = 16


def _pool(workers: int, prepare: Callable[[Shared], State], shared: Shared) -> Any:
    import multiprocessing  # only when a pool is started (its import is ~15 ms)
    from concurrent.futures import ProcessPoolExecutor
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_worker_start, initargs=(prepare, shared))


# A worker only maps: it looks for garbage cycles less often than after Python's
# default 700 allocations (several times an article of a check); the garbage is the
# same, found later (~1.5% of a check's CPU).
WORKER_GC_THRESHOLD = 10_000


def _worker_start(prepare: Callable[[Shared], State], shared: Shared) -> None:
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
    _prepared(prepare, shared)


def as_is(shared: Shared) -> Shared:
    """A `prepare` for work that needs `shared` itself and nothing built from it."""
    return shared


# This process's state: what `prepare` made of which `shared`. A batch mapped here,
# or a worker forked after one, reuses it for the same `shared` object (the term
# automaton is the costly part) instead of preparing again.
_state: tuple[Callable[[Any], Any], object, Any] | None = None


def _prepared(prepare: Callable[[Shared], State], shared: Shared) -> State:
    global _state
    if _state is None or _state[0] is not prepare or _state[1] is not shared:
        _state = (prepare, shared, prepare(shared))
    state: State = _state[2]
    return state


def _in_worker(work: Callable[[Any, Item], Result], task: Sequence[Item]) -> list[Result]:
    assert _state is not None  # the pool's initializer prepared it
    return [work(_state[2], item) for item in task]
