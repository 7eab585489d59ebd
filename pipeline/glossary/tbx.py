"""The glossary as TBX-Basic (termEntry / langSet / tig / term), through lxml.

Column-driven: `COLUMN_ROLES` says where each CSV column lives in TBX, so a new
glossary column needs one line here; a column without a role still round-trips
as an entry-level `<descrip type="x-COLUMN">`. The target's approved rendering
is `preferredTerm-admn-sts`, variants `admittedTerm-admn-sts`, forbidden ones
`deprecatedTerm-admn-sts` (as Weblate, OmegaT and Translate Toolkit read it).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from ..errors import PipelineError
from .load import COLUMNS, LIST_SEPARATOR
from .model import TERM_TYPES

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Role(enum.Enum):
    SOURCE_TERM = "source term"
    PREFERRED = "preferredTerm-admn-sts"
    ADMITTED = "admittedTerm-admn-sts"
    DEPRECATED = "deprecatedTerm-admn-sts"
    SUBJECT = "subjectField"        # entry-level descrip
    PRONUNCIATION = "pronunciation"  # termNote on the source term
    NOTE = "note"                   # entry-level note


COLUMN_ROLES: dict[str, Role] = {
    "term": Role.SOURCE_TERM, "english": Role.PREFERRED, "variants": Role.ADMITTED,
    "forbidden": Role.DEPRECATED, "type": Role.SUBJECT, "pinyin": Role.PRONUNCIATION,
    "note": Role.NOTE,
}
_STATUS = {Role.PREFERRED, Role.ADMITTED, Role.DEPRECATED}
# Part of speech where our term type tells it (TBX-Basic picklist values).
PART_OF_SPEECH = {"person": "properNoun", "place": "properNoun", "organisation": "properNoun",
                  "company": "properNoun", "brand": "properNoun", "policy-term": "noun",
                  "industry-term": "noun", "product": "noun", "title": "noun", "honour": "noun"}


class TbxError(PipelineError):
    pass


def _values(row: dict[str, str], column: str) -> list[str]:
    cell = row.get(column, "").strip()
    if COLUMN_ROLES.get(column) in (Role.ADMITTED, Role.DEPRECATED):
        return [p.strip() for p in cell.split(LIST_SEPARATOR) if p.strip()]
    return [cell] if cell else []


def write_tbx(rows: Sequence[dict[str, str]], source_lang: str, target_lang: str) -> bytes:
    """Pure: glossary rows (CSV column -> cell) -> a TBX-Basic document."""
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = etree.SubElement(root, "martifHeader")
    desc = etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc")
    etree.SubElement(desc, "p").text = "bilingual glossary"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for number, row in enumerate(rows, start=1):
        entry = etree.SubElement(body, "termEntry", id=f"t{number}")
        pos = PART_OF_SPEECH.get(row.get("type", "").strip())
        for column in row:
            role = COLUMN_ROLES.get(column)
            for value in _values(row, column):
                if role is Role.SUBJECT:
                    etree.SubElement(entry, "descrip", type="subjectField").text = value
                elif role is Role.NOTE:
                    etree.SubElement(entry, "note").text = value
                elif role is None:
                    etree.SubElement(entry, "descrip", type=f"x-{column}").text = value
        source = etree.SubElement(entry, "langSet", {XML_LANG: source_lang})
        tig = etree.SubElement(source, "tig")
        etree.SubElement(tig, "term").text = row["term"].strip()
        if pos:
            etree.SubElement(tig, "termNote", type="partOfSpeech").text = pos
        for column, role in COLUMN_ROLES.items():
            if role is Role.PRONUNCIATION:
                for value in _values(row, column):
                    etree.SubElement(tig, "termNote", type="pronunciation").text = value
        target = etree.SubElement(entry, "langSet", {XML_LANG: target_lang})
        for status in (Role.PREFERRED, Role.ADMITTED, Role.DEPRECATED):
            for column in (c for c, r in COLUMN_ROLES.items() if r is status):
                for value in _values(row, column):
                    tig = etree.SubElement(target, "tig")
                    etree.SubElement(tig, "term").text = value
                    if pos and status is Role.PREFERRED:
                        etree.SubElement(tig, "termNote", type="partOfSpeech").text = pos
                    etree.SubElement(tig, "termNote",
                                     type="administrativeStatus").text = status.value
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _lang(element: etree._Element) -> str:
    return (element.get(XML_LANG) or element.get("lang") or "").lower()


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def parse_tbx(data: bytes, path: Path, source_lang: str = "zh") -> list[dict[str, str]]:
    """TBX bytes -> glossary rows in COLUMNS order (plus x-COLUMN descrips)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise TbxError(f"malformed TBX: {exc.msg.split(', line ')[0]}", path,
                       exc.lineno or 1) from None
    if etree.QName(root).localname not in ("martif", "tbx"):
        raise TbxError(f"not a TBX file: the root element is <{etree.QName(root).localname}>",
                       path, root.sourceline)
    primary = source_lang.lower().split("-")[0]
    rows = []
    for entry in root.iter("{*}termEntry", "{*}conceptEntry"):
        row = {column: "" for column in COLUMNS}
        by_role: dict[Role, list[str]] = {role: [] for role in Role}
        for child in entry:
            name = etree.QName(child).localname if isinstance(child.tag, str) else ""
            kind = child.get("type", "")
            if name == "note" or (name == "descrip" and kind == "definition"):
                by_role[Role.NOTE].append(_text(child))
            elif name == "descrip" and kind == "subjectField":
                by_role[Role.SUBJECT].append(_text(child))
            elif name == "descrip" and kind.startswith("x-"):
                row[kind[2:]] = _text(child)
        for lang_set in entry.iter("{*}langSet"):
            is_source = _lang(lang_set).split("-")[0] == primary
            for tig in lang_set.iter("{*}tig", "{*}ntig", "{*}termSec"):
                term = _text(tig.find(".//{*}term"))
                if not term:
                    continue
                notes = {n.get("type", ""): _text(n) for n in tig.iter("{*}termNote")}
                if is_source:
                    by_role[Role.SOURCE_TERM].append(term)
                    if notes.get("pronunciation"):
                        by_role[Role.PRONUNCIATION].append(notes["pronunciation"])
                    continue
                status = notes.get("administrativeStatus", "")
                if status.startswith(("deprecated", "superseded")):
                    by_role[Role.DEPRECATED].append(term)
                elif status.startswith("preferred") or not by_role[Role.PREFERRED]:
                    by_role[Role.PREFERRED].append(term)
                else:
                    by_role[Role.ADMITTED].append(term)
        if not by_role[Role.SOURCE_TERM] or not by_role[Role.PREFERRED]:
            raise TbxError("termEntry without a source-language term and a target term",
                           path, entry.sourceline)
        extra_preferred = by_role[Role.PREFERRED][1:]
        by_role[Role.ADMITTED] = extra_preferred + by_role[Role.ADMITTED]
        for column, role in COLUMN_ROLES.items():
            values = by_role[role][:1] if role in (Role.SOURCE_TERM, Role.PREFERRED,
                                                   Role.PRONUNCIATION, Role.SUBJECT) \
                else by_role[role]
            separator = f" {LIST_SEPARATOR} " if role in (Role.ADMITTED, Role.DEPRECATED) \
                else "\n"
            row[column] = separator.join(values)
        if row.get("type") not in TERM_TYPES:
            row["type"] = "other"
        rows.append(row)
    return rows
