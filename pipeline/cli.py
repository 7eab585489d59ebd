"""The `bilingual` command line: argparse in front of one module per command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import PipelineError
from .project import Project

EXIT_USAGE = 2


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 <= value <= 100:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text} is not a percentage between 0 and 100")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bilingual",
        description="Chinese-to-English bilingual publishing: import, extract, update, "
                    "check and build articles through gettext catalogs.")
    parser.add_argument("--version", action="version", version=f"bilingual {__version__}")
    parser.add_argument("-C", "--project", type=Path, default=None,
                        help="project root (default: the nearest directory with content/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def scoped(name: str, help_text: str, locale: bool = True) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument("--article", metavar="SLUG", help="only this article (default: all)")
        if locale:
            cmd.add_argument("--locale", metavar="L", help="only this locale (default: all)")
        return cmd

    imp = sub.add_parser("import", help="turn a raw PDF text extraction into content/SLUG.md",
                         description="Turn a raw text extraction into Markdown for review; "
                                     "reports every change and flags what needs an editor.")
    imp.add_argument("raw", type=Path, metavar="RAW")
    imp.add_argument("--slug", required=True)
    imp.add_argument("--force", action="store_true", help="overwrite an existing content/SLUG.md")
    imp.add_argument("--dry-run", action="store_true", help="print the Markdown, write nothing")

    ext = scoped("extract", "write the translation templates locales/SLUG.pot", locale=False)
    upd = scoped("update", "merge templates into locales/L/LC_MESSAGES/SLUG.po")
    for cmd in (ext, upd):
        cmd.add_argument("--no-cache", action="store_true",
                         help="ignore .bilingual/cache (re-format every catalog)")
    upd.add_argument("--create", action="store_true", help="start the catalog for a new --locale")

    bld = scoped("build", "write bilingual and English editions to build/")
    bld.add_argument("--min-complete", type=_percent, metavar="PCT",
                     help="skip catalogs translated below PCT percent (by source characters)")
    bld.add_argument("--md-style", choices=("interleaved", "table"), default="interleaved",
                     help="bilingual Markdown layout (default: interleaved)")

    st = scoped("status", "translation progress per article and locale")
    st.add_argument("--json", action="store_true")

    chk = scoped("check", "the glossary and translation gate (exit 1 on errors)")
    chk.add_argument("--format", choices=("text", "json", "github"), default="text",
                     help="output format (github: workflow annotations)")
    chk.add_argument("--strict", action="store_true",
                     help="untranslated, fuzzy, obsolete and stale entries are errors")
    chk.add_argument("--no-cache", action="store_true",
                     help="ignore .bilingual/cache (ask langdetect afresh)")

    srv = sub.add_parser("serve", help="the translation workbench in the browser",
                         description="Start the local translation workbench and print its URL.")
    srv.add_argument("--host", default="127.0.0.1",
                     help="interface to listen on (default: 127.0.0.1, loopback only)")
    srv.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    srv.add_argument("--translator", metavar="'NAME <EMAIL>'",
                     help="Last-Translator for saved catalogs (default: $BILINGUAL_TRANSLATOR)")

    fmt = sub.add_parser("fmt", help="rewrite .po files in GNU canonical form (as msgcat)",
                         description="Rewrite .po/.pot files exactly as GNU msgcat would "
                                     "write them; --check only lists the ones that differ.")
    fmt.add_argument("files", nargs="+", type=Path, metavar="FILE")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if any differ")
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "fmt":  # works on any .po file, inside a project or not
        from .commands.fmt import fmt_command
        return fmt_command(args.files, args.check)
    project = Project.at(args.project) if args.project else Project.find()
    if args.command == "import":
        from .commands.import_raw import import_command
        return import_command(project, args.raw, args.slug, args.force, args.dry_run)
    if args.command == "extract":
        from .commands.extract import extract
        return extract(project, args.article, use_cache=not args.no_cache)
    if args.command == "update":
        from .commands.update import update
        return update(project, args.article, args.locale, create=args.create,
                      use_cache=not args.no_cache)
    if args.command == "build":
        from .commands.build import build
        return build(project, args.article, args.locale, args.min_complete, args.md_style)
    if args.command == "status":
        from .commands.status import status
        return status(project, args.article, args.locale, as_json=args.json)
    if args.command == "check":
        from .commands.check import check
        return check(project, args.article, args.locale, args.format, args.strict,
                     use_cache=not args.no_cache)
    if args.command == "serve":
        from .commands.serve import serve
        return serve(project, args.host, args.port, args.translator)
    raise AssertionError(args.command)


def main(argv: Sequence[str] | None = None) -> int:
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
