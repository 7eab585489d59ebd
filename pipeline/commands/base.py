"""What a command is: its options record, the flags that fill it and the function that
runs it, so the CLI adds and runs every command the same way (commands/registry.py).

A `Command[Options]` is declared at the end of its module as `COMMAND = Command(...)`:
`arguments(parser)` adds its flags, `options_from(Options, args)` turns what argparse
parsed into the frozen options record, and `run(project, options)` does the work. A
`CommandGroup` holds the sub-actions of one command (`memory export|import|lookup`).
The shared flags (`--article`/`--locale`, `--no-cache`, `--jobs`, `--format`) are
spelt once here.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from ..project import Project

Options = TypeVar("Options")
FindProject = Callable[[], Project]


def options_from(options: type[Options], args: argparse.Namespace) -> Options:
    """The options record from the parsed arguments: each field from the argument of
    its name (a field without one keeps its default), lists as tuples, and strings as
    the enum the field is typed with."""
    hints = typing.get_type_hints(options)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(options):  # type: ignore[arg-type]
        if not hasattr(args, field.name):
            continue
        value = getattr(args, field.name)
        kind = hints[field.name]
        if isinstance(value, list):
            value = tuple(value)
        elif isinstance(value, str) and isinstance(kind, type) and issubclass(kind, enum.Enum):
            value = kind(value)
        values[field.name] = value
    return options(**values)


class Runnable(Protocol):
    """A command or a group of sub-actions, as the CLI sees it."""

    description: str | None

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def invoke(self, args: argparse.Namespace, find_project: FindProject) -> int: ...


@dataclass(frozen=True)
class Command(Generic[Options]):
    """One command: `run(project, options)`, or `alone(options)` for what needs no
    project (fmt, init, check --list-rules), which answers None when it does after all."""

    options: type[Options]
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Project, Options], int] | None = None
    alone: Callable[[Options], int | None] | None = None
    description: str | None = None  # the command's -h text; None: its help line

    def configure(self, parser: argparse.ArgumentParser) -> None:
        self.arguments(parser)

    def invoke(self, args: argparse.Namespace, find_project: FindProject) -> int:
        options = options_from(self.options, args)
        if self.alone is not None:
            done = self.alone(options)
            if done is not None:
                return done
        assert self.run is not None, self.options
        return self.run(find_project(), options)


@dataclass(frozen=True)
class Action:
    """One sub-action of a CommandGroup: its help line and its command."""

    help: str
    command: Command[Any]


@dataclass(frozen=True)
class CommandGroup:
    """A command with sub-actions (`bilingual memory export`): ACTION picks one."""

    actions: Mapping[str, Action]
    description: str | None = None

    def configure(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        for name, action in self.actions.items():
            action.command.configure(sub.add_parser(name, help=action.help))

    def invoke(self, args: argparse.Namespace, find_project: FindProject) -> int:
        return self.actions[args.action].command.invoke(args, find_project)


# Argument types: a clear one-line error from argparse for a bad value.

_Number = TypeVar("_Number", int, float)


def _read(convert: Callable[[str], _Number], text: str, kind: str) -> _Number:
    """`text` as a number, or argparse's one-line error saying it is not `kind`."""
    try:
        return convert(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not {kind}") from None


def whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (no upper bound: None)."""
    def parse(text: str) -> int:
        value = _read(int, text, "a whole number")
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
            raise argparse.ArgumentTypeError(f"{text} is not a number {bounds}")
        return value
    return parse


def percent(text: str) -> float:
    value = _read(float, text, "a number")
    if not 0 <= value <= 100:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text} is not a percentage between 0 and 100")
    return value


def _jobs(text: str) -> int:
    value = _read(int, text, "a whole number")
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: at least 1 job")
    return value


# The flags several commands share, spelt once.

def add_scope(parser: argparse.ArgumentParser, locale: bool = True) -> None:
    """`--article SLUG` and `--locale L` (fields `article`, `locale`)."""
    parser.add_argument("--article", metavar="SLUG", help="only this article (default: all)")
    if locale:
        parser.add_argument("--locale", metavar="L", help="only this locale (default: all)")


def add_no_cache(parser: argparse.ArgumentParser,
                 help: str = "ignore .bilingual/cache (every article afresh)") -> None:
    """`--no-cache` (field `use_cache`)."""
    parser.add_argument("--no-cache", dest="use_cache", action="store_false", help=help)


def add_jobs(parser: argparse.ArgumentParser) -> None:
    """`-j/--jobs N` (field `jobs`; None: one per core)."""
    parser.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                        help="N articles at a time (default: one per core)")


def add_format(parser: argparse.ArgumentParser, formats: Iterable[str], help: str,
               alias: str | None = None) -> None:
    """`--format` (field `format`) from the formats the output module knows, the first
    the default; `alias` is an older spelling (`--json`) kept working, unlisted."""
    choices = tuple(formats)
    parser.add_argument("--format", choices=choices, default=choices[0], help=help)
    if alias is not None:
        parser.add_argument(f"--{alias}", dest="format", action="store_const", const=alias,
                            help=argparse.SUPPRESS)


def values(kind: type[enum.Enum]) -> tuple[str, ...]:
    """An enum's values, as argparse choices (options_from turns them back)."""
    return tuple(str(member.value) for member in kind)
