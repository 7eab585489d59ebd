"""Bilingual and target-only HTML pages from Jinja2 templates (autoescaped).

Every page is one self-contained file: CSS and JS are inlined, the English serif
comes from fonts/ beside it where the build shipped one (render/fonts) and the
reader's fonts otherwise, and a Content-Security-Policy (hashes of the inlined
assets, same-origin fonts and images, nothing else) makes the browser refuse any
network request.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..catalog.stats import Status
from ..config import Publication
from ..model import Article, SegmentKind
from .blocks import group_blocks, paragraph_numbers, split_article
from .credits import source_credits, target_credits
from .editions import BILINGUAL_PAGE, DASHBOARD_PAGE, PROOF_PAGE, TARGET_PAGE, page_name
from .fonts import font_face_css, installed_faces
from .images import is_local_image
from .inline import gloss_id, plain, render_inline
from .pairs import FALLBACK_LABELS, Pair
from .phrases import with_phrase_breaks
from .sentences import NO_GROUPS, SENTENCE_KINDS, SentenceGroups, sentence_groups

ASSETS = ("article.css", "article.js")
PINYIN_LANG = "zh-Latn-pinyin"  # BCP 47 for Hanyu Pinyin
UI_LANG = "en"  # the language of the page's own labels (toolbar, contents, colophon)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"([\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”]*)")


@dataclass(frozen=True)
class Gloss:
    """A term's hidden description (what aria-describedby on its <dfn> points at)."""

    id: str
    counterpart: str
    counterpart_lang: str
    pinyin: str
    gloss: str  # for readers; the translator's note never comes here


@dataclass(frozen=True)
class KeyTerm:
    """One entry of the target-only page's "Key terms": a glossed term the text uses."""

    target: str
    source: str
    pinyin: str
    gloss: str


@dataclass(frozen=True)
class TitleBlock:
    """What the masthead prints beside the translated segments (from front matter, config)."""

    date: str = ""
    source: tuple[str, ...] = ()  # publication, issue, pages
    source_url: str = ""
    translator: str = ""


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("pipeline", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True,
                      auto_reload=False)  # package files: compiled once, never re-checked
    env.globals.update(zh=_zh_html, target_html=_target_html, plain=plain, kinds=SegmentKind,
                       reader_date=reader_date, image_src=_image_src, asset=_asset, language_name=language_name,
                       font_css=lambda: Markup(font_css()),
                       language_label=language_label, mixed=_mixed, dashboard_href=DASHBOARD_PAGE,
                       source_credits=source_credits, target_credits=target_credits,
                       fallback_label=lambda status: FALLBACK_LABELS[status],
                       fallback_labels=FALLBACK_LABELS, fuzzy_status=Status.FUZZY,
                       untranslated_status=Status.UNTRANSLATED, remembered=remembered)
    return env


@lru_cache(maxsize=32768)
def remembered(template: str, macro: str, *args: Hashable) -> Markup:
    """A macro's output, rendered once per run for given arguments: the rows a page
    repeats at every mention (a term's description) and every page of an archive
    repeats. The macro must depend on its arguments and the globals only."""
    return Markup(getattr(environment().get_template(template).module, macro)(*args))


# Set large with `word-break: keep-all`: they break between phrases only (render/phrases).
_PHRASED_KINDS = frozenset({SegmentKind.TITLE, SegmentKind.HEADING})


@pass_context  # the article's language: Traditional Chinese has its own phrase model
def _zh_html(context: Context, pair: Pair, locale: str = "") -> Markup:
    html = render_inline(pair.segment.text, pair.source_terms, side="zh",
                         sentences=_groups(pair, locale).source)
    if pair.segment.kind in _PHRASED_KINDS:
        html = with_phrase_breaks(html, context["article"].source_lang)
    return _note_label(pair) + html


