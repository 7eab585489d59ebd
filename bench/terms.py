"""Term mining measured against the real glossary: precision and recall on the articles.

Run with an empty glossary; the reference is the real glossary's terms that occur
at least twice in the articles (its "recurring" terms).

    python bench/terms.py [--article SLUG]
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
    args = parser.parse_args()
    project = Project.at(Path(__file__).resolve().parent.parent)
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


if __name__ == "__main__":
    main()
