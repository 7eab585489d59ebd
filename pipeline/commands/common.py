"""Shared helpers for commands: the project's glossary, and how commands report."""

from __future__ import annotations

import sys
from pathlib import Path

from ..glossary import Glossary, load_glossary


def project_glossary(glossary_dir: Path) -> Glossary:
    if not glossary_dir.is_dir():
        return Glossary(())
    return load_glossary(glossary_dir)


def say(message: str) -> None:
    print(message, file=sys.stdout)


def warn(message: str) -> None:
    print(message, file=sys.stderr)
