"""Where `bilingual check`'s CPU goes: each per-entry rule's time per entry, and reading.

    python bench/check_rules_cost.py CORPUS [--articles 50] [--rounds 3]

CORPUS is a project folder (e.g. one made by `python bench/check_speed.py --keep
DIR`, bench/varied.py). In this one process, with one core: the source parse and
the catalog parse per article, then every per-entry rule function (the registry's
`Rule.check`) over every translated entry of the first N articles, each rule
timed alone over all entries, ROUNDS times with the rules' text caches emptied
before each (the median is printed: what a worker pays for text it has not seen).
Shares of the total say what is worth making faster.
"""

from __future__ import annotations

import argparse
import functools
import gc
import statistics
import time
from pathlib import Path

from pipeline.catalog.pofile import parse_catalog
from pipeline.checks.rules.base import EntryContext
from pipeline.checks.runner import CatalogInput, entry_checks, entry_views
from pipeline.glossary import load_glossary
from pipeline.project import Project
from pipeline.source import article_path, parse_article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    project = Project(args.corpus)
    slugs = project.articles()[:args.articles]
    costs: dict[str, list[float]] = {"read: source parse": [], "read: catalog parse": []}
    views = []
    for round_ in range(args.rounds):
        for name, parse in (("read: source parse", _sources), ("read: catalog parse", _catalogs)):
            start = time.process_time()
            got = parse(project, slugs)
            costs[name].append(time.process_time() - start)
            if round_ == 0 and name == "read: catalog parse":
                views = [v for c in got for v in entry_views(c, str) if v.translated]
    ctx = EntryContext.of(load_glossary(project.glossary_dir), project.config.style)
    for check, codes in entry_checks():
        name = f"{'/'.join(sorted(codes))} ({check.__module__.rsplit('.', 1)[-1]})"
        for _ in range(args.rounds):
            _forget_texts()
            start = time.process_time()
            for view in views:
                check(view, ctx)
            costs.setdefault(name, []).append(time.process_time() - start)
    medians = {name: statistics.median(times) for name, times in costs.items()}
    total = sum(medians.values())
    print(f"{len(slugs)} articles, {len(views)} translated entries, median of {args.rounds} rounds")
    for name, seconds in sorted(medians.items(), key=lambda item: -item[1]):
        print(f"  {name:<42} {1000 * seconds / len(views):7.3f} ms/entry  "
              f"{100 * seconds / total:5.1f}%")
    return 0


def _forget_texts() -> None:
    """Empty every text cache (lru_cache with room for many texts); tables loaded once
    (maxsize 1 to 8, or unbounded: a dictionary, a parser) are kept, as a worker keeps them."""
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper):
            size = obj.cache_info().maxsize
            if size is not None and size > 8:
                obj.cache_clear()


def _sources(project: Project, slugs: list[str]) -> list[object]:
    paths = [article_path(project, s) for s in slugs]
    return [parse_article(p.read_text(encoding="utf-8"), p) for p in paths]


def _catalogs(project: Project, slugs: list[str]) -> list[CatalogInput]:
    out = []
    for slug in slugs:
        path = project.catalog_path(slug, "en")
        out.append(CatalogInput(slug, "en", str(path), parse_catalog(path.read_bytes(), path).po))
    return out


if __name__ == "__main__":
    raise SystemExit(main())
