"""What the sentence gate (BL308/BL309) adds to `check`, as a ratio measured in one run.

    python bench/align_cost.py [--articles 100] [--jobs 2] [--rounds 2] [--keep DIR]
                               [--versus SOURCE_TREE]

Generates a seeded corpus (bench/corpus.py), then times
`bilingual check --no-cache -j JOBS` on it with every rule and with
`--skip BL308 --skip BL309`, alternating the two (ROUNDS times each, the best
of each kept: on a shared machine the minimum is the least noisy). Prints both
times and the ratio, in wall time and in CPU time (user + system of the check
and its workers: on a loaded machine it moves far less than the wall time);
the goal of issue 29 is at most 1.10.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GOAL = 1.10
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # this tree's code (--versus: another's)
SKIP = ("--skip", "BL308", "--skip", "BL309")


def generate(corpus: Path, size: int) -> None:
    script = ("import sys; from pathlib import Path; from corpus import make_corpus;"
              "make_corpus(Path(sys.argv[1]), int(sys.argv[2]), terms=200)")
    subprocess.run([sys.executable, "-c", script, str(corpus), str(size)],
                   env={**ENV, "PYTHONPATH": f"{ROOT}{os.pathsep}{BENCH}"}, check=True)


def timed_check(corpus: Path, jobs: int, extra: tuple[str, ...],
                code: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the check and its workers)."""
    command = [sys.executable, "-c", "from pipeline.cli import main; main()",
               "check", "--no-cache", "-j", str(jobs), *extra]
    start, used = time.perf_counter(), _children_cpu()
    # check exits non-zero when it finds errors; the corpus has none, but the
    # time is what is measured here, not the verdict.
    subprocess.run(command, cwd=corpus, env={**ENV, "PYTHONPATH": str(code)}, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, _children_cpu() - used


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--versus", type=Path,
                        help="also time the gate with the code of this source tree "
                             "(e.g. an earlier commit's `git archive`), in the same rounds")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.keep or Path(scratch) / "corpus"
        if not (corpus / "content").is_dir():
            generate(corpus, args.articles)
        runs: dict[str, list[tuple[float, float]]] = {"without": [], "with": [], "versus": []}
        for _ in range(args.rounds):
            runs["without"].append(timed_check(corpus, args.jobs, SKIP))
            runs["with"].append(timed_check(corpus, args.jobs, ()))
            if args.versus:
                runs["versus"].append(timed_check(corpus, args.jobs, (), args.versus))
    print(f"check --no-cache -j {args.jobs}, {args.articles} articles, best of {args.rounds}")
    for name, index in (("wall", 0), ("CPU", 1)):
        best = {key: min(t[index] for t in times) for key, times in runs.items() if times}
        for key, label in (("without", "without BL308/BL309"), ("with", "with BL308/BL309"),
                           ("versus", f"with, code of {args.versus}")):
            if key in best:
                times = ", ".join(f"{t[index]:.1f}" for t in runs[key])
                print(f"  {name} {label}: {best[key]:7.1f} s  ({times})"
                      f"  ratio {best[key] / best['without']:.2f}x")
        ratio = best["with"] / best["without"]
        print(f"  {name} ratio {ratio:.2f}x (goal <= {GOAL:.2f}x): "
              f"{'met' if ratio <= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
