"""Term mining measured against the real glossary: precision and recall on the articles.

Run with an empty glossary; the reference is the real glossary's terms that occur
at least twice in the articles (its "recurring" terms). Precision counts a
candidate right when the glossary has it; recall is over the recurring terms.

    python bench/terms.py [--article SLUG] [--project DIR] [--show]

Goal (issue #31): >= 80% precision and >= 70% recall on this repository's
Shangdang glossary (82% / 79% on 2026-12-07). Tuned on that one; the second check, never looked at while
tuning, is ../shared/corpora/check-dev/mag-correct (its glossary against its two
articles), measured when present:

    python bench/terms.py --project ../shared/corpora/check-dev/mag-correct
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.glossary import Glossary, load_glossary
from pipeline.glossary.candidates import Passage, mine_terms
from pipeline.project import Project
from pipeline.source import read_article


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--article")
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--show", action="store_true", help="list the wrong candidates too")
    args = parser.parse_args()
    project = Project.at(args.project)
    passages = [Passage(slug, s.line_start, s.text) for slug in project.articles(args.article)
                for s in read_article(project.source_path(slug)).segments]
    text = "\n".join(p.text for p in passages)
    glossary = load_glossary(project.glossary_dir)
    recurring = {t.term for t in glossary.terms if text.count(t.term) >= 2}
    known = {t.term for t in glossary.terms}
    candidates = mine_terms(passages, Glossary(()))
    proposed = {c.term for c in candidates}
    hits = proposed & known
    print(f"candidates: {len(proposed)}; in the glossary: {len(hits)} "
          f"(precision {len(hits) / max(len(proposed), 1):.0%})")
    print(f"glossary terms recurring in the text: {len(recurring)}; proposed: "
          f"{len(recurring & proposed)} (recall {len(recurring & proposed) / max(len(recurring), 1):.0%})")
    print("missed:", " ".join(sorted(recurring - proposed)))
    if args.show:
        print("not in the glossary:", " ".join(c.term for c in candidates if c.term not in known))


if __name__ == "__main__":
    main()
