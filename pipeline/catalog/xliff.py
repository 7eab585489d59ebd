"""A catalog as XLIFF 1.2 or 2.0 for agencies (Trados, memoQ, Phrase), and their
translations back (pure: polib objects and bytes in, bytes and typed results out).

One unit per entry, with the segment ID as its id (`#. segment: p-…`), the
Chinese as source, the translation as target, the entry's notes (segment ID,
glossary terms) and translator comments as notes, and its state: untranslated,
fuzzy (1.2 `needs-review-translation`, 2.0 `initial` with a target), translated,
reviewed (1.2 `signed-off`, 2.0 `reviewed`). The translation as exported travels
with the unit (1.2: an `alt-trans` of type `previous-version`; 2.0: a `bl:base`
attribute), so importing is a three-way merge per entry as the workbench saves:
a translation changed only in the XLIFF is taken, one changed only in the
catalog is kept, one changed on both sides differently is a conflict and the
catalog keeps its own. A unit whose source changed since the export lands as
fuzzy when the entry has no finished translation. Parsed with entities, DTDs and
the network off.
"""

from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
from lxml import etree

from ..errors import PipelineError
from ..langtags import same_language
from .review import review_of

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"
OURS = "urn:bilingual:xliff"  # our attribute for the exported translation (2.0)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SEGMENT = re.compile(r"^segment: (\S+)", re.MULTILINE)
_NOT_NAME = re.compile(r"[^A-Za-z0-9._-]")


class XliffError(PipelineError):
    pass


class XliffVersion(enum.Enum):
    V12 = "1.2"
    V20 = "2.0"


class State(enum.Enum):
    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"


_STATE_12 = {State.UNTRANSLATED: "needs-translation", State.FUZZY: "needs-review-translation",
             State.TRANSLATED: "translated", State.REVIEWED: "signed-off"}
_STATE_20 = {State.UNTRANSLATED: "initial", State.FUZZY: "initial",
             State.TRANSLATED: "translated", State.REVIEWED: "reviewed"}
# Their states that mean "not finished": a translation in such a state comes in fuzzy.
_DRAFT_STATES = {"new", "needs-translation", "needs-adaptation", "needs-l10n",
                 "needs-review-translation", "needs-review-adaptation", "needs-review-l10n",
                 "initial"}


@dataclass(frozen=True)
class Document:
    """Which catalog a file belongs to."""

    original: str          # content/SLUG.md
    source_lang: str
    target_lang: str


@dataclass(frozen=True)
class Unit:
    id: str
    source: str
    target: str | None
    state: str             # as the file says it
    base: str | None       # the translation when exported (None: not carried)
    line: int

    @property
    def draft(self) -> bool:
        return self.state in _DRAFT_STATES


@dataclass
class ImportResult:
    po: polib.POFile
    taken: list[str] = field(default_factory=list)       # unit ids written to the catalog
    unchanged: int = 0
    conflicts: list[tuple[Unit, str]] = field(default_factory=list)  # unit, catalog's msgstr
    unknown: list[Unit] = field(default_factory=list)    # no entry for them any more
    source_changed: list[str] = field(default_factory=list)  # taken as fuzzy


def unit_id(entry: polib.POEntry) -> str:
    """The segment ID from the entry's notes; else one made from its msgid."""
    found = _SEGMENT.search(entry.comment or "")
    if found:
        return _NOT_NAME.sub("_", found.group(1))
    key = f"{entry.msgctxt or ''}\x04{entry.msgid}".encode()
    return "m" + hashlib.sha1(key).hexdigest()[:12]


def entry_state(entry: polib.POEntry) -> State:
    if not entry.msgstr:
        return State.UNTRANSLATED
    if "fuzzy" in entry.flags:
        return State.FUZZY
    return State.REVIEWED if review_of(entry) is not None else State.TRANSLATED


def _exportable(po: polib.POFile) -> list[polib.POEntry]:
    """Messages an agency translates: not obsolete, not plural (XLIFF's gettext
    plural groups are not written), not the header."""
    return [e for e in po if e.msgid and not e.obsolete and not e.msgid_plural]


def write_xliff(po: polib.POFile, document: Document, version: XliffVersion) -> bytes:
    """Pure: the catalog as an XLIFF document."""
    root = (_write_12 if version is XliffVersion.V12 else _write_20)(po, document)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))


