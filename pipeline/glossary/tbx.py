"""Reading TBX as other tools write it, through lxml: glossary rows and located warnings.

Every TBX in use: v2 (`martif`: TBX-Basic 2008, Microsoft's `ntig/termGrp`
exports, Translate Toolkit's and Weblate's files) and v3 (ISO 30042:2019,
`tbx`/`conceptEntry`/`langSec`/`termSec`, in DCA style with `termNote
type="administrativeStatus"` or DCT style with `<min:administrativeStatus>`).
Terms are taken for the project's two languages (compared by language and
script, pipeline.langtags); other languages are ignored. Statuses map to the
glossary's columns: preferred -> `english`, admitted or unmarked -> `variants`
(the first of them is `english` when nothing is preferred), deprecated,
superseded, obsolete, forbidden -> `forbidden`. Definitions become the `gloss`,
notes the `note`. An entry we cannot use (no term in one of the languages, only
forbidden renderings) is skipped with a located warning; a term met twice is
merged into its first entry, with a warning. Parsed with entities, DTDs and the
network off. The writer is pipeline.glossary.tbx_write.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import PipelineError
from ..langtags import same_language
from ..xmlsafe import ENTITY_ERROR, entity_line, safe_parser
from .load import COLUMNS, LIST_SEPARATOR
from .model import TERM_TYPES

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PINYIN_NOTE = "pinyin: "  # how the writer carries our pinyin in TBX-Basic v3 (a term note)


class TbxError(PipelineError):
    pass


class Status(enum.Enum):
    APPROVED = "approved"
    ADMITTED = "admitted"
    FORBIDDEN = "forbidden"


# administrativeStatus / normativeAuthorization values, lower-cased, by what they mean.
_STATUS_WORDS = {
    "preferredterm-admn-sts": Status.APPROVED, "preferred": Status.APPROVED,
    "standardizedterm-admn-sts": Status.APPROVED, "standardized": Status.APPROVED,
    "admittedterm-admn-sts": Status.ADMITTED, "admitted": Status.ADMITTED,
    "legalterm-admn-sts": Status.ADMITTED, "regulatedterm-admn-sts": Status.ADMITTED,
    "deprecatedterm-admn-sts": Status.FORBIDDEN, "deprecated": Status.FORBIDDEN,
    "supersededterm-admn-sts": Status.FORBIDDEN, "superseded": Status.FORBIDDEN,
    "obsolete": Status.FORBIDDEN, "forbidden": Status.FORBIDDEN,
    "notrecommended": Status.FORBIDDEN, "rejected": Status.FORBIDDEN,
}


@dataclass(frozen=True)
class TbxTerm:
    text: str
    status: Status | None
    pinyin: str = ""


@dataclass(frozen=True)
class TbxWarning:
    line: int
    message: str


@dataclass
class TbxReading:
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the entry each row comes from
    entries: int = 0
    warnings: list[TbxWarning] = field(default_factory=list)
    dialect: str = ""


def _localname(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _namespace(element: etree._Element) -> str:
    return etree.QName(element).namespace or "" if isinstance(element.tag, str) else ""


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _lang(element: etree._Element) -> str:
    return element.get(XML_LANG) or element.get("lang") or ""


def _category(element: etree._Element, core: str) -> str:
    """The data category of an element: `type` in DCA style (`<termNote
    type="administrativeStatus">`), the element's own name in DCT style
    (`<min:administrativeStatus>`), '' for core structure."""
    if _namespace(element) != core:
        return _localname(element)
    return element.get("type", "") if _localname(element) in ("termNote", "descrip", "admin") \
        else ""


def read_tbx_root(data: bytes, path: Path) -> etree._Element:
    try:
        root = etree.fromstring(data, safe_parser(huge_tree=True))
    except etree.XMLSyntaxError as exc:
        message = exc.msg.split(", line ")[0] if exc.msg else "not well-formed XML"
        raise TbxError(f"malformed TBX: {message}", path, exc.lineno or 1) from None
    line = entity_line(root, data)
    if line is not None:
        raise TbxError(f"this TBX {ENTITY_ERROR}", path, line)
    if _localname(root) not in ("martif", "tbx"):
        raise TbxError(f"not a TBX file: the root element is <{_localname(root)}>",
                       path, root.sourceline)
    return root


def _terms(lang_section: etree._Element, core: str) -> list[TbxTerm]:
    terms = []
    for holder in lang_section:
        if _localname(holder) not in ("tig", "ntig", "termSec"):
            continue
        term = next((e for e in holder.iter() if _localname(e) == "term"), None)
        text = _text(term)
        if not text:
            continue
        status: Status | None = None
        pinyin = ""
        for element in holder.iter():
            kind = _category(element, core)
            value = _text(element)
            if kind in ("administrativeStatus", "normativeAuthorization") and status is None:
                status = _STATUS_WORDS.get(value.lower().replace(" ", ""))
            elif kind == "pronunciation" or (_localname(element) == "note"
                                             and value.startswith(PINYIN_NOTE)):
                pinyin = value.removeprefix(PINYIN_NOTE)
        terms.append(TbxTerm(text, status, pinyin))
    return terms


def _lines(element: etree._Element) -> str:
    """Text with its line breaks but not the file's indentation."""
    lines = (" ".join(line.split()) for line in "".join(element.itertext()).splitlines())
    return "\n".join(line for line in lines if line)


