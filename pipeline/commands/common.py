"""Shared helpers for commands: loading the project's glossary and articles once."""

from __future__ import annotations

import sys
from pathlib import Path

from ..glossary import Glossary, load_glossary
from ..model import Article
from ..project import Project
from ..source import read_article


def project_glossary(glossary_dir: Path) -> Glossary:
    if not glossary_dir.is_dir():
        return Glossary(())
    return load_glossary(glossary_dir)


def load_article(project: Project, slug: str) -> Article:
    return read_article(project.source_path(slug))


def say(message: str) -> None:
    print(message, file=sys.stdout)


def warn(message: str) -> None:
    print(message, file=sys.stderr)