def _target_html(pair: Pair, marks: bool = True, locale: str = "") -> Markup:
    """`locale` (the bilingual page's) sets the pair's sentence groups; without it, none."""
    if pair.is_fallback:
        return _note_label(pair) + render_inline(pair.segment.text)
    return _note_label(pair) + render_inline(pair.target, pair.target_terms if marks else (),
                                             side="target",
                                             sentences=_groups(pair, locale).target)


def _groups(pair: Pair, locale: str) -> SentenceGroups:
    """The pair's sentence groups on the bilingual page (see render/sentences)."""
    if not locale or pair.is_fallback or pair.segment.kind not in SENTENCE_KINDS:
        return NO_GROUPS
    return sentence_groups(pair.segment.text, pair.target, locale)


def _note_label(pair: Pair) -> Markup:
    """A footnote starts with the label its references show (`[^1]` -> 1)."""
    if pair.segment.kind != SegmentKind.FOOTNOTE:
        return Markup("")
    return Markup('<sup class="fn-label">{}</sup> ').format(pair.segment.note)


@lru_cache(maxsize=8192)  # notes and messages repeat on every page that lists them
def _mixed(text: str, source_lang: str) -> Markup:
    """Target text that quotes Chinese: the Chinese runs get their own lang."""
    lang = escape(source_lang)
    return Markup("".join(
        f'<span lang="{lang}">{escape(part)}</span>' if _HAN.match(part) else escape(part)
        for part in _HAN_RUN.split(text) if part))


def _image_src(src: str) -> str:
    return src if is_local_image(src) else ""


def _asset_text(name: str) -> str:
    text = resources.files("pipeline").joinpath("static", name).read_text(encoding="utf-8")
    return text.replace("</", "<\\/") if name.endswith(".js") else text


@cache
def _asset(name: str) -> Markup:
    """CSS/JS inlined into the page so it works offline as a single file."""
    return Markup(_asset_text(name))


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode(
        "ascii") + "'"


@cache  # the machine's fonts do not change during a run
def font_css() -> str:
    """The shipped faces' @font-face rules, a stylesheet of their own ("" without them)."""
    return font_face_css(installed_faces())


@cache  # the assets are part of the installed package: one digest per run
def content_security_policy() -> str:
    """Allow exactly the inlined stylesheets and script (by hash), local images and
    the fonts shipped beside the page."""
    styles = " ".join(_digest(text) for text in (_asset_text("article.css"), font_css()) if text)
    fonts = "font-src 'self'; " if font_css() else ""
    return (f"default-src 'none'; style-src {styles}; "
            f"script-src {_digest(_asset_text('article.js'))}; {fonts}"
            "img-src 'self'; base-uri 'none'; form-action 'none'")


def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=256)  # babel parses CLDR data per call; each page asks several times
def language_name(code: str, in_lang: str = UI_LANG) -> str:
    """A language's name in `in_lang` (babel's CLDR data): fr → French."""
    locale, where = _locale(code.split("-")[0]), _locale(in_lang)
    name = locale.get_display_name(where) if locale and where else None
    return (name[:1].upper() + name[1:]) if name else code


def language_label(code: str) -> str:
    """A language's own name for itself (中文, English, Français): for view switches."""
    return language_name(code, code.split("-")[0])


def _glosses(pairs: list[Pair], source_lang: str, locale: str) -> list[Gloss]:
    found: dict[str, Gloss] = {}
    for pair in pairs:
        for side, spans in (("zh", pair.source_terms), ("target", pair.target_terms)):
            for span in spans:
                ident = gloss_id(span.key, side)
                if ident not in found:
                    found[ident] = Gloss(
                        ident, span.target if side == "zh" else span.key,
                        locale if side == "zh" else source_lang, span.pinyin, span.gloss)
    return list(found.values())


