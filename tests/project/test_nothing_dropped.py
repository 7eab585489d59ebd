"""Nothing in a source vanishes without a word (issue 27): footnotes are
segments and notes in the editions; what markdown-it would read as something
else (a link definition, a footnote nothing refers to) is an error with its
line; an article file whose name is no slug is an error naming the rule; and
hostile links or tags in a translation are inert in every edition."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import polib
import pytest
from support import make_project

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.model import SegmentKind
from pipeline.source import parse_article

NOTED = "---\ntitle: 标题\n---\n\n产业是引擎注[^1]。\n\n[^1]: 这是脚注的正文。\n"


def test_a_footnote_is_a_segment_of_its_own() -> None:
    article = parse_article(NOTED, Path("content/a.md"))
    note = article.segments[-1]
    assert (note.kind, note.text, note.note, note.id, note.line_start) == (
        SegmentKind.FOOTNOTE, "这是脚注的正文。", "1", "fn-1", 7)
    assert article.segments[-2].text == "产业是引擎注[^1]。"  # the reference stays in place


@pytest.mark.parametrize("text, line, message", [
    ("段落。\n\n[x]: 中文\n", 3, "read as a link definition"),
    ("段落。\n\n[注释]: http://example.com\n", 3, "read as a link definition"),
    ("见[链接][y]。\n\n[y]: http://a.example \"标题\"\n", 3, "title is never translated"),
    ("段落。\n\n[^2]: 没有人引用的脚注。\n", 3, "a footnote nothing refers to"),
    ("段落\x00一。\n", 1, "NUL character"),
    ("段落。\n\n第二段\x00。\n", 3, "NUL character"),
])
def test_text_that_would_vanish_is_an_error_with_its_line(text: str, line: int,
                                                          message: str) -> None:
    with pytest.raises(PipelineError, match=message) as caught:
        parse_article(text, Path("content/a.md"))
    assert caught.value.line == line


def test_a_link_definition_the_text_uses_is_fine() -> None:
    article = parse_article("见[链接][y]。\n\n[y]: http://a.example\n", Path("content/a.md"))
    assert [s.text for s in article.segments] == ["见[链接][y]。"]


def test_an_article_name_outside_the_slug_rule_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"good": "段落。\n", "Town": "镇上的段落。\n"})
    for command in (["extract"], ["check"], ["status"]):
        assert main(["-C", str(tmp_path), *command]) == 2
        err = capsys.readouterr().err
        assert "Town.md" in err and "not a valid article name" in err and "town.md" in err
        assert "Traceback" not in err
    (tmp_path / "content/.#good.md").write_text("lock", encoding="utf-8")  # an editor's
    (tmp_path / "content/Town.md").rename(tmp_path / "content/town.md")
    assert main(["-C", str(tmp_path), "extract"]) == 0


def _built(tmp_path: Path, translations: dict[str, str], source: str = NOTED) -> Path:
    make_project(tmp_path, {"a": source})
    assert main(["-C", str(tmp_path), "update", "--locale", "en", "--create"]) == 0
    path = tmp_path / "locales/en/LC_MESSAGES/a.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = translations.get(entry.msgid, "Translated.")
    po.save()
    assert main(["-C", str(tmp_path), "build"]) == 0
    return tmp_path / "build"


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_footnotes_are_notes_in_every_edition(tmp_path: Path) -> None:
    build = _built(tmp_path, {"产业是引擎注[^1]。": "Industry is the engine[^1].",
                              "这是脚注的正文。": "The body of the note."})
    for name in ("a.en.md", "a.zh-en.md"):
        text = (build / name).read_text(encoding="utf-8")
        assert "[^1]: " in text and "The body of the note." in text, name
        assert "Industry is the engine[^1]." in text
    page = (build / "a.en.html").read_text(encoding="utf-8")
    assert 'id="fn-1"' in page and "The body of the note." in page
    assert '<a href="#fn-1">1</a>' in page  # the reference links to its note


HOSTILE = {
    "标题": "Title <script>alert(1)</script>",
    "产业是引擎注[^1]。": "A [live](javascript:alert(1)) and [coded](&#106;avascript:alert(2)) "
                          "link, <javascript:alert(3)> and [fine](https://example.org)[^1].",
}


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_hostile_links_and_tags_are_inert_in_every_edition(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt
    build = _built(tmp_path, HOSTILE)
    permissive = MarkdownIt("commonmark", {"html": True})
    permissive.validateLink = lambda url: True  # type: ignore[method-assign]  # a lax renderer
    for name in ("a.en.md", "a.zh-en.md"):
        text = (build / name).read_text(encoding="utf-8")
        front, body = text.split("\n---\n", 1)
        assert "<script" not in front, name  # a site generator may paste it raw
        html = permissive.render(body)
        hrefs = [unescape(h).strip().lower() for h in re.findall(r'href="([^"]*)"', html)]
        schemes = [h for h in hrefs if re.match(r"[a-z][a-z0-9+.-]*:", h)]
        assert schemes == ["https://example.org"], (name, hrefs)  # web links stay links
        assert "<script" not in html
    for name in ("a.en.html", "a.zh-en.html"):
        page = (build / name).read_text(encoding="utf-8")
        assert 'href="javascript' not in page.lower() and "<script>alert" not in page
