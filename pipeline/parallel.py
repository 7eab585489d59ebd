"""All cores: independent articles mapped in worker processes, results in input order.

Articles are independent, so a command's per-article work (check one article's
catalogs, render one article's editions) runs as `ordered_map(work, items)`: in
this process when there is little to do or `jobs` is 1, otherwise in a pool of
`jobs` processes. Results come back in the order of `items` whatever order the
workers finish in, so the output of `--jobs 4` is byte-identical to `--jobs 1`.

What every item needs (the glossary, the term automaton, settings) is handed to
each worker once, through `setup(shared)`, not pickled with every item; on
Linux the pool forks, so even that costs nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .progress import Progress

Item = TypeVar("Item")
Result = TypeVar("Result")

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


def ordered_map(work: Callable[[Item], Result], items: Sequence[Item], jobs: int,
                setup: Callable[[Any], None], shared: Any,
                progress: Progress | None = None) -> list[Result]:
    """`[work(item) for item in items]` after `setup(shared)`, on up to `jobs` processes.

    `work` and `setup` must be module-level functions (workers import them)."""
    if jobs <= 1 or len(items) < MIN_PARALLEL:
        setup(shared)
        results = []
        for item in items:
            results.append(work(item))
            if progress:
                progress.advance()
        return results
    import multiprocessing  # only when a pool is started (its import is ~15 ms)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Several items per task: fewer round trips, and still an even spread.
    chunk = max(1, min(16, len(items) // (jobs * 4)))
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=context,
                             initializer=setup, initargs=(shared,)) as pool:
        results = []
        for result in pool.map(work, items, chunksize=chunk):  # map keeps the input order
            results.append(result)
            if progress:
                progress.advance()
        return results
