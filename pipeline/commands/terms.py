"""`bilingual terms`: candidate glossary terms found in the articles."""

from __future__ import annotations

import csv
import sys

from ..glossary.candidates import Passage, mine_terms
from ..glossary.load import COLUMNS
from ..project import Project
from ..source import load_article
from .common import project_glossary, say


def terms_command(project: Project, article: str | None, as_csv: bool, limit: int) -> int:
    passages = [Passage(slug, segment.line_start, segment.text, project.source_ref(slug))
                for slug in project.articles(article)
                for segment in load_article(project, slug).segments]
    candidates = mine_terms(passages, project_glossary(project.glossary_dir), limit=limit)
    if as_csv:  # rows ready to fill in: english and type left for the terminologist
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        for cand in candidates:
            row = {"term": cand.term, "note": f"{cand.evidence.value}; {cand.frequency}× in "
                   f"{', '.join(sorted(cand.articles))}; e.g. {cand.where}: {cand.context}"}
            writer.writerow([row.get(column, "") for column in COLUMNS])
        return 0
    for cand in candidates:
        say(f"{cand.term}\t{cand.evidence.value}\t{cand.frequency}\t"
            f"{','.join(sorted(cand.articles))}\t{cand.where}: {cand.context}")
    if not candidates:
        say("no candidate terms")
    return 0
