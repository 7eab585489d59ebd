"""`bilingual align`: the sentence links of every translated entry, for people
(text, side by side with confidences) and tools (json, tmx).

Aligning is the costly part (tens of milliseconds a paragraph), so each
catalog's alignments are kept in `.bilingual/cache/align.json`, with the other
stages' per-article results, under the digest of the code, the glossary and the
catalog's bytes: an unchanged catalog is read back, not aligned again."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from ..cache import ResultCache, code_fingerprint, files_digest, key_of
from ..catalog.pofile import parse_catalog, read_catalog_bytes
from ..checks.align.entries import EntryAlignment, catalog_alignments, from_json, to_json
from ..glossary import TermMatcher
from ..memory.model import MemoryUnit
from ..memory.tmx import write_tmx
from ..project import Project
from .base import Command, add_format, add_no_cache, add_scope
from .common import project_glossary, say

FORMATS = ("text", "json", "tmx")  # the first is the default


@dataclass(frozen=True)
class AlignOptions:
    article: str | None = None
    locale: str | None = None
    format: str = "text"  # one of FORMATS
    use_cache: bool = True  # --no-cache: align every catalog afresh


def align_command(project: Project, options: AlignOptions) -> int:
    locale, output_format, use_cache = options.locale, options.format, options.use_cache
    terms = TermMatcher(project_glossary(project.glossary_dir))
    stored = ResultCache.open(project.root, "align", use_cache)
    glossary = files_digest(project.glossary_dir)
    found: list[tuple[str, str, EntryAlignment]] = []
    locales = project.locales(locale)
    for slug in project.articles(options.article):
        for loc in locales:
            path = project.catalog_path(slug, loc)
            if not path.exists():
                continue
            data = read_catalog_bytes(path)
            key = key_of(code_fingerprint(), glossary, loc, data)
            hit = stored.get(f"{slug}@{loc}", key)
            if hit is None:
                entries = list(catalog_alignments(parse_catalog(data, path).po, terms, loc))
                stored.put(f"{slug}@{loc}", key, to_json(entries))
            else:
                entries = from_json(hit)
            found += [(slug, loc, e) for e in entries]
    if options.article is None and locale is None:
        stored.keep_only(f"{slug}@{loc}" for slug in project.articles(None) for loc in locales)
    stored.save()
    if output_format == "json":
        print(json.dumps([_as_json(slug, loc, e) for slug, loc, e in found],
                         ensure_ascii=False, indent=1))
    elif output_format == "tmx":
        _write_tmx(project, found, locales)
    else:
        for slug, loc, entry in found:
            _print_text(project, slug, loc, entry)
        if not found:
            say("no translated entries")
    return 0


def _as_json(slug: str, locale: str, entry: EntryAlignment) -> dict[str, object]:
    a = entry.alignment
    return {"article": slug, "locale": locale, "line": entry.line,
            "links": [{"source": a.source_of(k), "target": a.target_of(k),
                       "confidence": round(k.confidence, 3)} for k in a.links]}


def _print_text(project: Project, slug: str, locale: str, entry: EntryAlignment) -> None:
    a = entry.alignment
    say(f"{project.source_ref(slug)}:{entry.line} ({locale})")
    width = max((len(a.source_of(k)) for k in a.links), default=0)
    for k in a.links:
        source = a.source_of(k) or "—"
        # A Chinese character takes two columns in a terminal.
        pad = " " * max(0, 2 * width - _columns(source))
        say(f"  {k.confidence:4.2f} {k.shape.value:>3}  {source}{pad}  │ {a.target_of(k) or '—'}")


def _columns(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _write_tmx(project: Project, found: list[tuple[str, str, EntryAlignment]],
               locales: list[str]) -> None:
    """Sentence units (1-1 and joined links; never a sentence without a counterpart)."""
    target = (locales[0] if len(locales) == 1 else "en").replace("_", "-")
    units = [MemoryUnit(e.alignment.source_of(k), e.alignment.target_of(k),
                        project.source_ref(slug), e.line, article=slug)
             for slug, _, e in found for k in e.alignment.links if k.source and k.target]
    sys.stdout.buffer.write(write_tmx(units, project.config.publication.source_language,
                                      target, segtype="sentence"))


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_scope(parser)
    add_no_cache(parser, "ignore .bilingual/cache (align every catalog afresh)")
    add_format(parser, FORMATS, "text (default), json (article, line, links) or tmx "
                                "(sentence units)")


DESCRIPTION = (  # the -h text, and the manual's entry (pipeline/reference.py)
    "Which English sentence says which Chinese one, in every translated entry, with "
    "a confidence for each link (docs/manual/alignment.md). The links are derived "
    "from the catalogs, never stored in them; they are remembered in "
    ".bilingual/cache/align.json.")
COMMAND = Command(AlignOptions, _arguments, align_command,
                  description=DESCRIPTION)