def key_terms(pairs: list[Pair]) -> list[KeyTerm]:
    """Glossed terms in the order the translation first uses them."""
    found: dict[str, KeyTerm] = {}
    for pair in pairs:
        for span in pair.target_terms:
            if span.gloss and span.key not in found:
                found[span.key] = KeyTerm(pair.target[span.start:span.end], span.key,
                                          span.pinyin, span.gloss)
    return list(found.values())


def title_block(article: Article, publication: Publication,
                pairs: Sequence[Pair] = ()) -> TitleBlock:
    """The title block's metadata; the publication in translation where the catalog
    has it, else as the front matter writes it."""
    info = article.info
    name = info.publication
    for pair in pairs:
        if pair.segment.kind == SegmentKind.PUBLICATION and not pair.is_fallback:
            name = plain(pair.target)
    return TitleBlock(date=info.date,
                      source=tuple(p for p in (name, info.issue, info.pages) if p),
                      source_url=info.source_url,
                      translator=info.translator or publication.translator)


def page_context(article: Article, pairs: list[Pair], locale: str, bilingual: bool,
             publication: Publication) -> dict[str, object]:
    parts = split_article(pairs)
    source = article.source_lang.split("-")[0]
    bilingual_href, target_href, proof_href = (
        page_name(pattern, article.slug, source, locale)
        for pattern in (BILINGUAL_PAGE, TARGET_PAGE, PROOF_PAGE))
    fallback = [p for p in pairs if p.is_fallback]
    title = _title(article, pairs)
    return dict(
        article=article, parts=parts, blocks=group_blocks(parts["body"]), locale=locale,
        numbers=paragraph_numbers(pairs),
        toc=_toc(pairs), title=title, source_title=_source_title(article, pairs),
        bilingual=bilingual, glosses=_glosses(pairs, article.source_lang, locale) if bilingual else [],
        key_terms=key_terms(pairs), marks=bilingual,
        sentence_locale=locale if bilingual else "",  # sentence groups: bilingual page only
        bilingual_href=bilingual_href, target_href=target_href, proof_href=proof_href,
        source_label=language_label(article.source_lang), target_label=language_label(locale),
        target_name=language_name(locale), ui_lang=UI_LANG, publication=publication,
        pinyin_lang=PINYIN_LANG,
        info=title_block(article, publication, pairs),
        # The print header (an @page margin box) that article.js adds: a per-page
        # stylesheet would need its own CSP hash wherever the page is served.
        running_head=(f"{title} · {_source_title(article, pairs)}" if bilingual
                      and title != _source_title(article, pairs) else f"{title} · {publication.name}"),
        csp=content_security_policy(),
        canonical=canonical_url(publication, bilingual_href if bilingual else target_href),
        counts=dict(total=len(pairs), fallback=len(fallback),
                    fuzzy=sum(1 for p in fallback if p.status.value == "fuzzy")),
    )


def render_bilingual_html(article: Article, pairs: list[Pair], locale: str,
                          publication: Publication = Publication()) -> str:
    return environment().get_template("bilingual.html.j2").render(
        **page_context(article, pairs, locale, True, publication))


def render_target_html(article: Article, pairs: list[Pair], locale: str,
                       publication: Publication = Publication()) -> str:
    return environment().get_template("target.html.j2").render(
        **page_context(article, pairs, locale, False, publication))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def reader_date(iso: str) -> str:
    """The front matter's 2024-01-15 as a reader reads it: 15 January 2024 (or
    January 2024); anything that is not an ISO date is shown as written."""
    match = _ISO_DATE.fullmatch(iso)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return iso
    year, month, day = match.group(1), _MONTHS[int(match.group(2)) - 1], match.group(3)
    return f"{int(day)} {month} {year}" if day else f"{month} {year}"


def canonical_url(publication: Publication, page: str) -> str:
    """Where the page lives once published (`[publication] url`), for search engines
    and shared links; empty when the publication has no address."""
    return f"{publication.url.rstrip('/')}/{page}" if publication.url else ""


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
