"""What the sentence gate (BL308/BL309) adds to `check`, as a ratio measured in one run.

    python bench/align_cost.py [--articles 100] [--jobs 2] [--rounds 2] [--keep DIR]

Generates a seeded corpus (bench/corpus.py), then times
`bilingual check --no-cache -j JOBS` on it with every rule and with
`--skip BL308 --skip BL309`, alternating the two (ROUNDS times each, the best
of each kept: on a shared machine the minimum is the least noisy). Prints both
times and the ratio; the goal of issue 29 is at most 1.10.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GOAL = 1.10
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
SKIP = ("--skip", "BL308", "--skip", "BL309")


def generate(corpus: Path, size: int) -> None:
    script = ("import sys; from pathlib import Path; from corpus import make_corpus;"
              "make_corpus(Path(sys.argv[1]), int(sys.argv[2]), terms=200)")
    subprocess.run([sys.executable, "-c", script, str(corpus), str(size)],
                   env={**ENV, "PYTHONPATH": f"{ROOT}{os.pathsep}{BENCH}"}, check=True)


def timed_check(corpus: Path, jobs: int, extra: tuple[str, ...]) -> float:
    command = [sys.executable, "-c", "from pipeline.cli import main; main()",
               "check", "--no-cache", "-j", str(jobs), *extra]
    start = time.perf_counter()
    # check exits non-zero when it finds errors; the corpus has none, but the
    # time is what is measured here, not the verdict.
    subprocess.run(command, cwd=corpus, env=ENV, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.keep or Path(scratch) / "corpus"
        if not (corpus / "content").is_dir():
            generate(corpus, args.articles)
        with_gate, without = [], []
        for _ in range(args.rounds):
            without.append(timed_check(corpus, args.jobs, SKIP))
            with_gate.append(timed_check(corpus, args.jobs, ()))
    best_with, best_without = min(with_gate), min(without)
    ratio = best_with / best_without
    print(f"check --no-cache -j {args.jobs}, {args.articles} articles, best of {args.rounds}")
    print(f"  without BL308/BL309: {best_without:7.1f} s  ({', '.join(f'{t:.1f}' for t in without)})")
    print(f"  with BL308/BL309:    {best_with:7.1f} s  ({', '.join(f'{t:.1f}' for t in with_gate)})")
    print(f"  ratio {ratio:.2f}x (goal <= {GOAL:.2f}x): {'met' if ratio <= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
