"""`bilingual check` against Translate Toolkit's `pofilter` on one generated corpus, as a ratio.

    python bench/check_speed.py [--articles 1000] [--rounds 3] [--warmup 1] [--jobs N] [--keep DIR]
                                [--against TREE]

Generates a seeded corpus of N articles of varied real text where no entry repeats
(bench/varied.py; reused when `--keep DIR` already holds one, and its stats.json
printed), then times, each as a fresh process on the same catalogs,
`bilingual check --no-cache` and `pofilter --progress=none --errorlevel=none`
(its default checks over the catalog folder), after WARMUP untimed runs of each,
alternating the two ROUNDS times (each going first in turn) so that a drift in the
machine's speed falls on both. Prints each run's wall and CPU
seconds (the child's user + system time, from wait4), the medians, and the median
of the per-round ratios. Issue 32's goal: check at most a third of pofilter's wall
time at 1,000 articles. `--against TREE` also times the `check` of another checkout
(e.g. `git -C ../main archive HEAD | tar -x -C /tmp/old`) in the same rounds, and
prints this code's CPU as a share of that one's: old against new in one run, as
the machine's load falls on both.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GOAL = 1 / 3
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + system of the process and its children


def generate(corpus: Path, size: int) -> None:
    script = ("import sys; from pathlib import Path; from varied import make_varied_corpus;"
              "make_varied_corpus(Path(sys.argv[1]), int(sys.argv[2]), terms=200)")
    subprocess.run([sys.executable, "-c", script, str(corpus), str(size)],
                   env={**ENV, "PYTHONPATH": f"{ROOT}{os.pathsep}{BENCH}"}, check=True)


def timed(command: list[str], cwd: Path) -> Run:
    """One whole process; its CPU includes its workers (wait4 counts reaped children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return Run(time.perf_counter() - start, usage.ru_utime + usage.ru_stime)


def commands(corpus: Path, out: Path, jobs: int | None, against: Path | None = None
             ) -> dict[str, list[str]]:
    jobs_args = [] if jobs is None else ["--jobs", str(jobs)]
    check = [sys.executable, "-m", "pipeline.cli", "check", "--no-cache", *jobs_args]
    other = {} if against is None else {  # env execs python: wait4 still counts its CPU
        "check@other": ["env", f"PYTHONPATH={against.resolve()}", *check]}
    return {
        "check": check,
        **other,
        "pofilter": ["pofilter", "--progress=none", "--errorlevel=none",
                     "-i", str(corpus / "locales" / "en" / "LC_MESSAGES"), "-o", str(out)],
    }


def summary(name: str, runs: list[Run]) -> str:
    walls = ", ".join(f"{r.wall:.1f}" for r in runs)
    cpus = ", ".join(f"{r.cpu:.1f}" for r in runs)
    return (f"  {name:<11} wall median {statistics.median(r.wall for r in runs):7.1f} s ({walls}); "
            f"CPU median {statistics.median(r.cpu for r in runs):7.1f} s ({cpus})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None, help="check's --jobs (default: its own)")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs of each first")
    parser.add_argument("--against", type=Path,
                        help="also time the check of this checkout (old code), alternating")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.keep or Path(scratch) / "corpus"
        if not (corpus / "content").is_dir():
            generate(corpus, args.articles)
        articles = len(list((corpus / "content").glob("*.md")))
        stats = corpus / "stats.json"
        print("corpus:", stats.read_text(encoding="utf-8").replace("\n", " ") if stats.exists()
              else "(no stats.json: not made by bench/varied.py)", flush=True)
        todo = commands(corpus, Path(scratch) / "pofilter-out", args.jobs, args.against)
        runs: dict[str, list[Run]] = {name: [] for name in todo}
        for _ in range(args.warmup):  # the interpreter's and the OS's caches
            for command in todo.values():
                timed(command, corpus)
        for round_ in range(args.rounds):
            # Each goes first in turn: neither always meets the other's leftovers.
            order = list(todo) if round_ % 2 == 0 else list(reversed(todo))
            for name in order:
                runs[name].append(timed(todo[name], corpus))
    wall = statistics.median(c.wall / p.wall for c, p in zip(runs["check"], runs["pofilter"], strict=True))
    cpu = statistics.median(c.cpu / p.cpu for c, p in zip(runs["check"], runs["pofilter"], strict=True))
    jobs = "default jobs" if args.jobs is None else f"--jobs {args.jobs}"
    print(f"{articles} articles, check --no-cache ({jobs}) vs pofilter, {args.rounds} rounds alternating")
    for name, got in runs.items():
        print(summary(name, got))
    print(f"  check / pofilter: wall {wall:.2f}x (goal <= {GOAL:.2f}x: "
          f"{'met' if wall <= GOAL else 'NOT met'}), CPU {cpu:.2f}x")
    if args.against is not None:
        print(f"  check / check of {args.against}: CPU {_cpu_ratio(runs, 'check', 'check@other'):.2f}x; "
              f"that check / pofilter: CPU {_cpu_ratio(runs, 'check@other', 'pofilter'):.2f}x")
    return 0


def _cpu_ratio(runs: dict[str, list[Run]], name: str, base: str) -> float:
    """The median of the per-round CPU ratios (each round's runs met the same load)."""
    return statistics.median(a.cpu / b.cpu for a, b in zip(runs[name], runs[base], strict=True))


if __name__ == "__main__":
    raise SystemExit(main())
