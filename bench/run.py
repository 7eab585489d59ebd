"""Performance goals, measured against baselines in the same run.

    python bench/run.py [--quick]

Each line prints our time, the baseline's time and the ratio (ours / baseline).
Goals (see docs/manual/performance.md): term matching independent of glossary size (ratio to a
naive scan falls as the glossary grows); GNU formatting within 5x of polib's
own (non-GNU) writer; catalog merge within 2x of GNU msgmerge on the same files;
a full extract+update+build of the real article in well under a second.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.catalog.merge import merge_catalog
from pipeline.glossary import Glossary, Term, TermMatcher
from pipeline.po.write import format_pofile

CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 800)]


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def report(name: str, ours: float, base: float, base_name: str) -> None:
    print(f"{name:<42} ours {ours * 1000:9.2f} ms   {base_name:<18} {base * 1000:9.2f} ms"
          f"   ratio {ours / base:6.2f}")


def bench_terms(rng: random.Random, repeat: int) -> None:
    text = (ROOT / "content" / "shangdang.md").read_text(encoding="utf-8") * 20
    for size in (100, 1000, 10000):
        terms = {"".join(rng.choices(CJK, k=rng.randint(2, 6))) for _ in range(size)}
        glossary = Glossary(tuple(Term(t, f"t{i}") for i, t in enumerate(sorted(terms))))
        matcher = TermMatcher(glossary)

        def naive(glossary: Glossary = glossary) -> list[int]:
            return [text.find(t.term) for t in glossary.terms]

        report(f"term matching, {size:>5} terms, {len(text)} chars",
               best_of(lambda matcher=matcher: matcher.find(text), repeat), best_of(naive, repeat),
               "naive str.find")


def synthetic_catalog(rng: random.Random, entries: int) -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for number in range(entries):
        msgid = "".join(rng.choices([*CJK, "，", "。", "“", "”", "2", "0"], k=rng.randint(10, 300)))
        po.append(polib.POEntry(msgid=msgid, msgstr=f"English sentence number {number} " * 6,
                                occurrences=[("content/a.md", str(number))]))
    return po


def bench_format(rng: random.Random, repeat: int) -> None:
    po = synthetic_catalog(rng, 1000)
    report("GNU .po formatting, 1000 entries", best_of(lambda: format_pofile(po), repeat),
           best_of(lambda: str(po), repeat), "polib writer")


def bench_merge(rng: random.Random, repeat: int) -> None:
    old = synthetic_catalog(rng, 500)
    template = polib.POFile(wrapwidth=79)
    template.metadata = dict(old.metadata)
    for number, entry in enumerate(old):
        msgid = entry.msgid if number % 10 else entry.msgid[:-3] + "新内容"
        template.append(polib.POEntry(msgid=msgid, msgstr=""))
    ours = best_of(lambda: merge_catalog(old, template), repeat)
    msgmerge = shutil.which("msgmerge")
    if not msgmerge:
        print("catalog merge: msgmerge not installed, no baseline")
        return
    with tempfile.TemporaryDirectory() as tmp:
        old_path, pot_path = Path(tmp, "old.po"), Path(tmp, "t.pot")
        old_path.write_text(format_pofile(old), encoding="utf-8")
        pot_path.write_text(format_pofile(template), encoding="utf-8")
        command = [msgmerge, "-q", "--previous", str(old_path), str(pot_path), "-o", "/dev/null"]
        base = best_of(lambda: subprocess.run(command, check=True), repeat)
    report("catalog merge, 500 entries, 10% edited", ours, base, "GNU msgmerge")


def bench_pipeline(repeat: int) -> None:
    from pipeline.commands.build import BuildOptions, build
    from pipeline.commands.update import UpdateOptions, update
    from pipeline.project import Project
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("content", "glossary", "locales"):
            shutil.copytree(ROOT / name, Path(tmp, name))
        project = Project(Path(tmp))

        def everything() -> None:
            update(project, UpdateOptions(quiet=True))
            build(project, BuildOptions(quiet=True))

        ours = best_of(everything, repeat)
        python = best_of(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True),
                         repeat)
    report("extract+update+build, real article", ours, python, "python startup")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 2 if args.quick else 5
    rng = random.Random(20241129)
    bench_terms(rng, repeat)
    bench_format(rng, repeat)
    bench_merge(rng, repeat)
    bench_pipeline(repeat)


if __name__ == "__main__":
    main()
