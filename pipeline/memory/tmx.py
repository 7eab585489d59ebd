"""TMX interchange: memory units <-> XML, through lxml (never by hand).

We write TMX 1.4b, one `tu` per segment unit (sentence units are derived again
on reading, so nothing is stored twice), with `creationdate`, and the segment
ID, article and origin as `prop`s.

We read TMX 1.1 to 1.4b as other tools write it: each `tu`'s own `srclang`
(the header's when it has none), and every unit holding a variant in the
project's source language and one in the target language, whichever of them
the file calls its source (an en->zh memory serves a zh->en project, read in
reverse). Tags are compared by language and script (pipeline.langtags): `zh-CN`
is Simplified Chinese, `zh-TW` is not. Inline codes (`bpt`, `ept`, `it`, `ph`,
`ut`) stay in the text as their native code, so a unit whose target lost one of
its source's codes is marked (a lookup never offers it as exact). A unit we
cannot use is a located warning, never a traceback; elements of TMX 2.0 drafts
get one note. The XML is parsed with entities, DTD loading and the network off;
any encoding with a BOM is read as the BOM says.
"""

from __future__ import annotations

import codecs
import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import __version__
from ..errors import PipelineError
from ..langtags import normal_tag, same_language
from ..xmlsafe import ENTITY_ERROR, entity_line, safe_parser
from .model import MemoryUnit, UnitKind

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline elements whose content is native markup, not text (TMX 1.4b §3.7).
_CODE_ELEMENTS = frozenset({"bpt", "ept", "it", "ph", "ut"})
_TEXT_ELEMENTS = frozenset({"hi"})  # highlighted text: its content is text
# Elements of the TMX 2.0 drafts (GALA) that 1.4b does not have.
_TMX2_ELEMENTS = frozenset({"sc", "ec", "pc", "sm", "em", "cp"})
_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32LE"), (codecs.BOM_UTF32_BE, "UTF-32BE"),
         (codecs.BOM_UTF8, "UTF-8"), (codecs.BOM_UTF16_LE, "UTF-16LE"),
         (codecs.BOM_UTF16_BE, "UTF-16BE"))


class TmxError(PipelineError):
    pass


class SkipReason(enum.Enum):
    NO_SOURCE = "no variant in the source language"
    NO_TARGET = "no variant in the target language"
    ONE_LANGUAGE = "every variant is in one language"
    EMPTY = "empty segment"


@dataclass(frozen=True)
class TmxWarning:
    line: int
    message: str


@dataclass
class TmxReading:
    units: list[MemoryUnit] = field(default_factory=list)
    read: int = 0                                   # tu elements seen
    skipped: Counter[SkipReason] = field(default_factory=Counter)
    target_languages: set[str] = field(default_factory=set)
    reversed: int = 0        # usable units whose srclang is the project's target language
    lost_codes: int = 0      # usable units whose target lost an inline code of the source
    warnings: list[TmxWarning] = field(default_factory=list)  # one per unit not used
    notes: list[TmxWarning] = field(default_factory=list)     # about the file as a whole
    version: str = ""


@dataclass(frozen=True)
class _Variant:
    lang: str
    text: str
    codes: tuple[str, ...]
    created: str


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