def _notes(entry: polib.POEntry) -> list[tuple[str, str]]:
    notes = [("developer", entry.comment)] if entry.comment else []
    return notes + ([("translator", entry.tcomment)] if entry.tcomment else [])


def _write_12(po: polib.POFile, document: Document) -> etree._Element:
    n = f"{{{XLIFF12}}}"
    root = etree.Element(f"{n}xliff", version="1.2", nsmap={None: XLIFF12})
    file = etree.SubElement(root, f"{n}file", {
        "original": document.original, "source-language": document.source_lang,
        "target-language": document.target_lang, "datatype": "plaintext",
        "tool-id": "bilingual"})
    header = etree.SubElement(file, f"{n}header")
    etree.SubElement(header, f"{n}tool", {"tool-id": "bilingual", "tool-name": "bilingual"})
    body = etree.SubElement(file, f"{n}body")
    for entry in _exportable(po):
        state = entry_state(entry)
        unit = etree.SubElement(body, f"{n}trans-unit", {"id": unit_id(entry),
                                                          XML_SPACE: "preserve"})
        if state is State.REVIEWED:
            unit.set("approved", "yes")
        if entry.msgctxt is not None:
            unit.set("resname", entry.msgctxt)
        etree.SubElement(unit, f"{n}source").text = entry.msgid
        if entry.msgstr:
            etree.SubElement(unit, f"{n}target", state=_STATE_12[state]).text = entry.msgstr
        for author, text in _notes(entry):
            etree.SubElement(unit, f"{n}note", {"from": author}).text = text
        if entry.msgstr:
            alt = etree.SubElement(unit, f"{n}alt-trans", {"alttranstype": "previous-version",
                                                          "origin": "bilingual"})
            etree.SubElement(alt, f"{n}target").text = entry.msgstr
    return root


def _write_20(po: polib.POFile, document: Document) -> etree._Element:
    n = f"{{{XLIFF20}}}"
    root = etree.Element(f"{n}xliff", {"version": "2.0", "srcLang": document.source_lang,
                                       "trgLang": document.target_lang},
                         nsmap={None: XLIFF20, "bl": OURS})
    file = etree.SubElement(root, f"{n}file", id="f1", original=document.original)
    for entry in _exportable(po):
        state = entry_state(entry)
        unit = etree.SubElement(file, f"{n}unit", id=unit_id(entry))
        if entry.msgctxt is not None:
            unit.set("name", entry.msgctxt)
        if entry.msgstr:
            unit.set(f"{{{OURS}}}base", entry.msgstr)
        notes = _notes(entry)
        if notes:
            holder = etree.SubElement(unit, f"{n}notes")
            for author, text in notes:
                etree.SubElement(holder, f"{n}note", category=author).text = text
        segment = etree.SubElement(unit, f"{n}segment", state=_STATE_20[state])
        if state is State.FUZZY:
            segment.set("subState", "bilingual:fuzzy")
        etree.SubElement(segment, f"{n}source", {XML_SPACE: "preserve"}).text = entry.msgid
        if entry.msgstr:
            etree.SubElement(segment, f"{n}target", {XML_SPACE: "preserve"}).text = \
                entry.msgstr
    return root


# -- reading -------------------------------------------------------------------------------

def _text(element: etree._Element | None) -> str | None:
    """Element text with inline codes' own text (XLIFF ph/g/x: their content, if any)."""
    return None if element is None else "".join(element.itertext())


def read_xliff(data: bytes, path: Path) -> tuple[Document, list[Unit]]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = exc.msg.split(", line ")[0] if exc.msg else "not well-formed XML"
        raise XliffError(f"malformed XLIFF: {message}", path, exc.lineno or 1) from None
    namespace = etree.QName(root).namespace
    if etree.QName(root).localname != "xliff" or namespace not in (XLIFF12, XLIFF20):
        raise XliffError("not an XLIFF 1.2 or 2.0 file", path, root.sourceline)
    files = root.findall(f"{{{namespace}}}file")
    if len(files) != 1:
        raise XliffError(f"{len(files)} <file> elements: expected the one we exported",
                         path, root.sourceline)
    file = files[0]
    if namespace == XLIFF12:
        document = Document(file.get("original", ""), file.get("source-language", ""),
                            file.get("target-language", ""))
        return document, [_unit_12(u) for u in file.iter(f"{{{XLIFF12}}}trans-unit")]
    document = Document(file.get("original", ""), root.get("srcLang", ""),
                        root.get("trgLang", ""))
    return document, [_unit_20(u) for u in file.iter(f"{{{XLIFF20}}}unit")]


