"""Shared helpers for commands: loading the project's glossary and articles once."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import PipelineError
from ..glossary import Glossary, load_glossary
from ..model import Article
from ..project import Project
from ..source import read_article


def project_glossary(glossary_dir: Path) -> Glossary:
    if not glossary_dir.is_dir():
        return Glossary(())
    return load_glossary(glossary_dir)


def load_article(project: Project, slug: str) -> Article:
    path = project.source_path(slug)
    if not path.resolve().is_relative_to(project.root.resolve()):
        # A symlink out of the project would publish (or leak) any file it names.
        raise PipelineError("article source is a link to a file outside the project; "
                            "copy the file into content/ instead", path)
    return read_article(path)


def say(message: str) -> None:
    print(message, file=sys.stdout)


def warn(message: str) -> None:
    print(message, file=sys.stderr)
