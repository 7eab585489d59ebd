"""`bilingual terms`: candidate glossary terms found in the articles."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass

from ..glossary.candidates import Candidate, Passage, mine_terms
from ..glossary.load import COLUMNS
from ..progress import progress
from ..project import Project
from ..source import load_article
from .base import Command, add_format, add_scope, whole
from .common import project_glossary, say

HEADERS = ("term", "evidence", "count", "articles", "example")


def _row(cand: Candidate) -> tuple[str, str, str, str, str]:
    return (cand.term, cand.evidence.value, str(cand.frequency),
            ",".join(sorted(cand.articles)), f"{cand.where}: {cand.context}")


def _table(candidates: list[Candidate]) -> None:
    """Columns padded by display width (a CJK character takes two cells)."""
    from rich.cells import cell_len

    rows = [HEADERS, *(_row(c) for c in candidates)]
    widths = [max(cell_len(r[i]) for r in rows) for i in range(len(HEADERS) - 1)]
    for row in rows:
        say("  ".join(text + " " * (width - cell_len(text))
                      for text, width in zip(row, widths, strict=False)) + "  " + row[-1])


FORMATS = ("text", "csv", "json")  # the first is the default


@dataclass(frozen=True)
class TermsOptions:
    article: str | None = None
    format: str = "text"  # one of FORMATS
    limit: int = 200  # at most this many candidates


def terms_command(project: Project, options: TermsOptions) -> int:
    fmt, limit = options.format, options.limit
    slugs = project.articles(options.article)
    passages = [Passage(slug, segment.line_start, segment.text, project.source_ref(slug))
                for slug in slugs for segment in load_article(project, slug).segments]
    with progress("finding terms", len(passages)) as bar:
        candidates = mine_terms(passages, project_glossary(project.glossary_dir), limit=limit,
                                advance=bar.advance)
    if fmt == "csv":  # rows ready to fill in: english and type left for the terminologist
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        for cand in candidates:
            row = {"term": cand.term, "note": f"{cand.evidence.value}; {cand.frequency}× in "
                   f"{', '.join(sorted(cand.articles))}; e.g. {cand.where}: {cand.context}"}
            writer.writerow([row.get(column, "") for column in COLUMNS])
        return 0
    if fmt == "json":
        json.dump([{"term": c.term, "evidence": c.evidence.value, "count": c.frequency,
                    "articles": sorted(c.articles), "where": c.where, "context": c.context}
                   for c in candidates], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not candidates:
        say("no candidate terms")
        return 0
    _table(candidates)
    say(f"{len(candidates)} candidate(s) from {len(passages)} segment(s) of "
        f"{len(slugs)} article(s); `--format csv` gives rows to paste into the glossary")
    return 0


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_scope(parser, locale=False)
    add_format(parser, FORMATS, "text: a table; csv: rows in the glossary's columns, ready to "
                                "fill in; json: one object per candidate", alias="csv")
    parser.add_argument("--limit", type=whole(1), default=200,
                        help="at most this many (default 200)")


DESCRIPTION = (  # the -h text, and the manual's entry (pipeline/reference.py)
    "Candidate glossary terms found in the articles: words and names that recur and "
    "are not in the glossary yet, with their counts (docs/manual/glossary.md).")
COMMAND = Command(TermsOptions, _arguments, terms_command,
                  description=DESCRIPTION)
