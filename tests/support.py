"""Helpers for building small throwaway projects in tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import polib

REPO = Path(__file__).resolve().parent.parent

GLOSSARY_HEADER = "term,english,variants,forbidden,type,pinyin,note\n"

# ../shared/corpora beside the checkout (CI), or beside the directory of worktrees;
# $BILINGUAL_CORPORA overrides both.
CORPORA = Path(os.environ["BILINGUAL_CORPORA"]) if os.environ.get("BILINGUAL_CORPORA") else \
    next((base / "shared" / "corpora" for base in REPO.parents
          if (base / "shared" / "corpora").is_dir()), REPO.parent / "shared" / "corpora")


def make_project(root: Path, articles: dict[str, str], glossary: str | None = None) -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "locales").mkdir(exist_ok=True)
    for slug, text in articles.items():
        (root / "content" / f"{slug}.md").write_text(text, encoding="utf-8")
    if glossary is not None:
        (root / "glossary").mkdir(exist_ok=True)
        (root / "glossary" / "terms.csv").write_text(GLOSSARY_HEADER + glossary, encoding="utf-8")
    return root


def copy_real_project(root: Path) -> Path:
    """The real article, glossary and catalogs, in a scratch directory."""
    for name in ("content", "glossary", "locales"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, root / name)
    return root


def po_entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}


def translate(path: Path, translations: dict[str, str], fuzzy: bool = False) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if fuzzy and "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
    po.save()


def record_errors(page: Any, errors: list[str]) -> None:
    """Put a browser page's console errors and uncaught exceptions in `errors`."""
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
