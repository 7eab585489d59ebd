"""The `bilingual` command line: argparse in front of one module per command
(the table of commands is commands/registry.py)."""

from __future__ import annotations

import argparse
import functools
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .commands.registry import BY_NAME, COMMANDS, CommandEntry, load
from .errors import PipelineError
from .project import Project

EXIT_USAGE = 2


@functools.cache  # one build per process: argparse asks gettext for every help string
def _parser(chosen: CommandEntry | None = None) -> argparse.ArgumentParser:
    """Every command listed (for `bilingual -h`); only the chosen one with its flags."""
    # No abbreviated flags: `--draft` for `--drafts` would work today and silently mean
    # another flag the day one is added that shares the prefix; scripts must say it whole.
    parser = argparse.ArgumentParser(
        prog="bilingual", allow_abbrev=False,
        description="Chinese-to-English bilingual publishing: import, extract, update, "
                    "check and build articles through gettext catalogs.")
    parser.add_argument("--version", action="version", version=f"bilingual {__version__}")
    parser.add_argument("-C", "--project", type=Path, default=None,
                        help="project root (default: the nearest directory with content/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for entry in COMMANDS:
        if entry is chosen:
            command = load(entry)
            command.configure(sub.add_parser(entry.name, help=entry.help, allow_abbrev=False,
                                             description=command.description or entry.help))
        else:  # its flags (and -h) are left for the second parse
            sub.add_parser(entry.name, help=entry.help, add_help=False, allow_abbrev=False)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    # Two parses: the first finds the command, the second reads its flags, so only
    # the chosen command's module is imported.
    first, _ = _parser().parse_known_args(argv)
    entry = BY_NAME[first.command]
    args = _parser(entry).parse_args(argv)
    return load(entry).invoke(
        args, lambda: Project.at(args.project) if args.project else Project.find())


def main(argv: Sequence[str] | None = None) -> int:
    # pipeline.leftovers reports removed leftover temp files as warnings: one line each.
    logging.basicConfig(format="%(message)s", level=logging.WARNING, stream=sys.stderr)
    try:
        return run(argv)
    except PipelineError as exc:
        print(f"bilingual: {exc}" if exc.path is None else str(exc), file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        name = f"{exc.filename}: " if exc.filename else ""
        print(f"{name}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
