"""The `bilingual` command line: argparse in front of one module per command."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .errors import PipelineError
from .project import Project

EXIT_USAGE = 2


def _whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (no upper bound: None)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
            raise argparse.ArgumentTypeError(f"{text} is not a number {bounds}")
        return value
    return parse


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 <= value <= 100:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text} is not a percentage between 0 and 100")
    return value


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: at least 1 job")
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

    ini = sub.add_parser("init", help="start a new publication in DIR (default: here)",
                         description="Create content/, locales/, glossary/terms.csv, "
                                     ".gitignore, bilingual.toml and the CI configuration "
                                     "(pre-commit, GitHub Actions); never overwrites.")
    ini.add_argument("directory", type=Path, nargs="?", default=Path("."), metavar="DIR")
    ini.add_argument("--name", default="Bilingual editions",
                     help="publication name shown on page titles and the index")
    ini.add_argument("--no-ci", dest="ci", action="store_false",
                     help="no .pre-commit-config.yaml, GitHub workflow or requirements file")
    ini.add_argument("--install-from", metavar="REQUIREMENT",
                     help="the pip requirement CI installs bilingual with "
                          "(default: where this bilingual came from)")

    imp = sub.add_parser("import", help="turn a PDF, .docx, saved web page or raw text into "
                                        "content/SLUG.md",
                         description="Turn a PDF, Word file (.docx), saved web page (news site, "
                                     "WeChat article) or raw text extraction into Markdown for "
                                     "review; reports every change and flags what needs an "
                                     "editor. The kind of file is told by its bytes.")
    imp.add_argument("raw", type=Path, metavar="RAW")
    imp.add_argument("--slug", required=True)
    imp.add_argument("--force", action="store_true", help="overwrite an existing content/SLUG.md")
    imp.add_argument("--dry-run", action="store_true", help="print the Markdown, write nothing")
    imp.add_argument("--encoding", metavar="NAME",
                     help="the raw text's encoding (default: detected; e.g. gb18030, utf-16)")
    imp.add_argument("-v", "--verbose", action="store_true",
                     help="list every change, not one line per kind")

    ext = scoped("extract", "write the translation templates locales/SLUG.pot", locale=False)
    upd = scoped("update", "merge templates into locales/L/LC_MESSAGES/SLUG.po")
    for cmd in (ext, upd):
        cmd.add_argument("--no-cache", action="store_true",
                         help="ignore .bilingual/cache (re-format every catalog)")
    upd.add_argument("--create", action="store_true", help="start the catalog for a new --locale")
    upd.add_argument("--no-memory", action="store_true",
                     help="do not fill new entries from the translation memory")
    upd.add_argument("--purge-obsolete", action="store_true",
                     help="remove obsolete entries (#~) whose source is gone, as "
                          "msgattrib --no-obsolete")
    upd.add_argument("--force", action="store_true",
                     help="write catalogs made read-only too (refused otherwise)")

    bld = scoped("build", "write bilingual and English editions to build/")
    bld.add_argument("--min-complete", type=_percent, metavar="PCT",
                     help="skip catalogs translated below PCT percent (by source characters)")
    bld.add_argument("--drafts", action="store_true",
                     help="publish unfinished translations too (their untranslated passages "
                          "in the original); by default a draft gets only its proof")
    bld.add_argument("--md-style", choices=("interleaved", "table"), default="interleaved",
                     help="bilingual Markdown layout (default: interleaved)")
    bld.add_argument("--no-proof", dest="proof", action="store_false", default=None,
                     help="do not write the editor's proof (SLUG.zh-L.proof.html); "
                          "default: [build] proof in bilingual.toml")

    aln = scoped("align", "the sentence links of every translated entry (derived, never "
                          "stored): side by side with confidences, or as JSON or TMX")
    aln.add_argument("--format", choices=("text", "json", "tmx"), default="text",
                     help="text (default), json (article, line, links) or tmx (sentence units)")

    st = scoped("status", "translation progress per article and locale")
    st.add_argument("--format", choices=("text", "json"), default="text",
                    help="output format (default: text)")
    # One spelling for every command (--format json); --json still works.
    st.add_argument("--json", dest="format", action="store_const", const="json",
                    help=argparse.SUPPRESS)

    chk = scoped("check", "the glossary and translation gate (exit 1 on errors)")
    chk.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text",
                     help="output format (github: workflow annotations; sarif: code scanning)")
    chk.add_argument("--require-reviewed", action="store_true",
                     help="translated entries not yet reviewed are errors (BL307)")
    chk.add_argument("--strict", action="store_true",
                     help="untranslated, fuzzy, obsolete and stale entries are errors, and "
                          "findings on fuzzy drafts keep their severity")
    chk.add_argument("--severity", choices=("error", "warning", "info"), default="info",
                     help="show findings of this severity and above (default: info)")
    chk.add_argument("--rule", action="append", default=[], metavar="CODE",
                     help="only this rule (repeatable)")
    chk.add_argument("--skip", action="append", default=[], metavar="CODE",
                     help="not this rule (repeatable)")
    chk.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    for cmd in (st, chk, bld):
        cmd.add_argument("--no-cache", action="store_true",
                         help="ignore .bilingual/cache (every article afresh)")
    for cmd in (ext, upd, st, chk, bld):
        cmd.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                         help="N articles at a time (default: one per core)")

    srv = sub.add_parser("serve", help="the translation workbench in the browser",
                         description="Start the local translation workbench and print its URL.")
    srv.add_argument("--host", default="127.0.0.1",
                     help="interface to listen on (default: 127.0.0.1, loopback only)")
    srv.add_argument("--port", type=_whole(0, 65535), default=8765,
                     help="port (default: 8765; 0: any free port)")
    srv.add_argument("--translator", metavar="'NAME <EMAIL>'",
                     help="Last-Translator for saved catalogs (default: $BILINGUAL_TRANSLATOR)")

    mem = sub.add_parser("memory", help="the translation memory: TMX export/import, lookup",
                         description="Export the project's translation memory as TMX, "
                                     "import a TMX file into memory/, or look a text up.")
    memsub = mem.add_subparsers(dest="memory_command", required=True, metavar="ACTION")
    mex = memsub.add_parser("export", help="write the memory of one locale as TMX 1.4b")
    mex.add_argument("--locale", metavar="L", help="the target locale (needed if several)")
    mex.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.tmx")
    mim = memsub.add_parser("import", help="add a TMX file to memory/")
    mim.add_argument("file", type=Path, metavar="FILE.tmx")
    mlk = memsub.add_parser("lookup", help="the best matches for a source text")
    mlk.add_argument("text", metavar="TEXT")
    mlk.add_argument("--locale", metavar="L", help="the target locale (needed if several)")
    mlk.add_argument("--limit", type=_whole(1), default=5, help="matches to show (default: 5)")
    mlk.add_argument("--threshold", type=_percent, default=50.0, metavar="PCT",
                     help="lowest score shown (default: 50)")
    mlk.add_argument("--format", choices=("text", "json"), default="text",
                     help="json: one object per match (kind exact, fuzzy or partial)")

    trm = scoped("terms", "candidate glossary terms found in the articles", locale=False)
    trm.add_argument("--format", choices=("text", "csv", "json"), default="text",
                     help="text: a table; csv: rows in the glossary's columns, ready to "
                          "fill in; json: one object per candidate")
    trm.add_argument("--csv", dest="format", action="store_const", const="csv",
                     help=argparse.SUPPRESS)
    trm.add_argument("--limit", type=_whole(1), default=200, help="at most this many (default 200)")

    glo = sub.add_parser("glossary", help="the glossary as TBX or CSV: export and import",
                         description="Exchange the glossary with other tools as TBX-Basic "
                                     "(v3 or v2) or CSV with their column names.")
    glosub = glo.add_subparsers(dest="glossary_command", required=True, metavar="ACTION")
    gex = glosub.add_parser("export", help="write glossary/*.csv as one TBX (or .csv) file")
    gex.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.tbx")
    gex.add_argument("--locale", default="en", metavar="L", help="target language (default en)")
    gex.add_argument("--tbx-version", choices=("3", "2"), default="3",
                     help="TBX v3 (ISO 30042:2019, default) or v2 (TBX-Basic 2008 martif)")
    gex.add_argument("--no-forbidden", dest="forbidden", action="store_false",
                     help="leave the forbidden renderings out")
    gim = glosub.add_parser("import", help="a TBX or CSV file -> a new glossary CSV")
    gim.add_argument("file", type=Path, metavar="FILE.tbx|FILE.csv")
    gim.add_argument("-o", "--output", type=Path, metavar="FILE.csv",
                     help="where to write (default: glossary/NAME.csv)")
    gim.add_argument("--locale", default="en", metavar="L",
                     help="the target language to take from a TBX (default en)")
    for cmd in (gex, gim):
        cmd.add_argument("--column", action="append", default=[], metavar="OURS=THEIRS",
                         help="CSV only: their column name for one of ours "
                              "(e.g. term=Chinese); repeatable")

    xlf = sub.add_parser("xliff", help="one catalog as XLIFF 1.2/2.0 for agencies, and back",
                         description="Export a catalog as XLIFF for Trados, memoQ or Phrase; "
                                     "import their file, merged entry by entry.")
    xlfsub = xlf.add_subparsers(dest="xliff_command", required=True, metavar="ACTION")
    xex = xlfsub.add_parser("export", help="write locales/L/LC_MESSAGES/SLUG.po as XLIFF")
    xex.add_argument("--article", metavar="SLUG", required=True)
    xex.add_argument("--locale", metavar="L", help="the target locale (needed if several)")
    xex.add_argument("--version", choices=("1.2", "2.0"), default="1.2",
                     help="XLIFF version (default 1.2, which every CAT tool reads)")
    xex.add_argument("-o", "--output", type=Path, metavar="FILE.xlf",
                     help="where to write (default: SLUG.L.xlf here)")
    xim = xlfsub.add_parser("import", help="merge an XLIFF file's translations into its catalog")
    xim.add_argument("file", type=Path, metavar="FILE.xlf")
    xim.add_argument("--article", metavar="SLUG", help="default: the file's original")
    xim.add_argument("--locale", metavar="L", help="default: the file's target language")

    fmt = sub.add_parser("fmt", help="rewrite .po files in GNU canonical form (as msgcat)",
                         description="Rewrite .po/.pot files exactly as GNU msgcat would "
                                     "write them; --check only lists the ones that differ.")
    fmt.add_argument("files", nargs="+", type=Path, metavar="FILE")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if any differ")
    fmt.add_argument("--force", action="store_true",
                     help="rewrite files made read-only too (refused otherwise)")
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "fmt":  # works on any .po file, inside a project or not
        from .commands.fmt import fmt_command
        return fmt_command(args.files, args.check, args.force)
    if args.command == "init":  # makes the project, so it cannot need one
        from .commands.init import init_command
        return init_command(args.directory, args.name, args.ci, args.install_from)
    if args.command == "check" and args.list_rules:  # needs no project
        from .commands.check import list_rules
        return list_rules()
    project = Project.at(args.project) if args.project else Project.find()
    if args.command == "import":
        from .commands.import_raw import import_command
        return import_command(project, args.raw, args.slug, args.force, args.dry_run,
                              args.encoding, args.verbose)
    if args.command == "extract":
        from .commands.extract import extract
        return extract(project, args.article, use_cache=not args.no_cache, jobs=args.jobs)
    if args.command == "update":
        from .commands.update import update
        return update(project, args.article, args.locale, create=args.create,
                      memory=not args.no_memory, purge_obsolete=args.purge_obsolete,
                      use_cache=not args.no_cache, jobs=args.jobs, force=args.force)
    if args.command == "build":
        from .commands.build import build
        return build(project, args.article, args.locale, args.min_complete, args.md_style,
                     proof=args.proof, jobs=args.jobs, use_cache=not args.no_cache,
                     drafts=args.drafts)
    if args.command == "status":
        from .commands.status import status
        return status(project, args.article, args.locale, as_json=args.format == "json",
                      use_cache=not args.no_cache, jobs=args.jobs)
    if args.command == "check":
        from .commands.check import check
        return check(project, args.article, args.locale, args.format, args.strict,
                     args.severity, tuple(args.rule), tuple(args.skip), args.require_reviewed,
                     use_cache=not args.no_cache, jobs=args.jobs)
    if args.command == "align":
        from .commands.align import align_command
        return align_command(project, args.article, args.locale, args.format)
    if args.command == "terms":
        from .commands.terms import terms_command
        return terms_command(project, args.article, args.format, args.limit)
    if args.command == "glossary":
        from .commands import glossary as glossary_commands
        if args.glossary_command == "export":
            return glossary_commands.export_command(project, args.output, args.locale,
                                                    args.tbx_version, args.forbidden,
                                                    args.column)
        return glossary_commands.import_command(project, args.file, args.output, args.locale,
                                                args.column)
    if args.command == "memory":
        from .commands import memory as memory_commands
        if args.memory_command == "export":
            return memory_commands.export_command(project, args.locale, args.output)
        if args.memory_command == "import":
            return memory_commands.import_command(project, args.file)
        return memory_commands.lookup_command(project, args.text, args.locale, args.limit,
                                              args.threshold, args.format)
    if args.command == "xliff":
        from .commands import xliff as xliff_commands
        if args.xliff_command == "export":
            return xliff_commands.export_command(project, args.article, args.locale,
                                                 args.version, args.output)
        return xliff_commands.import_command(project, args.file, args.article, args.locale)
    if args.command == "serve":
        from .commands.serve import serve
        return serve(project, args.host, args.port, args.translator)
    raise AssertionError(args.command)


def main(argv: Sequence[str] | None = None) -> int:
    # pipeline.atomic reports removed leftover temp files as warnings: one line each.
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
