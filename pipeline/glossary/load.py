"""Read and validate glossary CSV files (glossary/*.csv).

Header: term,english,variants,forbidden,type,pinyin,note[,gloss] — list fields
are separated by " | ". `note` is the translator's rationale (never published);
`gloss`, optional, is the reader's explanation. A row may leave off trailing
optional columns (a gloss column added to an existing file needs no edit of
every row). Every problem is reported with file:line; the first one
stops the load (GlossaryError), so CI never checks against a broken glossary.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, TypeVar

from ..errors import PipelineError
from .model import TERM_TYPES, Glossary, Term

COLUMNS = ("term", "english", "variants", "forbidden", "type", "pinyin", "note", "gloss")
REQUIRED = ("term", "english", "type")
LIST_SEPARATOR = "|"


_Row = TypeVar("_Row", covariant=True)


class GlossaryError(PipelineError):
    pass


def load_glossary(directory: Path) -> Glossary:
    """All glossary/*.csv files, merged; a term defined twice anywhere is an error."""
    terms: list[Term] = []
    seen: dict[str, Term] = {}
    for path in sorted(directory.glob("*.csv")):
        for term in parse_glossary(_read_text(path), path).terms:
            if term.term in seen:
                first = seen[term.term]
                raise GlossaryError(f"duplicate term '{term.term}' (first defined at "
                                    f"{first.path}:{first.line})", path, term.line)
            seen[term.term] = term
            terms.append(term)
    return Glossary(tuple(terms))


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError("not valid UTF-8 (save the CSV as UTF-8)", path,
                            data[: exc.start].count(b"\n") + 1) from None


def parse_glossary(text: str, path: Path) -> Glossary:
    """Pure: CSV text -> Glossary, validating every row."""
    if "\x00" in text:  # the csv module would read it as data
        raise GlossaryError("NUL character in the glossary (a binary file, or damaged "
                            "text?); remove it", path, text[: text.index("\x00")].count("\n") + 1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise GlossaryError("empty glossary file (expected a header row: "
                            + ",".join(COLUMNS) + ")", path, 1) from None
    except csv.Error as exc:
        raise GlossaryError(f"malformed CSV: {exc}", path, 1) from None
    header = [h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        problem = f"missing column(s) {', '.join(missing)}" if missing else \
            f"unknown column(s) {', '.join(unknown)}"
        raise GlossaryError(f"bad header: {problem}; expected {','.join(COLUMNS)}", path, 1)
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for line, row in numbered_rows(reader, path, GlossaryError):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) or (len(row) < len(header) and any(
                column in REQUIRED for column in header[len(row):])):
            raise GlossaryError(f"row has {len(row)} fields, header has {len(header)} "
                                "(a comma inside a field needs double quotes)", path, line)
        term = _row_to_term(dict(zip(header, row, strict=False)), path, line)
        if term.term in seen:
            raise GlossaryError(f"duplicate term '{term.term}' (first defined on line "
                                f"{seen[term.term]})", path, line)
        seen[term.term] = line
        terms.append(term)
    return Glossary(tuple(terms))


class _CsvReader(Protocol[_Row]):
    line_num: int

    def __next__(self) -> _Row: ...


def numbered_rows(reader: _CsvReader[_Row], path: Path,
                  error: type[PipelineError]) -> Iterator[tuple[int, _Row]]:
    """The rows of a CSV reader with the line each starts on; a malformed row is
    `error` at its line (csv reports only that something went wrong)."""
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise error(f"malformed CSV row: {exc}", path, line) from None
        yield line, row


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip())


def _row_to_term(row: dict[str, str], path: Path, line: int) -> Term:
    for column in REQUIRED:
        if not row.get(column, "").strip():
            raise GlossaryError(f"empty '{column}' field", path, line)
    term = Term(
        term=row["term"].strip(),
        english=row["english"].strip(),
        variants=_split(row.get("variants", "")),
        forbidden=_split(row.get("forbidden", "")),
        type=row["type"].strip(),
        pinyin=row.get("pinyin", "").strip(),
        note=row.get("note", "").strip(),
        gloss=row.get("gloss", "").strip(),
        path=path,
        line=line,
    )
    if term.type not in TERM_TYPES:
        raise GlossaryError(f"unknown type '{term.type}' for '{term.term}' (one of: "
                            + ", ".join(sorted(TERM_TYPES)) + ")", path, line)
    accepted = {a.casefold() for a in term.accepted}
    clash = [f for f in term.forbidden if f.casefold() in accepted]
    if clash:
        raise GlossaryError(f"'{clash[0]}' is both approved and forbidden for "
                            f"'{term.term}'", path, line)
    return term