def _descriptions(element: etree._Element, core: str, into: dict[str, list[str]],
                  definition_is_note: bool = False) -> None:
    """Definitions, notes and our own `x-COLUMN` descrips directly under `element`
    (or in its descripGrp). A definition in the source language is a note for
    the translator, not a gloss for the target's readers."""
    for child in element:
        name = _localname(child)
        if name == "descripGrp":
            _descriptions(child, core, into, definition_is_note)
            continue
        kind = _category(child, core)
        value = _lines(child)
        if not value or value.startswith(PINYIN_NOTE):
            continue
        if kind == "definition":
            into["note" if definition_is_note else "gloss"].append(value)
        elif name == "note" and _namespace(child) == core:
            into["note"].append(value)
        elif kind == "subjectField" and value in TERM_TYPES:
            into["type"].append(value)
        elif kind.startswith("x-"):
            into[kind[2:]].append(value)


def parse_tbx(data: bytes, path: Path, source_lang: str = "zh-Hans",
              target_lang: str = "en") -> TbxReading:
    """TBX bytes -> glossary rows (COLUMNS plus any x-COLUMN) for source -> target."""
    root = read_tbx_root(data, path)
    core = _namespace(root)
    reading = TbxReading(dialect=f"{'TBX v3' if _localname(root) == 'tbx' else 'TBX v2'} "
                                 f"{root.get('type', '')} {root.get('style', '')}".strip())
    first_line: dict[str, int] = {}
    by_term: dict[str, dict[str, str]] = {}
    for entry in root.iter():
        if _localname(entry) not in ("termEntry", "conceptEntry"):
            continue
        reading.entries += 1
        line = entry.sourceline or 0
        label = f"entry {entry.get('id')}" if entry.get("id") else "entry"
        extra: dict[str, list[str]] = {c: [] for c in ("gloss", "note", "type")}
        _descriptions(entry, core, extra)
        sources: list[TbxTerm] = []
        targets: list[TbxTerm] = []
        for section in entry:
            if _localname(section) not in ("langSet", "langSec"):
                continue
            lang = _lang(section)
            if same_language(lang, source_lang):
                sources += _terms(section, core)
                _descriptions(section, core, extra, definition_is_note=True)
            elif same_language(lang, target_lang):
                targets += _terms(section, core)
                _descriptions(section, core, extra)
        row = _row(sources, targets, extra, source_lang, target_lang)
        if isinstance(row, str):
            reading.warnings.append(TbxWarning(line, f"{label} skipped: {row}"))
            continue
        for term in [s.text for s in sources if s.status is not Status.FORBIDDEN] or \
                [sources[0].text]:
            fresh = {**row, "term": term}
            if term in by_term:
                _merge(by_term[term], fresh)
                reading.warnings.append(TbxWarning(line, f"{label}: '{term}' is also in an "
                                                   f"entry at line {first_line[term]}: "
                                                   "merged into it"))
                continue
            by_term[term], first_line[term] = fresh, line
            reading.rows.append(fresh)
            reading.lines.append(line)
    return reading


def _row(sources: list[TbxTerm], targets: list[TbxTerm], extra: dict[str, list[str]],
         source_lang: str, target_lang: str) -> dict[str, str] | str:
    """The glossary row of one entry, or why there is none."""
    if not sources and not targets:
        return f"no {source_lang} or {target_lang} term"
    if not sources:
        return f"no {source_lang} term"
    if not targets:
        return f"no {target_lang} term"
    approved = [t.text for t in targets if t.status is Status.APPROVED]
    admitted = [t.text for t in targets if t.status in (Status.ADMITTED, None)]
    forbidden = [t.text for t in targets if t.status is Status.FORBIDDEN]
    accepted = _unique(approved + admitted)
    if not accepted:
        return f"its only {target_lang} terms are forbidden ({', '.join(forbidden)})"
    row = {column: "" for column in COLUMNS}
    row["english"] = accepted[0]
    row["variants"] = f" {LIST_SEPARATOR} ".join(accepted[1:])
    row["forbidden"] = f" {LIST_SEPARATOR} ".join(
        t for t in _unique(forbidden) if t.casefold() not in {a.casefold() for a in accepted})
    row["type"] = extra["type"][0] if extra["type"] else "other"
    row["pinyin"] = next((s.pinyin for s in sources if s.pinyin), "")
    for column, values in extra.items():
        if column != "type":
            row[column] = "\n".join(_unique(values))
    return row


def _merge(first: dict[str, str], again: dict[str, str]) -> None:
    """A term met twice: its first row gains the second's renderings and notes."""
    def split(cell: str) -> list[str]:
        return [p.strip() for p in cell.split(LIST_SEPARATOR) if p.strip()]
    accepted = _unique([first["english"], *split(first["variants"]), again["english"],
                        *split(again["variants"])])
    folded = {a.casefold() for a in accepted}
    first["variants"] = f" {LIST_SEPARATOR} ".join(accepted[1:])
    first["forbidden"] = f" {LIST_SEPARATOR} ".join(
        f for f in _unique(split(first["forbidden"]) + split(again["forbidden"]))
        if f.casefold() not in folded)
    for column in ("note", "gloss"):
        first[column] = "\n".join(_unique([*first[column].splitlines(),
                                           *again[column].splitlines()]))


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
