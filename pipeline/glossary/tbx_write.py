"""Writing the glossary as TBX other tools read right (pure: rows in, bytes out).

TBX v3 (ISO 30042:2019) TBX-Basic in DCA style by default: one `conceptEntry`
per row, a `langSec` per language, a `termSec` per term with its
`administrativeStatus`: the approved rendering `preferredTerm-admn-sts`,
variants `admittedTerm-admn-sts`, forbidden renderings
`deprecatedTerm-admn-sts` (Translate Toolkit's `TBXTerm.deprecated`, Weblate's
and OmegaT's "forbidden"), or none at all with `forbidden=False`. The term type
is the `subjectField`, the reader's gloss the `definition`, the translator's
note a `note`, the pinyin a note on the Chinese term. TBX v2 on request:
TBX-Basic 2008 (`martif` with its DOCTYPE and XCS reference, `langSet`/`tig`),
which Translate Toolkit and tbxcheck read. pipeline.glossary.tbx reads both back.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from lxml import etree

from .load import COLUMNS, LIST_SEPARATOR
from .tbx import PINYIN_NOTE, XML_LANG

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
# The schemas TBX-Basic 1.2 publishes (its own sample names them): the core RelaxNG,
# and the dialect's constraints in Schematron. The integrated RNG of TBX-Basic 1.1
# is gone from that repository, so a validator following an older href finds nothing.
_LTAC = "https://raw.githubusercontent.com/LTAC-Global/"
V3_RNG = "TBXcoreStructV03.rng"
V3_SCH = "TBX-Basic_DCA.sch"
V3_PROLOGUE = (
    f'<?xml-model href="{_LTAC}TBX_Core_RNG/master/{V3_RNG}" '
    'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    f'<?xml-model href="{_LTAC}TBX-Basic_dialect/master/DCA/{V3_SCH}" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"?>\n')
V2_DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">'
V2_XCS = "TBXBasicXCSV02.xcs"

# Part of speech where our term type tells it (TBX-Basic picklist values).
PART_OF_SPEECH = {"person": "properNoun", "place": "properNoun", "organisation": "properNoun",
                  "company": "properNoun", "brand": "properNoun", "policy-term": "noun",
                  "industry-term": "noun", "product": "noun", "title": "noun", "honour": "noun"}
_OWN_COLUMNS = {"term", "english", "variants", "forbidden", "type", "pinyin", "note", "gloss"}


class TbxVersion(enum.Enum):
    V3 = "3"
    V2 = "2"


class TermStatus(enum.Enum):
    PREFERRED = "preferredTerm-admn-sts"
    ADMITTED = "admittedTerm-admn-sts"
    DEPRECATED = "deprecatedTerm-admn-sts"


def _list(row: dict[str, str], column: str) -> list[str]:
    return [p.strip() for p in row.get(column, "").split(LIST_SEPARATOR) if p.strip()]


def _renderings(row: dict[str, str], forbidden: bool) -> list[tuple[str, TermStatus]]:
    found = [(row["english"].strip(), TermStatus.PREFERRED)]
    found += [(v, TermStatus.ADMITTED) for v in _list(row, "variants")]
    if forbidden:
        found += [(f, TermStatus.DEPRECATED) for f in _list(row, "forbidden")]
    return found


def write_tbx(rows: Sequence[dict[str, str]], source_lang: str, target_lang: str,
              version: TbxVersion = TbxVersion.V3, forbidden: bool = True) -> bytes:
    """Pure: glossary rows (CSV column -> cell) -> a TBX-Basic document."""
    v3 = version is TbxVersion.V3
    names = {"entry": "conceptEntry" if v3 else "termEntry",
             "lang": "langSec" if v3 else "langSet", "term": "termSec" if v3 else "tig"}
    if v3:
        root = etree.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
        header = etree.SubElement(root, "tbxHeader")
    else:
        root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
        header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    etree.SubElement(etree.SubElement(file_desc, "sourceDesc"), "p").text = \
        "bilingual glossary"
    if not v3:
        encoding = etree.SubElement(header, "encodingDesc")
        etree.SubElement(encoding, "p", type="XCSURI").text = V2_XCS
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for number, row in enumerate(rows, start=1):
        _entry(body, names, f"c{number}", row, source_lang, target_lang, forbidden)
    if v3:
        text = etree.tostring(_in_namespace(root, TBX_NAMESPACE), encoding="unicode",
                              pretty_print=True)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + V3_PROLOGUE + str(text)).encode()
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True, doctype=V2_DOCTYPE))


def _in_namespace(root: etree._Element, namespace: str) -> etree._Element:
    """The tree again with every element in `namespace` (the default one)."""
    fresh = etree.Element(f"{{{namespace}}}{root.tag}", dict(root.attrib),
                          nsmap={None: namespace})
    fresh.text = root.text
    for child in root:
        fresh.append(_in_namespace(child, namespace))
    fresh.tail = root.tail
    return fresh


def _entry(body: etree._Element, names: dict[str, str], ident: str, row: dict[str, str],
           source_lang: str, target_lang: str, forbidden: bool) -> None:
    entry = etree.SubElement(body, names["entry"], id=ident)
    kind = row.get("type", "").strip()
    if kind:
        etree.SubElement(entry, "descrip", type="subjectField").text = kind
    if row.get("gloss", "").strip():
        etree.SubElement(entry, "descrip", type="definition").text = row["gloss"].strip()
    for column in [c for c in row if c not in _OWN_COLUMNS and row[c].strip()]:
        etree.SubElement(entry, "descrip", type=f"x-{column}").text = row[column].strip()
    if row.get("note", "").strip():
        etree.SubElement(entry, "note").text = row["note"].strip()
    pos = PART_OF_SPEECH.get(kind)
    if pos == "properNoun" and names["entry"] == "conceptEntry":
        pos = "noun"  # TBX-Basic v3's picklist has no properNoun
    source = etree.SubElement(entry, names["lang"], {XML_LANG: source_lang})
    source_term = _term(source, names["term"], row["term"].strip(), pos, None)
    if row.get("pinyin", "").strip():
        etree.SubElement(source_term, "note").text = PINYIN_NOTE + row["pinyin"].strip()
    target = etree.SubElement(entry, names["lang"], {XML_LANG: target_lang})
    for text, status in _renderings(row, forbidden):
        _term(target, names["term"], text, pos if status is TermStatus.PREFERRED else None,
              status)


def _term(parent: etree._Element, name: str, text: str, pos: str | None,
          status: TermStatus | None) -> etree._Element:
    holder = etree.SubElement(parent, name)
    etree.SubElement(holder, "term").text = text
    if pos:
        etree.SubElement(holder, "termNote", type="partOfSpeech").text = pos
    if status is not None:
        etree.SubElement(holder, "termNote", type="administrativeStatus").text = status.value
    return holder


__all__ = ["COLUMNS", "TbxVersion", "write_tbx"]
