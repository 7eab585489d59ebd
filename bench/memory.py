"""Translation-memory goals (docs/manual/performance.md), measured against in-run baselines.

    python bench/memory.py [--units 100000] [--articles 300]

- lookup in a memory of N units (built from the real article's paragraphs and
  sentences with random perturbations): median per segment, against a full
  rapidfuzz scan of every unit (what the index avoids);
- building that index;
- `update` of a project of A articles with the memory on, against `--no-memory`;
- `memory lookup` from the command line's path over a TMX of N units: the
  persistent index (pipeline.memory.store: loaded, not rebuilt) against what the
  previous version did on every call (read every TMX and catalog, index them),
  and as whole processes against the interpreter start-up floor.

    python bench/memory.py --only cli [--units 100000]

- the workbench's memory panel (`GET …/memory?segment=ID`, in-process) over the
  real project plus a TMX of N units: the first request (the memory is built),
  then requests on other segments, and the first request after a catalog is
  saved (as the workbench does on every edit).

    python bench/memory.py --only serve [--units 100000]

- rebuilding the index after a TMX file changes (1% of its units added), in CPU
  seconds of the process: with the sentence pairs of units seen before kept
  (pipeline.memory.pair_cache) against aligning every unit again.

    python bench/memory.py --only rebuild [--units 100000]

- partial matches (a phrase held inside longer units) over an index on disk: the
  units the character pre-filter keeps against scanning every unit.

    python bench/memory.py --only partial [--units 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.commands.update import UpdateOptions, update
from pipeline.memory import MemoryUnit, TranslationMemory
from pipeline.memory.project_memory import project_memory
from pipeline.memory.sentences import split_source
from pipeline.memory.store import index_root, indexed_memory
from pipeline.memory.tmx import write_tmx
from pipeline.project import Project

REAL_PO = ROOT / "locales/en/LC_MESSAGES/shangdang.po"


def real_pairs() -> list[tuple[str, str]]:
    return [(e.msgid, e.msgstr) for e in polib.pofile(str(REAL_PO))
            if e.msgstr and not e.obsolete and len(e.msgid) > 15]


def perturb(text: str, rng: random.Random, pool: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, max(2, len(chars) // 6))):
        where = rng.randrange(len(chars))
        action = rng.random()
        if action < 0.4:
            chars[where] = rng.choice(pool)
        elif action < 0.7:
            chars.insert(where, rng.choice(pool))
        elif len(chars) > 4:
            del chars[where]
    return "".join(chars)


def make_texts(count: int, rng: random.Random) -> list[str]:
    pairs = real_pairs()
    sentences = [s for source, _ in pairs for s in split_source(source)]
    pool = "".join(sorted({c for s, _ in pairs for c in s}))
    texts = []
    while len(texts) < count:
        base = rng.choice(sentences) if rng.random() < 0.5 else \
            "".join(rng.sample(sentences, rng.randint(2, 4)))
        texts.append(perturb(base, rng, pool))
    return texts


def bench_lookup(units: int, rng: random.Random) -> None:
    texts = make_texts(units, rng)
    memory_units = [MemoryUnit(t, f"target {i}", f"content/a{i % 997}.md", i)
                    for i, t in enumerate(texts)]
    start = time.perf_counter()
    memory = TranslationMemory(memory_units)
    build = time.perf_counter() - start
    pool = "".join(sorted({c for t in texts[:500] for c in t}))
    queries = [perturb(rng.choice(texts), rng, pool) for _ in range(200)]
    ours = []
    for query in queries:
        start = time.perf_counter()
        memory.lookup(query, 75, 3)
        ours.append(time.perf_counter() - start)
    sources = [u.source for u in memory.units]
    scan = []
    for query in queries[:20]:
        start = time.perf_counter()
        process.extract(query, sources, scorer=fuzz.ratio, limit=3, score_cutoff=75)
        scan.append(time.perf_counter() - start)
    ours_ms, scan_ms = statistics.median(ours) * 1000, statistics.median(scan) * 1000
    print(f"index build, {len(memory):,} units: {build:.2f} s (goal < 10 s)")
    print(f"lookup median: {ours_ms:.2f} ms (goal < 10 ms); full rapidfuzz scan "
          f"{scan_ms:.1f} ms; ratio {ours_ms / scan_ms:.3f}")


def make_project(root: Path, articles: int, rng: random.Random) -> None:
    pairs = real_pairs()
    pool = "".join(sorted({c for s, _ in pairs for c in s}))
    (root / "content").mkdir(parents=True)
    (root / "locales/en/LC_MESSAGES").mkdir(parents=True)
    for number in range(articles):
        chosen = rng.sample(pairs, 12)
        body = [s if rng.random() < 0.6 else perturb(s, rng, pool) for s, _ in chosen]
        (root / "content" / f"a{number}.md").write_text(
            f"---\ntitle: 第{number}篇\n---\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    project = Project.at(root)
    update(project, UpdateOptions(locale="en", create=True, quiet=True, memory=False))
    targets = dict(pairs)
    for number in range(0, articles, 2):  # half the articles translated
        path = project.catalog_path(f"a{number}", "en")
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = targets.get(entry.msgid, f"Translation of {number}.")
        po.save()
    update(project, UpdateOptions(quiet=True, memory=False))  # canonical form again


def bench_update(articles: int, rng: random.Random) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        make_project(base, articles, rng)
        times = {}
        for memory in (False, True):
            root = Path(tmp) / f"run-{memory}"
            shutil.copytree(base, root)
            for po in (root / "content").glob("*.md"):  # a new edition: sources changed
                po.write_text(po.read_text(encoding="utf-8") + "\n新增一段文字。\n",
                              encoding="utf-8")
            start = time.perf_counter()
            update(Project.at(root), UpdateOptions(quiet=True, memory=memory))
            times[memory] = time.perf_counter() - start
    print(f"update, {articles} articles: without memory {times[False]:.2f} s, with "
          f"{times[True]:.2f} s; ratio {times[True] / times[False]:.2f} (goal <= 1.5)")


def _process_seconds(argv: list[str], cwd: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, capture_output=True, check=False,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_cli_lookup(units: int, rng: random.Random) -> None:
    texts = make_texts(units, rng)
    memory_units = [MemoryUnit(t, f"target {i}", "memory/big.tmx") for i, t in enumerate(texts)]
    pool = "".join(sorted({c for t in texts[:500] for c in t}))
    queries = [perturb(rng.choice(texts), rng, pool) for _ in range(20)] + texts[:5]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        (root / "content").mkdir(parents=True)
        (root / "locales/en/LC_MESSAGES").mkdir(parents=True)
        (root / "memory").mkdir()
        (root / "memory" / "big.tmx").write_bytes(write_tmx(memory_units, "zh-Hans", "en"))
        project = Project.at(root)
        start = time.perf_counter()
        project_memory(project, "en").lookup(queries[0], 50, 5)
        before = time.perf_counter() - start
        start = time.perf_counter()
        indexed_memory(project, "en").lookup(queries[0], 50, 5)
        first = time.perf_counter() - start
        warm, warm75 = [], []
        for query in queries:
            start = time.perf_counter()
            indexed_memory(project, "en").lookup(query, 50, 5)  # loaded afresh, as a process does
            warm.append(time.perf_counter() - start)
            start = time.perf_counter()
            indexed_memory(project, "en").lookup(query, 75, 5)  # the project's fuzzy threshold
            warm75.append(time.perf_counter() - start)
        size = sum(f.stat().st_size for f in index_root(project, "en").rglob("*") if f.is_file())
        cli = _process_seconds([sys.executable, "-m", "pipeline.cli", "memory", "lookup",
                                queries[1]], root)
        floor = _process_seconds([sys.executable, "-c", "import pipeline.cli"], root)
    warm_ms = statistics.median(warm) * 1000
    print(f"memory lookup --threshold 50 (the CLI default), {units:,} TMX units, CLI path: "
          f"index loaded {warm_ms:.1f} ms median "
          f"(max {max(warm) * 1000:.1f}; goal < 50 ms); previous version (read and index "
          f"every call) {before * 1000:.0f} ms; ratio {warm_ms / (before * 1000):.4f}")
    print(f"  at the default fuzzy_threshold (75%): {statistics.median(warm75) * 1000:.1f} ms "
          "median")
    print(f"  first lookup after a change (build + save the index): {first:.2f} s; "
          f"index {size / 1e6:.1f} MB")
    print(f"  whole process `bilingual memory lookup`: {cli * 1000:.0f} ms; interpreter + "
          f"import floor {floor * 1000:.0f} ms")


_BUILD = ("import resource, sys; from pathlib import Path; from pipeline.project import "
          "Project; from pipeline.memory.store import indexed_memory; "
          "indexed_memory(Project.at(Path(sys.argv[1])), 'en'); "
          "u = resource.getrusage(resource.RUSAGE_SELF); print(u.ru_utime + u.ru_stime)")


def _build_cpu(root: Path) -> float:
    """CPU seconds of a process that builds the index (the machine may be shared:
    CPU time, not wall time, is what the code costs)."""
    shutil.rmtree(index_root(Project.at(root), "en"), ignore_errors=True)
    done = subprocess.run([sys.executable, "-c", _BUILD, str(root)], capture_output=True,
                          text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return float(done.stdout.split()[-1])


def real_units(count: int, rng: random.Random, start: int = 0) -> list[MemoryUnit]:
    """Units shaped like a real memory: the real article's paragraphs, perturbed, each
    with its real English (several sentences, names: what alignment works on)."""
    pairs = real_pairs()
    pool = "".join(sorted({c for s, _ in pairs for c in s}))
    return [MemoryUnit(perturb(source, rng, pool), target, "memory/big.tmx")
            for source, target in (rng.choice(pairs) for _ in range(start, start + count))]


def bench_rebuild(units: int, rng: random.Random, runs: int = 3) -> None:
    """The index rebuilt after a TMX file changes (1% of its units new), with the
    sentence pairs of the units seen before kept (pipeline.memory.pair_cache)
    against the same rebuild without them (every unit aligned, as before)."""
    memory_units = real_units(units, rng)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        (root / "content").mkdir(parents=True)
        (root / "locales/en/LC_MESSAGES").mkdir(parents=True)
        (root / "memory").mkdir()
        tmx = root / "memory" / "big.tmx"
        tmx.write_bytes(write_tmx(memory_units, "zh-Hans", "en"))
        cold = _build_cpu(root)
        kept, fresh = [], []
        pairs = root / ".bilingual/cache/memory-pairs/en.bin"
        for _ in range(runs):
            memory_units += real_units(max(1, units // 100), rng)
            tmx.write_bytes(write_tmx(memory_units, "zh-Hans", "en"))
            kept.append(_build_cpu(root))
            saved = pairs.read_bytes()
            pairs.unlink()
            fresh.append(_build_cpu(root))
            pairs.write_bytes(saved)
        size = sum(f.stat().st_size for f in index_root(Project.at(root), "en").rglob("*")
                   if f.is_file())
    ours, before = statistics.median(kept), statistics.median(fresh)
    print(f"index rebuild after a TMX change, {units:,} units (+1% new), CPU seconds of "
          f"the process, median of {runs}: {ours:.1f} s with the kept sentence pairs, "
          f"{before:.1f} s aligning every unit; ratio {ours / before:.3f} "
          f"(first build of the file: {cold:.1f} s; index {size / 1e6:.1f} MB)")


def bench_partial(units: int, rng: random.Random) -> None:
    """The partial-match scan (a phrase held inside longer units) over an index on
    disk, as the workbench's TMX layer and `memory lookup` read it: the units the
    character pre-filter keeps against every unit."""
    from pipeline.memory.partial import partial_matches
    from pipeline.memory.store import StoredMemory, save_index
    texts = make_texts(units, rng)
    memory_units = [MemoryUnit(t, f"target {i}", "memory/big.tmx") for i, t in enumerate(texts)]
    queries = []
    for text in rng.sample(texts, 20):
        size = rng.randint(6, max(6, min(30, len(text) - 1)))
        start = rng.randrange(max(1, len(text) - size))
        queries.append(text[start:start + size])
    with tempfile.TemporaryDirectory() as tmp:
        save_index(TranslationMemory(memory_units), Path(tmp) / "index")
        memory = StoredMemory(Path(tmp) / "index")
        for share in (75.0, 50.0):
            full, ours = [], []
            for query in queries:
                start = time.perf_counter()
                want = partial_matches(query, memory.units, share, 3)
                full.append(time.perf_counter() - start)
                start = time.perf_counter()
                got = partial_matches(query, memory.partial_pool(query, share), share, 3)
                ours.append(time.perf_counter() - start)
                assert got == want, query
            a, b = statistics.median(ours) * 1000, statistics.median(full) * 1000
            print(f"partial matches at {share:.0f}%, {units:,} units on disk, median of "
                  f"{len(queries)} phrases: {a:.1f} ms with the pre-filter, {b:.0f} ms "
                  f"scanning every unit; ratio {a / b:.3f} (same matches)")


def bench_serve_lookup(units: int, rng: random.Random) -> None:
    import warnings

    from pipeline.serve import create_app
    from pipeline.source import read_article
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    texts = make_texts(units, rng)
    memory_units = [MemoryUnit(t, f"target {i}", "memory/big.tmx") for i, t in enumerate(texts)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        for name in ("content", "glossary", "locales"):
            shutil.copytree(ROOT / name, root / name)
        (root / "memory").mkdir()
        (root / "memory" / "big.tmx").write_bytes(write_tmx(memory_units, "zh-Hans", "en"))
        project = Project.at(root)
        token = "bench-token-0123456789abcdefghijklmnopqrstu"
        api = TestClient(create_app(project, token=token, port=8765),
                         base_url="http://127.0.0.1:8765")
        ids = [s.id for s in read_article(project.source_path("shangdang")).segments]
        rng.shuffle(ids)

        def ask(segment: str) -> float:
            start = time.perf_counter()
            reply = api.get(f"/api/articles/shangdang/en/memory?segment={segment}")
            assert reply.status_code == 200, reply.text
            return time.perf_counter() - start

        first = ask(ids[0])
        warm = [ask(i) for i in ids[1:21]]
        catalog = project.catalog_path("shangdang", "en")
        after_save = []
        for segment in ids[21:24]:
            os.utime(catalog, ns=(time.time_ns(), time.time_ns()))  # a save: new mtime
            after_save.append(ask(segment))
    print(f"workbench memory panel, real project + {units:,} TMX units: first request "
          f"{first * 1000:.0f} ms; next requests {statistics.median(warm) * 1000:.1f} ms "
          f"median (max {max(warm) * 1000:.1f}; goal < 50 ms); first request after a "
          f"catalog save {statistics.median(after_save) * 1000:.0f} ms median")


# Each --only choice and its bench, in the order a whole run takes them.
BENCHES: dict[str, Callable[[argparse.Namespace, random.Random], None]] = {
    "lookup": lambda args, rng: bench_lookup(args.units, rng),
    "update": lambda args, rng: bench_update(args.articles, rng),
    "cli": lambda args, rng: bench_cli_lookup(args.units, rng),
    "rebuild": lambda args, rng: bench_rebuild(args.units, rng),
    "partial": lambda args, rng: bench_partial(args.units, rng),
    "serve": lambda args, rng: bench_serve_lookup(args.units, rng),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--only", choices=tuple(BENCHES))
    args = parser.parse_args()
    rng = random.Random(12)
    for name, bench in BENCHES.items():
        if args.only in (None, name):
            bench(args, rng)


if __name__ == "__main__":
    main()
