"""Glossary rows <-> a CSV or XLSX sheet with another tool's column names (pure).

Spreadsheets and term bases exported by other tools name their columns as they
like ("Source", "Chinese", "Target term", "Comment"). A column map says which of
theirs holds which of ours: `term=Chinese english=English note=Comment`; a
column of ours it does not name is looked up by its own name, and their other
columns are left out. An XLSX workbook (openpyxl) is read from its first sheet,
row numbers standing for lines; cells keep their text (a number as written).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PipelineError
from .load import COLUMNS, REQUIRED, numbered_rows


@dataclass(frozen=True)
class ColumnMap:
    theirs: dict[str, str] = field(default_factory=dict)  # our column -> their header

    @classmethod
    def parse(cls, pairs: list[str]) -> ColumnMap:
        """`OURS=THEIRS` pairs (from `--column`), each of ours at most once."""
        theirs: dict[str, str] = {}
        for pair in pairs:
            ours, sep, their = pair.partition("=")
            ours = ours.strip()
            if not sep or not their.strip():
                raise PipelineError(f"--column '{pair}': write OURS=THEIRS, "
                                    "e.g. term=Chinese")
            if ours not in COLUMNS:
                raise PipelineError(f"--column '{pair}': '{ours}' is not a glossary column "
                                    f"({', '.join(COLUMNS)})")
            if ours in theirs:
                raise PipelineError(f"--column: '{ours}' is mapped twice")
            theirs[ours] = their.strip()
        return cls(theirs)

    def header(self, ours: str) -> str:
        return self.theirs.get(ours, ours)


def read_mapped_csv(data: bytes, path: Path,
                    mapping: ColumnMap) -> tuple[list[dict[str, str]], list[int]]:
    """Their CSV -> our rows and the line each starts on."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PipelineError("not valid UTF-8 (save the CSV as UTF-8)", path,
                            data[: exc.start].count(b"\n") + 1) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headers = [h.strip() for h in reader.fieldnames or []]
    return _mapped_rows(headers, ((line, {(k or "").strip(): (v or "") for k, v in raw.items()})
                                  for line, raw in numbered_rows(reader, path, PipelineError)),
                        path, mapping)


def read_mapped_xlsx(data: bytes, path: Path,
                     mapping: ColumnMap) -> tuple[list[dict[str, str]], list[int]]:
    """Their workbook's first sheet -> our rows and the sheet row each comes from."""
    from openpyxl import load_workbook  # only an XLSX import pays for it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PipelineError(f"not an XLSX workbook ({exc})", path) from None
    sheet = book.worksheets[0]
    rows = ([_cell_text(c) for c in row] for row in sheet.iter_rows(values_only=True))
    headers = [h.strip() for h in next(rows, [])]
    numbered = ((number, dict(zip(headers, cells, strict=False)))
                for number, cells in enumerate(rows, start=2))
    try:
        return _mapped_rows(headers, numbered, path, mapping)
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 2018 typed into a cell is read back as 2018.0
    return str(value)


def _mapped_rows(headers: list[str], numbered: Iterable[tuple[int, dict[str, str]]],
                 path: Path, mapping: ColumnMap) -> tuple[list[dict[str, str]], list[int]]:
    # A missing type column means "other" for every row.
    missing = [mapping.header(c) for c in REQUIRED if c != "type"
               and mapping.header(c) not in headers]
    if missing:
        raise PipelineError(f"no column {', '.join(repr(m) for m in missing)} (its columns: "
                            f"{', '.join(h for h in headers if h)}); map one with "
                            "--column OURS=THEIRS", path, 1)
    rows, lines = [], []
    for line, cells in numbered:
        if not any(v.strip() for v in cells.values()):
            continue
        row = {c: cells.get(mapping.header(c), "").strip() for c in COLUMNS}
        row["type"] = row["type"] or "other"
        rows.append(row)
        lines.append(line)
    return rows, lines


def write_mapped_csv(rows: list[dict[str, str]], mapping: ColumnMap) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([mapping.header(c) for c in COLUMNS])
    writer.writerows([row.get(c, "") for c in COLUMNS] for row in rows)
    return out.getvalue()


def write_mapped_xlsx(rows: list[dict[str, str]], mapping: ColumnMap) -> bytes:
    """Our rows as a one-sheet workbook under their column names, every cell text."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("glossary")
    sheet.append([mapping.header(c) for c in COLUMNS])
    for row in rows:
        sheet.append([row.get(c, "") for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
