"""A new bilingual project on disk: the layout `bilingual init` creates.

`scaffold_files` is pure (what to write); `create_project` writes it, refusing
to touch a directory that already holds a project so nothing is overwritten.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_write_text
from .ci_config import (
    PRE_COMMIT_CONFIG,
    PRE_COMMIT_PATH,
    REQUIREMENTS_PATH,
    WORKFLOW,
    WORKFLOW_PATH,
    requirements_text,
)
from .config import CONFIG_NAME, DEFAULT_CONFIG_TEXT
from .errors import PipelineError
from .glossary.load import COLUMNS
from .project import is_project_root

DIRECTORIES = ("content", "locales", "glossary")
GITIGNORE = """\
# Written by `bilingual build` and the caches; rebuilt from the sources.
build/
.bilingual/
*.mo
"""


@dataclass(frozen=True)
class ScaffoldFile:
    relative: str
    text: str


def _toml_string(value: str) -> str:
    """A TOML basic string's content (the template puts it between double quotes)."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


def glossary_header() -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(COLUMNS)
    return buffer.getvalue()


def scaffold_files(name: str, ci: bool = True,
                   requirement: str | None = None) -> list[ScaffoldFile]:
    """What a new project holds; `ci`: also the pre-commit and GitHub Actions
    configuration, CI installing bilingual as `requirement` says."""
    if any(ord(char) < 0x20 for char in name):
        raise PipelineError("the publication name must be one line of text")
    files = [
        ScaffoldFile(CONFIG_NAME, DEFAULT_CONFIG_TEXT.format(name=_toml_string(name))),
        ScaffoldFile("glossary/terms.csv", glossary_header()),
        ScaffoldFile(".gitignore", GITIGNORE),
    ]
    if ci:
        files += [ScaffoldFile(PRE_COMMIT_PATH, PRE_COMMIT_CONFIG),
                  ScaffoldFile(WORKFLOW_PATH, WORKFLOW),
                  ScaffoldFile(REQUIREMENTS_PATH, requirements_text(requirement))]
    return files


def create_project(root: Path, name: str, ci: bool = True,
                   requirement: str | None = None) -> list[Path]:
    """Create the project at `root` (made if missing); the paths written, in order."""
    if root.exists() and not root.is_dir():
        raise PipelineError("exists and is not a directory", root)
    if is_project_root(root):
        raise PipelineError("already a bilingual project (it has bilingual.toml or content/); "
                            "not overwriting it", root)
    files = scaffold_files(name, ci, requirement)
    clashes = [f.relative for f in files if (root / f.relative).exists()]
    if clashes:
        raise PipelineError(f"would overwrite {', '.join(clashes)}; move them away first", root)
    written: list[Path] = []
    for directory in DIRECTORIES:
        path = root / directory
        path.mkdir(parents=True, exist_ok=True)
        written.append(path)
    for file in files:
        path = root / file.relative
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, file.text)
        written.append(path)
    return written
