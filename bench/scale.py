"""The pipeline at archive scale, against po4a, mdpo, GNU gettext, pofilter and the floor.

    python bench/scale.py [--articles 100[,1000,3000]] [--keep DIR]

For each size: generates a seeded corpus (bench/corpus.py), times our extract,
update, check (200- and 10,000-term glossaries), build, status and the four
stages in sequence (first run, then a no-change rerun and a one-entry edit), and
each peer on the same files (bench/peers.py). Prints seconds, ratios and peak
memory (max RSS of the process, from wait4); with several sizes, the growth.
Ratios are the result: absolute times on a shared machine are noise.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import itertools

from peers import missing, peers

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@dataclass(frozen=True)
class Timing:
    seconds: float
    peak_mb: float  # the largest single process
    failed: bool = False


def generate(corpus: Path, big: Path, size: int) -> None:
    """The corpora, made in a child process. A child's peak memory (ru_maxrss) starts
    at its parent's when it is forked, so this process must stay small: holding
    thousands of generated catalogs here would show as every command's peak."""
    script = ("import sys; from pathlib import Path; from corpus import make_corpus, with_glossary;"
              "c = make_corpus(Path(sys.argv[1]), int(sys.argv[3]), terms=200);"
              "with_glossary(c, Path(sys.argv[2]), terms=10_000)")
    subprocess.run([sys.executable, "-c", script, str(corpus), str(big), str(size)],
                   env={**ENV, "PYTHONPATH": f"{ROOT}{os.pathsep}{BENCH}"}, check=True)


