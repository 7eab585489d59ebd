"""`bilingual glossary export|import`: the glossary CSV as TBX and back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..atomic import atomic_write_bytes, atomic_write_text
from ..errors import PipelineError, display_path
from ..glossary.load import COLUMNS, parse_glossary
from ..glossary.tbx import parse_tbx, write_tbx
from ..project import Project
from .common import project_glossary, say


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


def export_command(project: Project, output: Path, locale: str) -> int:
    rows = glossary_rows(project)
    data = write_tbx(rows, project.config.publication.source_language, locale.replace("_", "-"))
    atomic_write_bytes(output, data)
    say(f"{display_path(output)}: {len(rows)} term entries")
    return 0


def import_command(project: Project, source: Path, output: Path | None) -> int:
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise PipelineError("no such file", source) from None
    rows = parse_tbx(data, source, project.config.publication.source_language)
    known = {t.term for t in project_glossary(project.glossary_dir).terms} \
        if project.glossary_dir.is_dir() else set()
    target = output or project.glossary_dir / f"{source.stem}.csv"
    if target.exists():
        raise PipelineError("exists already; choose another name with -o", target)
    fresh = [row for row in rows if row["term"] not in known]
    text = rows_to_csv(fresh)
    parse_glossary(text, target)  # what we write must load (types, clashes, duplicates)
    atomic_write_text(target, text)
    say(f"{display_path(target)}: {len(rows)} entries read, {len(fresh)} written, "
        f"{len(rows) - len(fresh)} skipped (already in the glossary)")
    return 0
