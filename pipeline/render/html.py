"""Bilingual and English-only HTML pages from Jinja2 templates (autoescaped).

Every page is one self-contained file: CSS and JS are inlined, fonts are the
reader's system fonts, and a Content-Security-Policy (hashes of the inlined
assets, nothing else) makes the browser refuse any network request.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..model import Article, SegmentKind
from .blocks import group_blocks, split_article
from .editions import edition_names
from .images import is_local_image
from .inline import gloss_id, plain, render_inline
from .pairs import Pair

ASSETS = ("article.css", "article.js")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"([\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”]*)")


@dataclass(frozen=True)
class ArticleListing:
    slug: str
    title: str
    locales: list[tuple[str, float, str]]  # (locale, percent, slug of the built pages)
    translated_titles: dict[str, str] = field(default_factory=dict)  # locale -> title
    source: str = "zh"  # primary subtag of the source language, part of the file names


@dataclass(frozen=True)
class Gloss:
    """A term's hidden description (what aria-describedby on its <dfn> points at)."""

    id: str
    counterpart: str
    counterpart_lang: str
    note: str


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("pipeline", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals.update(zh=_zh_html, en=_en_html, plain=plain, kinds=SegmentKind,
                       image_src=_image_src, asset=_asset, csp=content_security_policy(),
                       language_name=language_name, mixed=_mixed, editions=edition_names)
    return env


def _zh_html(pair: Pair) -> Markup:
    return render_inline(pair.segment.text, pair.source_terms, side="zh")


def _en_html(pair: Pair) -> Markup:
    if pair.is_fallback:
        return render_inline(pair.segment.text, pair.source_terms, side="zh")
    return render_inline(pair.target, pair.target_terms, side="en")


def _mixed(text: str, source_lang: str) -> Markup:
    """English text that quotes Chinese: the Chinese runs get their own lang."""
    return Markup("").join(
        Markup('<span lang="{}">{}</span>').format(source_lang, part) if _HAN.match(part) else part
        for part in _HAN_RUN.split(text) if part)


def _image_src(src: str) -> str:
    return src if is_local_image(src) else ""


def _asset_text(name: str) -> str:
    text = resources.files("pipeline").joinpath("static", name).read_text(encoding="utf-8")
    return text.replace("</", "<\\/") if name.endswith(".js") else text


@lru_cache(maxsize=None)
def _asset(name: str) -> Markup:
    """CSS/JS inlined into the page so it works offline as a single file."""
    return Markup(_asset_text(name))


def content_security_policy() -> str:
    """Allow exactly the inlined stylesheet and script (by hash) and local images."""
    digests = {name: "'sha256-" + base64.b64encode(
        hashlib.sha256(_asset_text(name).encode("utf-8")).digest()).decode("ascii") + "'"
        for name in ASSETS}
    return ("default-src 'none'; "
            f"style-src {digests['article.css']}; script-src {digests['article.js']}; "
            "img-src 'self'; base-uri 'none'; form-action 'none'")


def language_name(code: str) -> str:
    try:
        return Locale.parse(code.replace("-", "_")).english_name or code
    except (UnknownLocaleError, ValueError):
        return code


def _glosses(pairs: list[Pair], source_lang: str, locale: str) -> list[Gloss]:
    found: dict[str, Gloss] = {}
    for pair in pairs:
        for side, spans in (("zh", pair.source_terms), ("en", pair.target_terms)):
            for span in spans:
                ident = gloss_id(span.key, side)
                if ident not in found:
                    counterpart = span.english if side == "zh" else span.key
                    found[ident] = Gloss(ident, counterpart,
                                         locale if side == "zh" else source_lang, span.note)
    return list(found.values())


def _context(article: Article, pairs: list[Pair], locale: str, bilingual: bool) -> dict:
    parts = split_article(pairs)
    names = edition_names(article.slug, article.source_lang.split("-")[0], locale)
    fallback = [p for p in pairs if p.is_fallback]
    return dict(
        article=article, parts=parts, blocks=group_blocks(parts["body"]), locale=locale,
        toc=_toc(pairs), title=_title(article, pairs), source_title=_source_title(article, pairs),
        bilingual=bilingual, glosses=_glosses(pairs, article.source_lang, locale),
        bilingual_href=names.bilingual_html, english_href=names.target_html,
        counts=dict(total=len(pairs), fallback=len(fallback),
                    fuzzy=sum(1 for p in fallback if p.status.value == "fuzzy")),
    )


def render_bilingual_html(article: Article, pairs: list[Pair], locale: str) -> str:
    return environment().get_template("bilingual.html.j2").render(
        **_context(article, pairs, locale, bilingual=True))


def render_english_html(article: Article, pairs: list[Pair], locale: str) -> str:
    return environment().get_template("english.html.j2").render(
        **_context(article, pairs, locale, bilingual=False))


def render_index_html(listings: list[ArticleListing]) -> str:
    return environment().get_template("index.html.j2").render(listings=listings)


def _title(article: Article, pairs: list[Pair]) -> str:
    for pair in pairs:
        if pair.segment.kind == SegmentKind.TITLE and not pair.is_fallback:
            return plain(pair.target)
    return _source_title(article, pairs)


def _source_title(article: Article, pairs: list[Pair]) -> str:
    for pair in pairs:
        if pair.segment.kind == SegmentKind.TITLE:
            return plain(pair.segment.text)
    return article.slug


def _toc(pairs: list[Pair]) -> list[Pair]:
    return [p for p in pairs if p.segment.kind == SegmentKind.HEADING]
