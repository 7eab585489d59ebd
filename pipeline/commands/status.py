"""`bilingual status`: translated / fuzzy / untranslated per article and locale."""

from __future__ import annotations

import json
from typing import Any

from ..catalog.pofile import read_catalog
from ..catalog.review import review_of
from ..catalog.stats import Status, index_catalog, progress
from ..project import Project
from ..source import load_article
from .common import say


def status(project: Project, article: str | None = None, locale: str | None = None,
           as_json: bool = False) -> int:
    rows: list[dict[str, Any]] = []
    locales = project.locales(locale)  # once: locales/ holds a .pot per article
    for slug in project.articles(article):
        art = load_article(project, slug)
        for loc in locales:
            path = project.catalog_path(slug, loc)
            po = read_catalog(path).po if path.exists() else None
            done = progress(art, po)
            entries = index_catalog(po) if po is not None else {}
            reviewed = sum(1 for s in art.segments if review_of(entries.get(s.text)))
            rows.append({
                "article": slug, "locale": loc, "catalog": po is not None,
                "percent": round(done.percent, 1),
                "segments": {s.value: n for s, n in done.segments.items()},
                "chars": {s.value: n for s, n in done.chars.items()},
                "total_segments": done.total_segments, "total_chars": done.total_chars,
                "reviewed": reviewed,  # of the translated segments (catalog/review.py)
            })
    if as_json:
        say(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    header = (f"{'article':<20} {'locale':<7} {'done':>6}  {'translated':>16}  {'fuzzy':>12}  "
              f"{'untranslated':>14}  {'reviewed':>8}")
    say(header)
    for row in rows:
        seg, chars = row["segments"], row["chars"]
        cells = [f"{seg[s.value]} ({chars[s.value]} ch)" for s in Status]
        if not row["catalog"]:
            say(f"{row['article']:<20} {row['locale']:<7} no catalog yet "
                f"(`bilingual update --locale {row['locale']}`)")
            continue
        say(f"{row['article']:<20} {row['locale']:<7} {row['percent']:>5.1f}%  {cells[0]:>16}  "
            f"{cells[1]:>12}  {cells[2]:>14}  {row['reviewed']:>8}")
    if not rows:
        say("(no catalogs yet: `bilingual update --locale en --create` starts one)")
    return 0
