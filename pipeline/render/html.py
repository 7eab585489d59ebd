"""Bilingual and English-only HTML pages from Jinja2 templates (autoescaped)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..model import Article, SegmentKind
from .blocks import group_blocks, split_article
from .inline import plain, render_inline
from .pairs import Pair

SAFE_IMAGE_PREFIXES = ("http://", "https://", "//", "data:", "javascript:", "vbscript:")


@dataclass(frozen=True)
class ArticleListing:
    slug: str
    title: str
    locales: list[tuple[str, float, str]]  # (locale, percent, bilingual page href)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("pipeline", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals.update(zh=_zh_html, en=_en_html, plain=plain, kinds=SegmentKind,
                       image_src=_image_src, asset=_asset)
    return env


def _zh_html(pair: Pair) -> Markup:
    return render_inline(pair.segment.text, pair.source_terms, side="zh")


def _en_html(pair: Pair) -> Markup:
    if pair.is_fallback:
        return render_inline(pair.segment.text, pair.source_terms, side="zh")
    return render_inline(pair.target, pair.target_terms, side="en")


def _image_src(src: str) -> str:
    # Pages are self-contained: only relative image paths, never remote or script URLs.
    return "" if src.strip().lower().startswith(SAFE_IMAGE_PREFIXES) else src


@lru_cache(maxsize=None)
def _asset(name: str) -> Markup:
    """CSS/JS inlined into the page so it works offline as a single file."""
    text = resources.files("pipeline").joinpath("static", name).read_text(encoding="utf-8")
    return Markup(text.replace("</", "<\\/") if name.endswith(".js") else text)


def render_bilingual_html(article: Article, pairs: list[Pair], locale: str) -> str:
    return environment().get_template("bilingual.html.j2").render(
        article=article, parts=split_article(pairs), blocks=group_blocks(split_article(pairs)["body"]),
        locale=locale, toc=_toc(pairs), title=_title(article, pairs), bilingual=True)


def render_english_html(article: Article, pairs: list[Pair], locale: str) -> str:
    return environment().get_template("english.html.j2").render(
        article=article, parts=split_article(pairs), blocks=group_blocks(split_article(pairs)["body"]),
        locale=locale, toc=_toc(pairs), title=_title(article, pairs), bilingual=False)


def render_index_html(listings: list[ArticleListing]) -> str:
    return environment().get_template("index.html.j2").render(listings=listings)


def _title(article: Article, pairs: list[Pair]) -> str:
    for pair in pairs:
        if pair.segment.kind == SegmentKind.TITLE:
            return plain(pair.target)
    return article.slug


def _toc(pairs: list[Pair]) -> list[Pair]:
    return [p for p in pairs if p.segment.kind == SegmentKind.HEADING]
