"""`bilingual memory export|import|lookup`: the translation memory as TMX, and lookups."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import atomic_write_bytes
from ..errors import PipelineError, display_path
from ..memory.model import UnitKind
from ..memory.paths import memory_dir
from ..memory.store import indexed_memory
from ..project import Project
from .base import Action, Command, CommandGroup, add_format, percent, whole
from .common import say, warn

if TYPE_CHECKING:  # lxml and langcodes are loaded by export and import only
    from ..memory.tmx import TmxReading


def _one_locale(project: Project, locale: str | None) -> str:
    locales = project.locales(locale)
    if not locales:
        raise PipelineError("no locales yet: nothing to export", project.locales_dir)
    if len(locales) > 1 and locale is None:
        raise PipelineError(f"several locales ({', '.join(locales)}): choose one with --locale")
    return locales[0]


@dataclass(frozen=True)
class ExportOptions:
    output: Path
    locale: str | None = None  # needed if the project has several


def export_command(project: Project, options: ExportOptions) -> int:
    locale, output = options.locale, options.output
    from ..memory.project_memory import catalog_memory_units  # sentence alignment: pysbd
    from ..memory.tmx import write_tmx
    loc = _one_locale(project, locale)
    units = [u for u in catalog_memory_units(project, loc) if u.kind is UnitKind.SEGMENT]
    data = write_tmx(units, project.config.publication.source_language, loc.replace("_", "-"))
    atomic_write_bytes(output, data)
    say(f"{display_path(output)}: {len(units)} translation units ({loc})")
    return 0


WARNINGS_SHOWN = 10  # located warnings printed per file; the rest are counted


@dataclass(frozen=True)
class ImportOptions:
    file: Path  # the TMX file


def import_command(project: Project, options: ImportOptions) -> int:
    source = options.file
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise PipelineError("no such file", source) from None
    from ..memory.tmx import parse_tmx
    source_lang = project.config.publication.source_language
    # One reading per project locale (None: a project without catalogs yet).
    locales: list[str | None] = [*project.locales(None)] or [None]
    readings = {loc: parse_tmx(data, source, loc.replace("_", "-") if loc else None,
                               source.name, source_lang) for loc in locales}
    target = memory_dir(project) / source.name
    if target.suffix.lower() != ".tmx":
        target = target.with_suffix(".tmx")
    if target.exists() and target.read_bytes() != data:
        raise PipelineError("a different memory file of this name exists; rename one", target)
    atomic_write_bytes(target, data)
    first = next(iter(readings.values()))
    for note in first.notes:
        warn(f"{display_path(source)}:{note.line}: note: {note.message}")
    for loc, reading in readings.items():
        _report(source, target, source_lang, loc, reading)
    return 0


def _report(source: Path, target: Path, source_lang: str, locale: str | None,
            reading: TmxReading) -> None:
    pair = f"{source_lang}→{locale}" if locale else \
        f"{source_lang}→{', '.join(sorted(reading.target_languages)) or '?'}"
    skipped = sum(reading.skipped.values())
    say(f"{display_path(target)}: {reading.read} units read, {len(reading.units)} usable for "
        f"{pair}, {skipped} skipped")
    if reading.reversed:
        say(f"  {reading.reversed} of them written {locale}→{source_lang}, used in reverse")
    if reading.lost_codes:
        say(f"  {reading.lost_codes} of them lost an inline code in translation "
            "(offered as fuzzy at most)")
    for reason, count in sorted(reading.skipped.items(), key=lambda kv: kv[0].value):
        say(f"  skipped {count}: {reason.value}")
    for warning in reading.warnings[:WARNINGS_SHOWN]:
        warn(f"{display_path(source)}:{warning.line}: warning: {warning.message}")
    if len(reading.warnings) > WARNINGS_SHOWN:
        warn(f"{display_path(source)}: … and {len(reading.warnings) - WARNINGS_SHOWN} more "
             "units not used")


@dataclass(frozen=True)
class LookupOptions:
    text: str
    locale: str | None = None  # needed if the project has several
    limit: int = 5  # matches shown
    threshold: float = 50.0  # lowest score shown, in percent
    format: str = "text"  # text or json


def lookup_command(project: Project, options: LookupOptions) -> int:
    """Whole matches first; then, as OmegaT does, units that hold the text inside a
    longer source (a phrase from a paragraph), the shared run shown in [brackets]."""
    from ..memory.partial import partial_matches

    text, locale, limit, threshold = options.text, options.locale, options.limit, options.threshold
    fmt = options.format
    loc = _one_locale(project, locale)
    memory = indexed_memory(project, loc)
    matches = memory.lookup(text.strip(), threshold, limit)
    whole = {m.unit.source for m in matches}
    pool = memory.partial_pool(text, threshold)  # the units that can hold the text
    partial = [p for p in partial_matches(text, pool, threshold, limit - len(matches))
               if p.unit.source not in whole] if len(matches) < limit else []
    if fmt == "json":
        rows: list[dict[str, object]] = [{"kind": "exact" if m.exact else "fuzzy", "score": round(m.score, 1),
                 "origin": m.unit.origin, "unit": m.unit.kind.value,
                 "source": m.unit.source, "target": m.unit.target} for m in matches]
        rows += [{"kind": "partial", "score": round(p.score, 1), "origin": p.unit.origin,
                  "unit": p.unit.kind.value, "source": p.unit.source,
                  "target": p.unit.target, "run": [p.start, p.end]} for p in partial]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0 if rows else 1
    if not matches and not partial:
        say(f"no match at {threshold:g}% or above")
        return 1
    for match in matches:
        score = "exact" if match.exact else f"{int(match.score)}%"
        say(f"{score:>5}  {match.unit.origin}  ({match.unit.kind.value})\n"
            f"       {match.unit.source}\n       {match.unit.target}")
    for part in partial:
        source = part.unit.source
        shown = f"{source[:part.start]}[{source[part.start:part.end]}]{source[part.end:]}"
        say(f"{int(part.score):>4}%  {part.unit.origin}  (partial: inside a "
            f"{part.unit.kind.value})\n       {shown}\n       {part.unit.target}")
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--locale", metavar="L", help="the target locale (needed if several)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.tmx",
                        help="where to write the TMX 1.4b file")


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.tmx",
                        help="a TMX file from any tool, copied into memory/")


def _lookup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help="the source text to look up")
    parser.add_argument("--locale", metavar="L", help="the target locale (needed if several)")
    parser.add_argument("--limit", type=whole(1), default=5, help="matches to show (default: 5)")
    parser.add_argument("--threshold", type=percent, default=50.0, metavar="PCT",
                        help="lowest score shown (default: 50)")
    add_format(parser, ("text", "json"),
               "json: one object per match (kind exact, fuzzy or partial)")


COMMAND = CommandGroup({
    "export": Action("write the memory of one locale as TMX 1.4b",
                     Command(ExportOptions, _export_arguments, export_command)),
    "import": Action("add a TMX file to memory/",
                     Command(ImportOptions, _import_arguments, import_command)),
    "lookup": Action("the best matches for a source text",
                     Command(LookupOptions, _lookup_arguments, lookup_command)),
}, description="Export the project's translation memory as TMX, import a TMX file into "
               "memory/, or look a text up.")
