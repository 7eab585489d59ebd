"""TMX 1.4b interchange: memory units <-> XML, through lxml (never by hand).

We write one `tu` per segment unit (sentence units are derived again on
reading, so nothing is stored twice), with `creationdate`, and the segment ID,
article and origin as `prop`s. Reading accepts any TMX 1.1-1.4 file whose `tu`s
carry a variant in the source language and one in the wanted target language;
everything else is skipped with a reason. Malformed XML is one `file:line` error.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import __version__
from ..errors import PipelineError
from .model import MemoryUnit, UnitKind

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline elements whose content is native markup, not text (TMX 1.4b §3.7).
_CODE_ELEMENTS = {"bpt", "ept", "it", "ph", "ut"}


class TmxError(PipelineError):
    pass


class SkipReason(enum.Enum):
    NO_SOURCE = "no variant in the source language"
    NO_TARGET = "no variant in the target language"
    EMPTY = "empty segment"


@dataclass
class TmxReading:
    units: list[MemoryUnit] = field(default_factory=list)
    read: int = 0                                   # tu elements seen
    skipped: Counter[SkipReason] = field(default_factory=Counter)
    target_languages: set[str] = field(default_factory=set)


def same_language(tag: str, wanted: str) -> bool:
    """'en-GB' matches 'en' and 'en_GB'; 'zh-CN' matches 'zh-Hans' (primary subtags)."""
    a = tag.strip().lower().replace("_", "-")
    b = wanted.strip().lower().replace("_", "-")
    return a == b or a.split("-")[0] == b.split("-")[0]


def write_tmx(units: Iterable[MemoryUnit], source_lang: str, target_lang: str,
              segtype: str = "paragraph") -> bytes:
    """Pure: the TMX document for segment units (sentence units are left out);
    `bilingual align --format tmx` passes sentence pairs as units, segtype "sentence"."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "bilingual", "creationtoolversion": __version__,
        "segtype": segtype, "o-tmf": "gettext PO", "adminlang": "en",
        "srclang": source_lang, "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    for unit in units:
        if unit.kind is not UnitKind.SEGMENT:
            continue
        tu = etree.SubElement(body, "tu", {"creationdate": unit.created} if unit.created else {})
        for kind, value in (("x-segment-id", unit.segment_id), ("x-article", unit.article),
                            ("x-origin", unit.origin)):
            if value:
                etree.SubElement(tu, "prop", type=kind).text = value
        for lang, text in ((source_lang, unit.source), (target_lang, unit.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                                doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">'))


def _seg_text(seg: etree._Element) -> str:
    parts = [seg.text or ""]
    for child in seg:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name not in _CODE_ELEMENTS:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def parse_tmx(data: bytes, path: Path, target_lang: str | None,
              origin_file: str, source_lang: str = "zh") -> TmxReading:
    """TMX bytes -> units for `target_lang` (None: only count and list languages)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = exc.msg.split(", line ")[0] if exc.msg else "not well-formed XML"
        raise TmxError(f"malformed TMX: {message}", path, exc.lineno or 1) from None
    if etree.QName(root).localname != "tmx":
        raise TmxError(f"not a TMX file: the root element is <{etree.QName(root).localname}>",
                       path, root.sourceline)
    header = root.find("header")
    body = root.find("body")
    if header is None or body is None:
        raise TmxError("malformed TMX: <tmx> needs a <header> and a <body>", path,
                       root.sourceline)
    declared = header.get("srclang", "")
    if declared and declared != "*all*":
        source_lang = declared
    reading = TmxReading()
    for tu in body.iter("tu"):
        reading.read += 1
        variants: dict[str, tuple[str, str]] = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            variants.setdefault(lang, (_seg_text(seg) if seg is not None else "",
                                       tuv.get("creationdate", "")))
        source = next((v for k, v in variants.items() if same_language(k, source_lang)), None)
        reading.target_languages.update(k for k in variants if not same_language(k, source_lang))
        if source is None:
            reading.skipped[SkipReason.NO_SOURCE] += 1
            continue
        target = None
        if target_lang is not None:
            target = next((v for k, v in variants.items() if same_language(k, target_lang)), None)
        elif len(variants) > 1:
            target = next(v for k, v in variants.items() if not same_language(k, source_lang))
        if target is None:
            reading.skipped[SkipReason.NO_TARGET] += 1
            continue
        if not source[0] or not target[0]:
            reading.skipped[SkipReason.EMPTY] += 1
            continue
        props = {p.get("type", ""): (p.text or "") for p in tu.findall("prop")}
        created = tu.get("creationdate") or target[1] or ""
        reading.units.append(MemoryUnit(
            source[0], target[0], origin_file, tu.sourceline or 0,
            props.get("x-segment-id", tu.get("tuid", "")), UnitKind.SEGMENT,
            props.get("x-article", ""), created))
    return reading
