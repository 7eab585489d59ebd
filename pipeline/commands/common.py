"""Shared helpers for commands: the project's glossary, and how commands report
(`say`, `warn`, and a `Message` kept to be printed later, in article order)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..glossary import Glossary, load_glossary


def project_glossary(glossary_dir: Path) -> Glossary:
    if not glossary_dir.is_dir():
        return Glossary(())
    return load_glossary(glossary_dir)


def say(message: str) -> None:
    print(message, file=sys.stdout)


def warn(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass(frozen=True)
class Message:
    """A line a worker hands back for the command to print in article order: a
    warning goes to stderr (and is printed even when quiet)."""

    text: str
    warning: bool = False

    def show(self, quiet: bool = False) -> None:
        if self.warning:
            warn(self.text)
        elif not quiet:
            say(self.text)

    def to_json(self) -> list[Any]:
        return [self.warning, self.text]

    @classmethod
    def from_json(cls, row: list[Any]) -> Message:
        warning, text = row
        return cls(str(text), bool(warning))