def _localname(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _code_text(element: etree._Element) -> str:
    """An inline code as its native markup; an empty one as `{i}` / `{/i}` / `{x}`."""
    native = "".join(element.itertext())
    if native:
        return native
    number = element.get("i") or element.get("x") or element.get("id") or ""
    return "{/" + number + "}" if _localname(element) in ("ept", "ec") else "{" + number + "}"


def _seg_parts(seg: etree._Element, parts: list[str], codes: list[str],
               unknown: set[str]) -> None:
    parts.append(seg.text or "")
    for child in seg:
        name = _localname(child)
        if name in _CODE_ELEMENTS or name in _TMX2_ELEMENTS:
            if name in _TMX2_ELEMENTS:
                unknown.add(name)
            code = _code_text(child)
            parts.append(code)
            codes.append(code)
        elif name in _TEXT_ELEMENTS:
            _seg_parts(child, parts, codes, unknown)
        elif name:
            unknown.add(name)
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")


def _parser_for(data: bytes) -> etree.XMLParser:
    """Safe parsing; a BOM decides the encoding, whatever the declaration says."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    return safe_parser(encoding=encoding)


def read_tmx_root(data: bytes, path: Path) -> etree._Element:
    """The `<tmx>` element, or one located TmxError."""
    try:
        root = etree.fromstring(data, _parser_for(data))
    except etree.XMLSyntaxError as exc:
        message = exc.msg.split(", line ")[0] if exc.msg else "not well-formed XML"
        raise TmxError(f"malformed TMX: {message}", path, exc.lineno or 1) from None
    line = entity_line(root, data)
    if line is not None:
        raise TmxError(f"this TMX {ENTITY_ERROR}", path, line)
    if _localname(root) != "tmx":
        raise TmxError(f"not a TMX file: the root element is <{_localname(root)}>",
                       path, root.sourceline)
    return root


def parse_tmx(data: bytes, path: Path, target_lang: str | None,
              origin_file: str, source_lang: str = "zh-Hans") -> TmxReading:
    """TMX bytes -> units for `source_lang` -> `target_lang` (None: any other language)."""
    root = read_tmx_root(data, path)
    header = root.find("{*}header")
    body = root.find("{*}body")
    if header is None or body is None:
        raise TmxError("malformed TMX: <tmx> needs a <header> and a <body>", path,
                       root.sourceline)
    reading = TmxReading(version=root.get("version", ""))
    if reading.version.startswith("2"):
        reading.notes.append(TmxWarning(root.sourceline or 1, f"TMX {reading.version}: read "
                                        "as 1.4b (its inline codes kept as placeholders)"))
    declared = header.get("srclang", "")
    unknown: set[str] = set()
    for tu in body.iter("{*}tu"):
        reading.read += 1
        _read_unit(tu, declared, source_lang, target_lang, origin_file, reading, unknown)
    if unknown:
        names = ", ".join(f"<{n}>" for n in sorted(unknown))
        reading.notes.append(TmxWarning(body.sourceline or 1, f"inline elements {names} are "
                                        "not TMX 1.4b (TMX 2.0?): kept as placeholders"))
    return reading


def _variants(tu: etree._Element, unknown: set[str]) -> list[_Variant]:
    found = []
    for tuv in tu.iterfind("{*}tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
        seg = tuv.find("{*}seg")
        parts: list[str] = []
        codes: list[str] = []
        if seg is not None:
            _seg_parts(seg, parts, codes, unknown)
        found.append(_Variant(lang, "".join(parts).strip(), tuple(codes),
                              tuv.get("creationdate", "")))
    return found


def _read_unit(tu: etree._Element, declared: str, source_lang: str, target_lang: str | None,
               origin_file: str, reading: TmxReading, unknown: set[str]) -> None:
    line = tu.sourceline or 0
    variants = _variants(tu, unknown)
    source = next((v for v in variants if same_language(v.lang, source_lang)), None)
    others = [v for v in variants if not same_language(v.lang, source_lang)]
    reading.target_languages.update(normal_tag(v.lang) for v in others if source is not None)
    wanted = target_lang or "any other language"
    target = next((v for v in others if target_lang is None
                   or same_language(v.lang, target_lang)), None)
    if source is None or target is None:
        if len(variants) > 1 and all(same_language(v.lang, variants[0].lang) for v in variants):
            reason = SkipReason.ONE_LANGUAGE
        else:
            reason = SkipReason.NO_SOURCE if source is None else SkipReason.NO_TARGET
        missing = source_lang if source is None else wanted
        languages = sorted({normal_tag(v.lang) for v in variants})
        reading.skipped[reason] += 1
        listed = ", ".join(languages) or "none"
        message = f"every variant is in one language ({listed})" \
            if reason is SkipReason.ONE_LANGUAGE else f"no {missing} variant (it has {listed})"
        reading.warnings.append(TmxWarning(line, f"unit not used: {message}"))
        return
    if not source.text or not target.text:
        reading.skipped[SkipReason.EMPTY] += 1
        reading.warnings.append(TmxWarning(line, "unit not used: empty segment"))
        return
    unit_source = tu.get("srclang") or declared
    if target_lang is not None and same_language(unit_source, target_lang):
        reading.reversed += 1
    lost = sum((Counter(source.codes) - Counter(target.codes)).values()) \
        if source.codes else 0
    if lost:
        reading.lost_codes += 1
    props = {p.get("type", ""): (p.text or "") for p in tu.iterfind("{*}prop")}
    reading.units.append(MemoryUnit(
        source.text, target.text, origin_file, line,
        props.get("x-segment-id", tu.get("tuid", "")), UnitKind.SEGMENT,
        props.get("x-article", ""), tu.get("creationdate") or target.created or "",
        lost_codes=lost))
