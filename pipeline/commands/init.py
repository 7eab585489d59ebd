"""`bilingual init [DIR] [--name NAME]`: start a new publication."""

from __future__ import annotations

from pathlib import Path

from ..errors import display_path
from ..scaffold import create_project
from .common import say


def init_command(directory: Path, name: str) -> int:
    written = create_project(directory, name)
    for path in written:
        say(f"created {display_path(path)}{'/' if path.is_dir() else ''}")
    say("next: bilingual import ARTICLE.txt --slug SLUG   (run inside the project)")
    return 0