def _unit_12(unit: etree._Element) -> Unit:
    n = f"{{{XLIFF12}}}"
    target = unit.find(f"{n}target")
    base = next((_text(alt.find(f"{n}target")) for alt in unit.findall(f"{n}alt-trans")
                 if alt.get("alttranstype") == "previous-version"
                 and alt.get("origin") == "bilingual"), None)
    state = target.get("state", "") if target is not None else "needs-translation"
    if unit.get("approved") == "yes" and state in ("", "translated"):
        state = "signed-off"
    return Unit(unit.get("id", ""), _text(unit.find(f"{n}source")) or "", _text(target),
                state or "translated", base, unit.sourceline or 0)


def _unit_20(unit: etree._Element) -> Unit:
    n = f"{{{XLIFF20}}}"
    segments = unit.findall(f"{n}segment")
    source = "".join(_text(s.find(f"{n}source")) or "" for s in segments)
    targets = [_text(s.find(f"{n}target")) for s in segments]
    target = None if all(t is None for t in targets) else "".join(t or "" for t in targets)
    state = segments[0].get("state", "initial") if segments else "initial"
    if segments and segments[0].get("subState") == "bilingual:fuzzy":
        state = "initial"
    return Unit(unit.get("id", ""), source, target, state, unit.get(f"{{{OURS}}}base"),
                unit.sourceline or 0)


def check_document(document: Document, expected: Document, path: Path) -> None:
    """Refuse a file made for another article or language pair."""
    if document.original != expected.original:
        raise XliffError(f"this file is for '{document.original or '?'}', not "
                         f"'{expected.original}' (choose the article with --article)", path)
    if not same_language(document.source_lang, expected.source_lang):
        raise XliffError(f"its source language is '{document.source_lang}', the project's "
                         f"is '{expected.source_lang}'", path)
    if not same_language(document.target_lang, expected.target_lang):
        raise XliffError(f"its target language is '{document.target_lang}', not "
                         f"'{expected.target_lang}' (choose the locale with --locale)", path)


def merge_units(po: polib.POFile, units: list[Unit]) -> ImportResult:
    """Their translations into `po` (changed in place), entry by entry."""
    result = ImportResult(po)
    by_id = {unit_id(e): e for e in _exportable(po)}
    by_source = {e.msgid: e for e in _exportable(po)}
    for unit in units:
        if unit.target is None or not unit.target.strip():
            continue
        entry = by_id.get(unit.id) or by_source.get(unit.source)
        if entry is None:
            result.unknown.append(unit)
            continue
        _merge_one(entry, unit, result)
    return result


def _merge_one(entry: polib.POEntry, unit: Unit, result: ImportResult) -> None:
    theirs = unit.target or ""
    ours = entry.msgstr
    fuzzy_now = "fuzzy" in entry.flags
    if entry.msgid != unit.source:  # the source changed since the export
        if ours and not fuzzy_now:
            result.conflicts.append((unit, ours))
            return
        entry.msgstr = theirs
        entry.previous_msgid = unit.source
        _set_fuzzy(entry, True)
        result.source_changed.append(unit.id)
        return
    want_fuzzy = unit.draft
    if theirs == ours and want_fuzzy == fuzzy_now:
        result.unchanged += 1
        return
    changed_here = unit.base is not None and ours != unit.base
    if changed_here and theirs == unit.base:  # changed only in the catalog: ours stands
        result.unchanged += 1
        return
    if theirs != ours and ours and (changed_here or unit.base is None):
        result.conflicts.append((unit, ours))
        return
    if theirs == ours and changed_here:  # only their state differs, our text is newer
        result.unchanged += 1
        return
    entry.msgstr = theirs
    _set_fuzzy(entry, want_fuzzy)
    if not want_fuzzy:
        entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
    result.taken.append(unit.id)


def _set_fuzzy(entry: polib.POEntry, fuzzy: bool) -> None:
    if fuzzy and "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    elif not fuzzy and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
