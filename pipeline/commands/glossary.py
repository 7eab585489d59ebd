"""`bilingual glossary export|import`: the glossary CSV as TBX (v3 or v2) or as a
CSV or XLSX sheet with other column names, and back."""

from __future__ import annotations

import argparse
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_write_bytes, atomic_write_text
from ..errors import PipelineError, display_path
from ..glossary.exchange import (
    ColumnMap,
    read_mapped_csv,
    read_mapped_xlsx,
    write_mapped_csv,
    write_mapped_xlsx,
)
from ..glossary.load import COLUMNS, GlossaryError, parse_glossary
from ..glossary.tbx import TbxWarning, parse_tbx
from ..glossary.tbx_write import TbxVersion, write_tbx
from ..project import Project
from .base import Action, Command, CommandGroup, values
from .common import project_glossary, say, warn

WARNINGS_SHOWN = 20  # located warnings printed per file; the rest are counted


def glossary_rows(project: Project) -> list[dict[str, str]]:
    """Every row of glossary/*.csv as column -> cell, after the loader validated them."""
    project_glossary(project.glossary_dir)  # a broken glossary stops here, located
    rows: list[dict[str, str]] = []
    for path in sorted(project.glossary_dir.glob("*.csv")):
        reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
        rows.extend({(k or "").strip(): (v or "") for k, v in row.items()}
                    for row in reader if any((v or "").strip() for v in row.values()))
    return rows


def rows_to_csv(rows: list[dict[str, str]]) -> str:
    columns = [*COLUMNS, *sorted({k for row in rows for k in row} - set(COLUMNS))]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@dataclass(frozen=True)
class ExportOptions:
    output: Path  # .csv/.xlsx: a sheet with their column names; anything else: TBX
    locale: str = "en"  # the target language
    tbx_version: TbxVersion = TbxVersion.V3
    forbidden: bool = True  # --no-forbidden: leave the forbidden renderings out
    column: tuple[str, ...] = ()  # CSV/XLSX only: OURS=THEIRS column names


def export_command(project: Project, options: ExportOptions) -> int:
    output, forbidden, columns = options.output, options.forbidden, options.column
    version = options.tbx_version
    rows = glossary_rows(project)
    if not forbidden:
        rows = [{**row, "forbidden": ""} for row in rows]
    if output.suffix.lower() == ".csv":
        atomic_write_text(output, write_mapped_csv(rows, ColumnMap.parse(list(columns))))
        say(f"{display_path(output)}: {len(rows)} terms (CSV)")
        return 0
    if output.suffix.lower() == ".xlsx":
        atomic_write_bytes(output, write_mapped_xlsx(rows, ColumnMap.parse(list(columns))))
        say(f"{display_path(output)}: {len(rows)} terms (XLSX)")
        return 0
    data = write_tbx(rows, project.config.publication.source_language,
                     options.locale.replace("_", "-"), version, forbidden)
    atomic_write_bytes(output, data)
    say(f"{display_path(output)}: {len(rows)} term entries (TBX v{version.value} TBX-Basic)")
    return 0


@dataclass(frozen=True)
class ImportOptions:
    file: Path  # TBX, or CSV with their column names
    output: Path | None = None  # None: glossary/NAME.csv
    locale: str = "en"  # the target language taken from a TBX
    column: tuple[str, ...] = ()  # CSV/XLSX only: OURS=THEIRS column names


def import_command(project: Project, options: ImportOptions) -> int:
    source, output, locale, columns = options.file, options.output, options.locale, options.column
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise PipelineError("no such file", source) from None
    source_lang = project.config.publication.source_language
    warnings: list[TbxWarning] = []
    if source.suffix.lower() in (".csv", ".xlsx"):
        read = read_mapped_csv if source.suffix.lower() == ".csv" else read_mapped_xlsx
        rows, lines = read(data, source, ColumnMap.parse(list(columns)))
        what = f"{len(rows)} rows read"
    else:
        reading = parse_tbx(data, source, source_lang, locale.replace("_", "-"))
        rows, lines, warnings = reading.rows, reading.lines, reading.warnings
        what = f"{reading.entries} entries read ({reading.dialect})"
    known = {t.term for t in project_glossary(project.glossary_dir).terms} \
        if project.glossary_dir.is_dir() else set()
    target = output or project.glossary_dir / f"{source.stem}.csv"
    if target.exists():
        raise PipelineError("exists already; choose another name with -o", target)
    fresh: list[dict[str, str]] = []
    already = 0
    for row, line in zip(rows, lines, strict=True):
        if row["term"] in known:
            already += 1
            continue
        problem = _row_problem(row, target)
        if problem:
            warnings.append(TbxWarning(line, f"'{row['term']}' skipped: {problem}"))
            continue
        fresh.append(row)
    text = rows_to_csv(fresh)
    parse_glossary(text, target)  # what we write must load (types, clashes, duplicates)
    atomic_write_text(target, text)
    for warning in sorted(warnings, key=lambda w: w.line)[:WARNINGS_SHOWN]:
        warn(f"{display_path(source)}:{warning.line}: warning: {warning.message}")
    if len(warnings) > WARNINGS_SHOWN:
        warn(f"{display_path(source)}: … and {len(warnings) - WARNINGS_SHOWN} more warnings")
    say(f"{display_path(target)}: {what}; {len(fresh)} terms written, {already} already in "
        f"the glossary, {len(warnings)} warnings")
    return 0


def _row_problem(row: dict[str, str], target: Path) -> str | None:
    """Why the glossary loader would refuse this row, if it would (said without the
    name of a file that is not written yet)."""
    try:
        parse_glossary(rows_to_csv([row]), target)
    except GlossaryError as exc:
        return exc.message
    return None


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.tbx",
                        help="where to write; .tbx, .csv or .xlsx by its suffix")
    parser.add_argument("--locale", default="en", metavar="L",
                        help="target language (default en)")
    parser.add_argument("--tbx-version", choices=values(TbxVersion), default="3",
                        help="TBX v3 (ISO 30042:2019, default) or v2 (TBX-Basic 2008 martif)")
    parser.add_argument("--no-forbidden", dest="forbidden", action="store_false",
                        help="leave the forbidden renderings out")
    _column_argument(parser)


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.tbx|FILE.csv|FILE.xlsx",
                        help="the other tool's glossary")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE.csv",
                        help="where to write (default: glossary/NAME.csv)")
    parser.add_argument("--locale", default="en", metavar="L",
                        help="the target language to take from a TBX (default en)")
    _column_argument(parser)


def _column_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--column", action="append", default=[], metavar="OURS=THEIRS",
                        help="CSV/XLSX only: their column name for one of ours "
                             "(e.g. term=Chinese); repeatable")


COMMAND = CommandGroup({
    "export": Action("write glossary/*.csv as one TBX (or .csv, .xlsx) file",
                     Command(ExportOptions, _export_arguments, export_command)),
    "import": Action("a TBX, CSV or XLSX file -> a new glossary CSV",
                     Command(ImportOptions, _import_arguments, import_command)),
}, description="Exchange the glossary with other tools as TBX-Basic (v3 or v2), or CSV or "
               "XLSX with their column names.")