def own_peak_mb() -> float:
    """This process's peak memory: the least any child's peak can show."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_all(commands: list[list[str]], cwd: Path | None = None) -> Timing:
    start, peak, failed = time.perf_counter(), 0, False
    for command in commands:
        proc = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read() if proc.stderr else b""
        if proc.stderr:
            proc.stderr.close()
        # check exits 1 on findings, which is a result, not a failure
        if proc.returncode not in (0, 1):
            if failed:
                continue  # one message per peer is enough
            failed = True
            print(f"  ! {' '.join(command[:3])}… exit {proc.returncode}: "
                  f"{err.decode(errors='replace')[-300:]}", file=sys.stderr)
        peak = max(peak, usage.ru_maxrss)
    return Timing(time.perf_counter() - start, peak / 1024, failed)


def ours(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "-C", str(root), *args]


def has_cache() -> bool:
    """Whether this version of bilingual has the cache (and so --no-cache)."""
    shown = subprocess.run(ours(ROOT, "update", "--help"), env=ENV, capture_output=True, text=True)
    return "--no-cache" in shown.stdout


def touch_one_entry(root: Path) -> None:
    """Edit one translation in one catalog (the one-entry rerun)."""
    path = sorted((root / "locales" / "en" / "LC_MESSAGES").glob("*.po"))[0]
    text = path.read_text(encoding="utf-8")
    marker = 'msgstr "Industry Renewed'
    path.write_text(text.replace(marker, 'msgstr "Edited: Industry Renewed', 1), encoding="utf-8")


def measure(size: int, work: Path, with_peers: bool = True) -> dict[str, Timing]:
    print(f"\n== {size} articles ==", flush=True)
    started = time.perf_counter()
    corpus, big = work / f"corpus-{size}", work / f"corpus-{size}-10k"
    generate(corpus, big, size)
    print(f"   corpus generated in {time.perf_counter() - started:.1f} s "
          f"(~40 segments per article, complete catalogs)", flush=True)
    t: dict[str, Timing] = {}
    fresh = work / f"fresh-{size}"
    shutil.copytree(corpus, fresh, ignore=shutil.ignore_patterns(".bilingual"))
    stages = [ours(fresh, "extract"), ours(fresh, "update"), ours(fresh, "check"),
              ours(fresh, "build")]
    # From the project's folder, as an editor runs them (check's paths then read
    # as the proofs show them, so build can reuse check's results).
    t["sequence"] = run_all(stages, cwd=fresh)
    cached = has_cache()
    if cached:
        t["rerun"] = run_all(stages, cwd=fresh)
        touch_one_entry(fresh)
        t["one-edit"] = run_all(stages, cwd=fresh)
    else:
        print("   no cache in this version: reruns cost a full run; not timed")
    full = ["--no-cache"] if cached else []
    for stage in ("extract", "update", "check", "build", "status"):
        t[stage] = run_all([ours(corpus, stage, *(full if stage != "status" else []))])
    t["check 10k terms"] = run_all([ours(big, "check", *full)])
    if full:
        t["check --jobs 1"] = run_all([ours(corpus, "check", "--no-cache", "--jobs", "1")])
    if not with_peers:
        print("   peers not timed at this size (--peers-max)")
        return t
    scratch = work / f"peers-{size}"
    for peer in peers(corpus, scratch):
        need = missing(peer.group) if peer.group != "floor" else None
        if need:
            print(f"   {peer.name}: not installed, skipped (install: {need})")
            continue
        t[peer.name] = run_all(peer.commands)
    return t


def ratio(t: dict[str, Timing], ours_key: str, base: str) -> str:
    if ours_key not in t or base not in t:
        return "n/a"
    return f"{t[ours_key].seconds / t[base].seconds:.2f}x"


def combined(t: dict[str, Timing], name: str, *parts: str) -> None:
    if all(p in t for p in parts):
        t[name] = Timing(sum(t[p].seconds for p in parts), max(t[p].peak_mb for p in parts))


def report(size: int, t: dict[str, Timing]) -> None:
    combined(t, "po4a (updatepo + translate)", "po4a-updatepo", "po4a-translate")
    combined(t, "GNU msgmerge + msgfmt", "GNU msgmerge", "GNU msgfmt")
    for name, timing in t.items():
        flag = "  FAILED" if timing.failed else ""
        print(f"   {name:<42} {timing.seconds:9.2f} s   peak {timing.peak_mb:7.0f} MB{flag}")
    print(f"   (a peak includes the benchmark's own {own_peak_mb():.0f} MB: "
          "children start from their parent's size)")
    floor = "floor: markdown-it parse + polib load"
    print("   ratios (ours / peer; goal in brackets):")
    rows = [
        ("four stages / floor [<= 2]", "sequence", floor),
        ("four stages / po4a [<= 0.2]", "sequence", "po4a (updatepo + translate)"),
        ("four stages / mdpo [<= 1]", "sequence", "mdpo md2po + po2md"),
        ("extract / floor", "extract", floor),
        ("update / GNU msgmerge", "update", "GNU msgmerge"),
        ("build / GNU msgfmt", "build", "GNU msgfmt"),
        ("check / pofilter [<= 0.33]", "check", "pofilter (default checks)"),
        ("check 10k terms / 200 terms [<= 1.2]", "check 10k terms", "check"),
        ("check all cores / one core", "check", "check --jobs 1"),
        ("no-change rerun / first run [< 0.05]", "rerun", "sequence"),
        ("one-entry edit / first run [< 0.05]", "one-edit", "sequence"),
    ]
    for label, mine, base in rows:
        print(f"     {label:<42} {ratio(t, mine, base)}")


def growth(results: dict[int, dict[str, Timing]]) -> None:
    sizes = sorted(results)
    print("\n== growth (time at the larger size / time at the smaller; linear = size ratio) ==")
    for small, large in itertools.pairwise(sizes):
        print(f"   {small} -> {large} articles (x{large / small:g}):")
        for name in results[small]:
            if name in results[large]:
                print(f"     {name:<42} x{results[large][name].seconds / results[small][name].seconds:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="100",
                        help="corpus size, or sizes separated by commas (default: 100)")
    parser.add_argument("--keep", type=Path, help="keep the corpora in this directory")
    parser.add_argument("--peers-max", type=int, default=None, metavar="N",
                        help="time the peers only at sizes up to N (the growth of our "
                             "own stages needs no peers)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.articles.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bilingual-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, Timing]] = {}
    failed = False
    try:
        for size in sizes:
            results[size] = measure(size, work, args.peers_max is None or size <= args.peers_max)
            report(size, results[size])
            failed |= any(t.failed for t in results[size].values())
        if len(sizes) > 1:
            growth(results)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
