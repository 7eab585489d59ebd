"""The Markdown editions read back (markdown-it-py) to the same pairs as the HTML pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from pipeline.catalog.stats import Status
from pipeline.model import Segment, SegmentKind
from pipeline.render.markdown import (
    FALLBACK_MARK,
    reading_order,
    render_bilingual_markdown,
    render_table_markdown,
    render_target_markdown,
)
from pipeline.render.pairs import Pair

SLUGS = ["shangdang", "structures"]
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    """Whitespace collapsed; ":" and "·" dropped, since the HTML sets credits as a
    role/name list where the Markdown keeps the line (`Role: Name · Role: Name`)."""
    text = re.sub(r"[:·]|(?<=[\u4e00-\u9fff])/(?=[\u4e00-\u9fff])", " ", text)
    return _SPACE.sub(" ", text).strip()


# The fallback marks as written and as _norm leaves them ("[Fuzzy: …" → "[Fuzzy …").
MARKERS = tuple(dict.fromkeys(form for mark in FALLBACK_MARK.values()
                              for raw in [re.sub(r"[*]", "", mark)]
                              for form in (raw + " ", _norm(raw) + " ")))


# --- HTML side -------------------------------------------------------------------------

class _PairText(HTMLParser):
    """Text of the .zh and .en side of every [data-segment] element, in document order
    (notes on passages in progress and permalinks left out)."""

    VOID = frozenset({"img", "br", "hr", "input", "meta", "link", "wbr", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str | None, str | None, bool]] = []  # segment, side, skip
        self.order: list[str] = []
        self.text: dict[tuple[str, str], str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        segment, side, skip = self.stack[-1] if self.stack else (None, None, False)
        if a.get("data-segment"):
            segment, side = a["data-segment"], None
            self.order.append(segment)
        side = "zh" if "zh" in classes else "en" if "target" in classes else side
        skip = skip or "badge" in classes or "pending-note" in classes or "permalink" in classes
        self.stack.append((segment, side, skip))
        if tag in ("dt", "dd") and segment and side:  # credit roles and names
            self.text[(segment, side)] = self.text.get((segment, side), "") + " "

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack:
            segment, side, skip = self.stack[-1]
            if segment and side and not skip:
                key = (segment, side)
                self.text[key] = self.text.get(key, "") + data


def html_pairs(path: Path, sides: tuple[str, ...] = ("zh", "en")) -> list[tuple[str, ...]]:
    parser = _PairText()
    parser.feed(path.read_text(encoding="utf-8"))
    return [tuple(_norm(parser.text.get((seg, side), "")) for side in sides)
            for seg in parser.order]


def bilingual_html_pairs(path: Path) -> list[tuple[str, ...]]:
    """Beside the Chinese, the HTML page shows only the note where the translation is in
    progress; the Markdown shows the note and the Chinese again (it has no columns)."""
    return [(zh, en or zh) for zh, en in html_pairs(path)]


# --- Markdown side ---------------------------------------------------------------------

def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def _inline_text(token: Token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(_inline_text(child))
    return _norm("".join(out))


def _units(tokens: list[Token]) -> list[tuple[str, object]]:
    """Block-level texts in order: ("text", str), ("image", (alt, title)), ("table", [cells])."""
    units: list[tuple[str, object]] = []
    table: list[str] | None = None
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline" and heading:
            units.append(("heading", _inline_text(token)))
        elif token.type == "table_open":
            table = []
        elif token.type == "table_close":
            units.append(("table", table))
            table = None
        elif token.type == "inline":
            children = token.children or []
            if table is not None:
                table.append(_inline_text(token))
            elif len(children) == 1 and children[0].type == "image":
                image = children[0]
                units.append(("image", (_inline_text(image), _norm(image.attrGet("title") or ""))))
            else:
                units.append(("text", _inline_text(token)))
    return units


def markdown_pairs(text: str) -> list[tuple[str, str]]:
    """Interleaved Markdown back to (source, target) pairs."""
    tokens = _parser().parse(text)
    assert tokens[0].type == "front_matter"
    units, pairs, i = _units(tokens[1:]), [], 0
    while i < len(units):
        kind, value = units[i]
        if kind == "image":
            pairs.append(value)
            i += 1
            continue
        if kind == "heading":  # one heading: "source / target"
            source, _, target = value.partition(" / ")
            pairs.append((source, target))
            i += 1
            continue
        other_kind, other = units[i + 1]
        assert other_kind == kind, f"unpaired block {value!r}"
        if kind == "table":
            pairs.extend(zip(value, other, strict=False))
        else:
            pairs.append((value, other))
        i += 2
    return pairs


def markdown_singles(text: str) -> list[str]:
    out: list[str] = []
    for kind, value in _units(_parser().parse(text)[1:]):
        out.extend(value if kind == "table" else [value[0]] if kind == "image" else [value])
    return out


def markdown_ids(text: str) -> list[str]:
    """The segment IDs the Markdown carries as HTML comments, in order."""
    return [i for group in re.findall(r"<!-- ((?:[\w-]+ ?)+) -->", text) for i in group.split()
            if group != "end of list"]


def table_pairs(text: str) -> list[tuple[str, str]]:
    tokens = _parser().parse(text)
    units = _units(tokens[1:])
    assert len(units) == 1 and units[0][0] == "table", "table style is a single table"
    cells = units[0][1]
    rows = [cells[i:i + 3] for i in range(0, len(cells), 3)]
    assert rows[0][0] == "ID"
    return [(zh, en) for _id, zh, en in rows[1:]]


def _strip_marker(text: str) -> str:
    for marker in MARKERS:
        if text.startswith(marker):
            return text[len(marker):]
    return text


# --- Tests -----------------------------------------------------------------------------

@pytest.mark.parametrize("slug", SLUGS)
def test_interleaved_markdown_reads_back_to_the_html_pairs(edition_site, slug):
    md = (edition_site.build_dir / f"{slug}.zh-en.md").read_text(encoding="utf-8")
    expected = bilingual_html_pairs(edition_site.build_dir / f"{slug}.zh-en.html")
    got = [(zh, _strip_marker(en)) for zh, en in markdown_pairs(md)]
    assert got == expected
    article, _pairs = edition_site.pairs(slug)
    assert len(got) == len(article.segments)


@pytest.mark.parametrize("slug", SLUGS)
def test_table_markdown_reads_back_to_the_html_pairs(edition_site, slug):
    article, pairs = edition_site.pairs(slug)
    md = render_table_markdown(article, pairs, "en")
    expected = bilingual_html_pairs(edition_site.build_dir / f"{slug}.zh-en.html")
    assert [(zh, _strip_marker(en)) for zh, en in table_pairs(md)] == expected


@pytest.mark.parametrize("slug", SLUGS)
def test_english_markdown_matches_the_english_page(edition_site, slug):
    md = (edition_site.build_dir / f"{slug}.en.md").read_text(encoding="utf-8")
    expected = [en for (en,) in html_pairs(edition_site.build_dir / f"{slug}.en.html", ("en",))]
    assert [_strip_marker(t) for t in markdown_singles(md)] == expected


def test_fallback_segments_are_marked_and_show_the_source(edition_site):
    md = (edition_site.build_dir / "shangdang.zh-en.md").read_text(encoding="utf-8")
    marked = [(zh, en) for zh, en in markdown_pairs(md) if en.startswith(MARKERS)]
    assert len(marked) == 2  # one untranslated, one fuzzy
    assert {_norm(en.split("]")[0]) for _zh, en in marked} == {
        _norm("[Chinese only — translation in progress")}  # the same to a reader
    assert all(_strip_marker(en) == zh for zh, en in marked)


def test_front_matter_is_public_and_minimal(edition_site):
    md = (edition_site.build_dir / "shangdang.zh-en.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(_parser().parse(md)[0].content)
    assert meta == {"title": edition_site.translated["title"],
                    "original_title": "产业焕新姿 蝶变向新行", "lang": ["zh-Hans", "en"]}
    single = yaml.safe_load(_parser().parse(
        (edition_site.build_dir / "shangdang.en.md").read_text(encoding="utf-8"))[0].content)
    assert single == {"title": edition_site.translated["title"], "lang": "en"}


def test_one_top_heading_and_one_heading_per_section(edition_site):
    md = (edition_site.build_dir / "shangdang.zh-en.md").read_text(encoding="utf-8")
    tokens = _parser().parse(md)
    levels = [t.tag for t in tokens if t.type == "heading_open"]
    article, _ = edition_site.pairs()
    headings = sum(1 for s in article.segments if s.kind == SegmentKind.HEADING)
    assert levels == ["h1"] + ["h2"] * headings
    assert f"\n# 产业焕新姿 蝶变向新行 / {edition_site.translated['title']}\n" in md


def test_target_paragraphs_are_quoted_and_ids_mark_every_pair(edition_site):
    md = (edition_site.build_dir / "shangdang.zh-en.md").read_text(encoding="utf-8")
    _article, _ = edition_site.pairs()
    ordered = [p.segment.id for p in reading_order(edition_site.pairs()[1])]
    assert markdown_ids(md) == ordered
    body = md.split("\n---\n", 1)[1]
    assert f"\n> {edition_site.translated['s-cfdaa0a7']}\n" in body
    rendered = _parser().render(md)
    assert "<!-- s-cfdaa0a7 -->" in rendered  # kept as a comment: invisible, findable
    table = (edition_site.build_dir / "structures.zh-en.md").read_text(encoding="utf-8")
    assert markdown_ids(table)  # tables and lists carry theirs too


def test_table_style_has_an_id_column(edition_site):
    article, pairs = edition_site.pairs()
    md = render_table_markdown(article, pairs, "en")
    lines = [line for line in md.splitlines() if line.startswith("| ")]
    assert lines[0] == "| ID | 中文 | English |"
    assert [line.split(" | ")[0][2:].strip("`") for line in lines[2:]] == \
        [p.segment.id for p in reading_order(pairs)]


def _pair(kind: SegmentKind, text: str, target: str, **extra) -> Pair:
    return Pair(Segment(id="x", kind=kind, text=text, line_start=1, line_end=1, **extra),
                target, Status.TRANSLATED)


@pytest.mark.parametrize("target", ["1. A year of growth", "# not a heading", "> not a quote",
                                    "- not a list", "***", "[ref]: /not-a-definition",
                                    "<div>not html</div>", "line one\n2) line two"])
def test_translations_never_turn_into_other_blocks(edition_site, target):
    article, _ = edition_site.pairs()
    pair = _pair(SegmentKind.PARAGRAPH, "一段话。", target)
    md = render_bilingual_markdown(article, [pair], "en")
    tokens = _parser().parse(md)[1:]
    assert [t.type for t in tokens if t.level == 0 and t.nesting != -1] == \
        ["html_block", "paragraph_open", "blockquote_open"]
    assert markdown_pairs(md)[0][1] == _norm(target)
    single = render_target_markdown(article, [_pair(SegmentKind.HEADING, "标题", "C# #", level=2)], "en")
    assert markdown_singles(single) == ["C# #"]
