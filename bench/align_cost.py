"""What the sentence gate (BL308/BL309) adds to `check`, as a ratio measured in one run.

    python bench/align_cost.py [--articles 100] [--jobs 2] [--rounds 2] [--keep DIR]
                               [--versus SOURCE_TREE] [--gate-alone]

Generates a seeded corpus (bench/corpus.py), then times
`bilingual check --no-cache -j JOBS` on it with every rule and with
`--skip BL308 --skip BL309`, alternating the two (ROUNDS times each, the best
of each kept: on a shared machine the minimum is the least noisy). Prints both
times and the ratio, in wall time and in CPU time (user + system of the check
and its workers: on a loaded machine it moves far less than the wall time);
the goal of issue 29 is at most 1.10.

With --gate-alone it times only the gate's own work, in one process: the rule's
function over every distinct (source, translation) pair of the corpus's
catalogs, after the tables are loaded (CPU seconds; with --versus, the other
tree's code in the same rounds). Far less noisy than two whole runs of `check`.
It also prints where each pair stops in the gate (this tree's code).
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


# Both child scripts start alike: the corpus's glossary and its distinct translated
# pairs, read with the code of the tree on PYTHONPATH.
PAIRS = """
import glob, sys
from pathlib import Path
import polib
from pipeline.commands.common import project_glossary
from pipeline.glossary import TermMatcher
from pipeline.checks.rules import sentences
from pipeline.checks.rules.base import plain_text
root = Path(sys.argv[1])
matcher = TermMatcher(project_glossary(root / "glossary"))
pairs = sorted({(plain_text(e.msgid), plain_text(e.msgstr))
                for f in glob.glob(str(root / "locales/*/LC_MESSAGES/*.po"))
                for e in polib.pofile(f) if e.msgstr and not e.obsolete})
"""

# Run in a child with PYTHONPATH set to the code timed: the rule's function over
# every distinct pair (each aligned once, as one worker would), after the tables load.
GATE_ALONE = PAIRS + """
import time
from pipeline.checks.align.lexicon import cedict
cedict()
sentences._lone_sentences("上党区。", "Shangdang. District.", "en", matcher)
start = time.process_time()
for zh, en in pairs:
    sentences._lone_sentences(zh, en, "en", matcher)
print(len(pairs), time.process_time() - start)
"""


# Where each distinct pair stops in the gate (this tree's code only): a single
# sentence on each side; the screen on lengths alone (as many English pieces as
# Chinese sentences); the screen's chain; the best path on the rough English cut;
# pysbd's exact cut, then a finding or none.
STAGES = PAIRS + """
from collections import Counter
from pipeline.checks.align import aligner, screen
from pipeline.checks.align.split import rough_english, split_chinese
stages = Counter()
for zh, en in pairs:
    zs, pieces = split_chinese(zh), screen.english_pieces(en)
    if len(zs) < 2 and not sentences._ENGLISH_BREAK.search(en.strip()):
        stages["one sentence each side"] += 1
    elif len(zs) <= len(pieces) and screen.evenly_paired([s.text for s in zs], pieces):
        stages["screen: lengths alone"] += 1
    elif screen.plainly_paired(zh, en):
        stages["screen: chain with look-ups"] += 1
    elif not aligner._best_path_has_lone(zs, rough_english(en), matcher):
        stages["best path, rough cut: none alone"] += 1
    else:
        found = sentences._lone_sentences(zh, en, "en", matcher)
        stages["pysbd's cut: " + ("a finding" if found else "no finding")] += 1
for name, count in stages.most_common():
    print(f"  {count:6d}  {name}")
"""


def gate_alone(corpus: Path, code: Path) -> tuple[int, float]:
    """Distinct pairs, and the CPU seconds the gate takes over them in one process."""
    # In the corpus: `python -c` puts the working directory first on sys.path, and
    # in a source tree that would import that tree's code whatever PYTHONPATH says.
    done = subprocess.run([sys.executable, "-c", GATE_ALONE, str(corpus.resolve())], check=True, cwd=corpus,
                          env={**ENV, "PYTHONPATH": str(code)}, capture_output=True, text=True)
    pairs, seconds = done.stdout.split()
    return int(pairs), float(seconds)


def report_gate_alone(corpus: Path, rounds: int, versus: Path | None) -> None:
    trees = [("this tree", ROOT)] + ([(f"code of {versus}", versus)] if versus else [])
    times: dict[str, list[float]] = {name: [] for name, _ in trees}
    pairs = 0
    for _ in range(rounds):
        for name, code in trees:
            pairs, seconds = gate_alone(corpus, code)
            times[name].append(seconds)
    print(f"the gate alone over {pairs} distinct pairs, one process, best of {rounds}")
    subprocess.run([sys.executable, "-c", STAGES, str(corpus.resolve())], check=True,
                   cwd=corpus, env=ENV)
    for name, found in times.items():
        print(f"  {name}: {min(found):.2f} s CPU  ({', '.join(f'{t:.2f}' for t in found)})")


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
    parser.add_argument("--gate-alone", action="store_true",
                        help="time only the gate's function over the distinct pairs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.keep or Path(scratch) / "corpus"
        if not (corpus / "content").is_dir():
            generate(corpus, args.articles)
        if args.gate_alone:
            report_gate_alone(corpus, args.rounds, args.versus)
            return 0
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
