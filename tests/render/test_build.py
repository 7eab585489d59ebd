"""`bilingual build`: every segment paired, fallbacks marked, translator text escaped."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from support import make_project, translate

from pipeline.cli import main

SOURCE = """---
kicker: 上党区
title: 产业焕新姿 蝶变向新行
credits: 文字/白雪峰
---

产业是引擎。

## 做优特色农业

绿色特优农产品专业镇建设。

没有翻译的段落。

需要复核的段落。
"""
GLOSSARY = "专业镇,specialized town,,,policy-term,zhuānyè zhèn,\n"
# With the reader's gloss column: the note is for translators, the gloss for readers.
GLOSSED = ("term,english,variants,forbidden,type,pinyin,note,gloss\n"
           "专业镇,specialized town,,,policy-term,zhuānyè zhèn,TRANSLATOR-NOTE Oxford -ize.,"
           "A town built around one leading industry.\n"
           "上党区,Shangdang District,,,place,Shàngdǎng Qū,PLACE-NOTE pinyin + generic.\n")


class Pairs(HTMLParser):
    """Collects data-segment elements and the lang of their direct sides."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: dict[str, dict[str, object]] = {}
        self.stack: list[tuple[str, str | None]] = []
        self.scripts = 0
        self.live_handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.live_handlers += [k for k in a if k.startswith("on")]
        if tag == "script":
            self.scripts += 1
        if "data-segment" in a:
            self.pairs[str(a["data-segment"])] = {"tag": tag, "langs": [], "classes": a.get("class")}
        parent = next((s for t, s in reversed(self.stack) if s), None)
        if parent and "lang" in a and a.get("class", "") and any(
                c in (a.get("class") or "").split() for c in ("zh", "target")):
            self.pairs[parent]["langs"].append((tag, a["lang"], a.get("class")))  # type: ignore[union-attr]
        if tag not in ("meta", "link", "br", "img", "input"):
            self.stack.append((tag, a.get("data-segment")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    make_project(tmp_path, {"demo": SOURCE}, GLOSSARY)
    (tmp_path / "glossary" / "terms.csv").write_text(GLOSSED, encoding="utf-8")
    assert main(["-C", str(tmp_path), "update", "--locale", "en", "--create"]) == 0
    po = tmp_path / "locales/en/LC_MESSAGES/demo.po"
    translate(po, {
        "上党区": "Shangdang District",
        "产业焕新姿 蝶变向新行": "Industry <script>alert('x')</script> renewed",
        "文字/白雪峰": "Text: Bai Xuefeng",
        "产业是引擎。": 'Industry is the <img src=x onerror="alert(1)"> engine [link](javascript:alert(1)).',
        "做优特色农业": "Making speciality farming stronger",
        "绿色特优农产品专业镇建设。": "Building the specialized town for green produce.",
    })
    translate(po, {"需要复核的段落。": "A paragraph that needs review."}, fuzzy=True)
    catalog = polib.pofile(str(po))
    catalog.find("绿色特优农产品专业镇建设。").tcomment = "QUERY: is this the county-level town?"
    catalog.save()
    return tmp_path


def build(project: Path, *extra: str) -> int:
    """The fixture's catalog is a draft (one segment untranslated, one fuzzy): published
    with --drafts, so its pages can be read."""
    return main(["-C", str(project), "build", "--drafts", *extra])


def test_every_segment_becomes_one_aligned_pair(project: Path) -> None:
    assert build(project) == 0
    html = (project / "build/demo.zh-en.html").read_text(encoding="utf-8")
    parser = Pairs()
    parser.feed(html)
    assert len(parser.pairs) == 8
    for seg_id, pair in parser.pairs.items():
        langs = [lang for _tag, lang, _cls in pair["langs"]]  # type: ignore[union-attr]
        assert langs[:1] == ["zh-Hans"] and "en" in langs, seg_id
    heading = next(p for p in parser.pairs.values() if "pair--heading" in str(p["classes"]))
    # One heading element holds both languages (one h1 a page, no doubled outline).
    assert heading["tag"] == "h2"
    assert [t for t, _l, _c in heading["langs"]][:2] == ["span", "span"]  # type: ignore[union-attr]
    title = parser.pairs["title"]
    assert title["tag"] == "h1" and html.count("<h1") == 1
    assert [t for t, _l, _c in title["langs"]][:2] == ["span", "span"]  # type: ignore[union-attr]


def test_fallback_segments_show_source_marked_never_dropped(project: Path) -> None:
    build(project)
    html = (project / "build/demo.zh-en.html").read_text(encoding="utf-8")
    assert html.count('data-status="untranslated"') >= 2  # pair + side
    assert html.count("Chinese only — translation in progress") == 2
    for word in ("fuzzy", "Fuzzy", "Not yet translated", "NEEDS REVIEW"):  # workflow words
        assert f">{word}" not in html and f"{word}<" not in html and f" {word} " not in html
    assert html.count("没有翻译的段落。") == 1  # beside the Chinese, the note alone
    assert "A paragraph that needs review." not in html  # fuzzy text is not published
    english = (project / "build/demo.en.html").read_text(encoding="utf-8")
    assert english.count("没有翻译的段落。") == 1  # the English page shows the Chinese, noted
    assert "translated from the Chinese" in english
    md = (project / "build/demo.zh-en.md").read_text(encoding="utf-8")
    assert "*[Chinese only — translation in progress]* 没有翻译的段落。" in md
    assert "*[Chinese only — translation in progress]* 需要复核的段落。" in md


def test_translator_markup_is_escaped(project: Path) -> None:
    build(project)
    for name in ("demo.zh-en.html", "demo.en.html"):
        html = (project / "build" / name).read_text(encoding="utf-8")
        parser = Pairs()
        parser.feed(html)
        assert parser.scripts == 1  # only our own script
        assert parser.live_handlers == []
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
        assert 'href="javascript:' not in html


def test_glossary_terms_are_marked_on_both_sides(project: Path) -> None:
    build(project)
    html = (project / "build/demo.zh-en.html").read_text(encoding="utf-8")
    assert html.count('data-term="专业镇"') == 2
    assert "specialized town</dfn>" in html


def test_outputs_and_mo_and_index(project: Path) -> None:
    assert build(project) == 0
    for name in ("demo.zh-en.html", "demo.zh-en.md", "demo.en.html", "demo.en.md", "index.html"):
        assert (project / "build" / name).stat().st_size > 200
    mo = polib.mofile(str(project / "locales/en/LC_MESSAGES/demo.mo"))
    assert mo.find("产业是引擎。") is not None
    assert mo.find("需要复核的段落。") is None  # fuzzy entries are not compiled, as msgfmt
    english = (project / "build/demo.en.html").read_text(encoding="utf-8")
    body = english.split("<main", 1)[1].split("</main>")[0]
    body = re.sub(r'<section class="key-terms".*?</section>', "", body, flags=re.S)
    main_text = re.sub(r"<[^>]+>", "", body)
    # The target-only page shows Chinese only where there is no translation to show
    # (and beside each entry of its Key terms list).
    fallbacks = ("没有翻译的段落。", "需要复核的段落。")
    chinese = re.findall(r"[\u3400-\u9fff][\u3400-\u9fff\u3000-\u303f\uff00-\uffef]*", main_text)
    assert chinese and all(any(run in f for f in fallbacks) for run in chinese), chinese
    assert "http://" not in english.replace("http://www.w3.org", "")


def test_min_complete_refuses_incomplete_catalogs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(project) == 0  # an older, complete-looking build is on disk
    assert build(project, "--min-complete", "99") == 1
    assert "below --min-complete 99%; not built" in capsys.readouterr().err
    assert not (project / "build/demo.zh-en.html").exists()  # stale editions removed
    assert not (project / "build/demo.en.md").exists()
    index = (project / "build/index.html").read_text(encoding="utf-8")
    assert "demo.zh-en.html" not in index
    assert "No translation yet" not in index and 'class="entry__title"' not in index  # left out
    assert build(project, "--min-complete", "10") == 0
    assert 'class="entry__title"' in (project / "build/index.html").read_text(encoding="utf-8")


def test_a_published_catalog_with_check_errors_is_named(project: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # An outside tester's build published a wrong figure (3,086 for 3068) without a word.
    assert build(project) == 0
    err = capsys.readouterr().err
    proof = (project / "build/demo.zh-en.proof.html").read_text(encoding="utf-8")
    errors = proof.count('<span class="mark mark--error">Error</span> <code>BL')
    assert errors > 0  # the injected markup
    assert (f"locales/en/LC_MESSAGES/demo.po: published with {errors} check error"
            in err) and "demo.zh-en.proof.html" in err


def test_the_editors_page_rounds_a_percentage_down_as_build_does(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # An outside tester read 82% in one place and 81% in another for one catalog.
    assert build(project) == 0
    printed = capsys.readouterr()
    said = re.search(r"(\d+)% of the text translated", printed.out + printed.err).group(1)
    editors = (project / "build/editors.html").read_text(encoding="utf-8")
    assert re.findall(r'class="meter__value">(\d+)%', editors) == [said]


def test_article_without_catalog_is_built_from_source(project: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content/new.md").write_text("---\ntitle: 新文章\n---\n\n新段落。\n", encoding="utf-8")
    (project / "content/.#new.md").symlink_to("user@host.1234:1700000000")  # an editor's lock
    (project / "content/._new.md").write_bytes(b"\x00\x05resource fork")
    assert build(project) == 0
    assert "new.po: no catalog yet" in capsys.readouterr().err
    html = (project / "build/new.zh-en.html").read_text(encoding="utf-8")
    assert "新段落。" in html and "translation in progress" in html
    assert main(["-C", str(project), "status", "--json"]) == 0
    assert [r["article"] for r in json.loads(capsys.readouterr().out)] == ["demo", "new"]


def test_relative_images_are_copied_beside_the_pages(project: Path) -> None:
    (project / "content/img").mkdir()
    (project / "content/img/a.png").write_bytes(b"\x89PNG fake")
    (project / "content/demo.md").write_text(SOURCE + "\n![图片说明](img/a.png)\n", encoding="utf-8")
    assert main(["-C", str(project), "update"]) == 0
    assert build(project) == 0
    assert (project / "build/img/a.png").read_bytes() == b"\x89PNG fake"


def test_table_markdown_style(project: Path) -> None:
    assert build(project, "--md-style", "table") == 0
    md = (project / "build/demo.zh-en.md").read_text(encoding="utf-8")
    assert "| 做优特色农业 | Making speciality farming stronger |" in md


def test_status_counts_segments_and_characters(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(project), "status", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["segments"] == {"translated": 6, "fuzzy": 1, "untranslated": 1}
    assert row["chars"]["untranslated"] == len("没有翻译的段落。")
    assert main(["-C", str(project), "status"]) == 0
    assert "demo" in capsys.readouterr().out


def test_unknown_article_and_locale_are_clear_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(project), "build", "--article", "nope"]) == 2
    assert "unknown article 'nope' (articles: demo)" in capsys.readouterr().err
    assert main(["-C", str(project), "status", "--locale", "fr"]) == 2
    assert "unknown locale 'fr'" in capsys.readouterr().err


def test_reader_pages_never_show_the_translators_note(project: Path) -> None:
    assert build(project) == 0
    bilingual = (project / "build/demo.zh-en.html").read_text(encoding="utf-8")
    single = (project / "build/demo.en.html").read_text(encoding="utf-8")
    for html in (bilingual, single, (project / "build/demo.zh-en.md").read_text(encoding="utf-8")):
        assert "TRANSLATOR-NOTE" not in html and "PLACE-NOTE" not in html and "QUERY" not in html
    assert 'data-gloss="specialized town · zhuānyè zhèn — A town built around one leading industry."' \
        in bilingual
    # a place is not worth a mark; the kicker and credits are never marked
    assert 'data-term="上党区"' not in bilingual


def test_target_only_page_has_no_marks_but_a_key_terms_list(project: Path) -> None:
    assert build(project) == 0
    single = (project / "build/demo.en.html").read_text(encoding="utf-8")
    assert "<dfn" not in single and "aria-describedby" not in single
    assert "Key terms" in single and "A town built around one leading industry." in single
    assert '<span class="key-terms__source" lang="zh-Hans">专业镇</span>' in single


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_credits_become_a_role_and_name_list(project: Path) -> None:
    assert build(project) == 0
    html = (project / "build/demo.zh-en.html").read_text(encoding="utf-8")
    assert "<dt>文字</dt><dd>白雪峰</dd>" not in html  # one role alone stays a line
    (project / "content/demo.md").write_text(SOURCE.replace(
        "credits: 文字/白雪峰", "credits: 文字/白雪峰 李敏 摄影/张国平"), encoding="utf-8")
    assert main(["-C", str(project), "update"]) == 0
    translate(project / "locales/en/LC_MESSAGES/demo.po",
              {"文字/白雪峰 李敏 摄影/张国平": "Text: Bai Xuefeng, Li Min · Photography: Zhang Guoping"})
    assert build(project) == 0
    html = (project / "build/demo.zh-en.html").read_text(encoding="utf-8")
    assert "<dt>文字</dt><dd>白雪峰 李敏</dd>" in html
    assert "<dt>Text</dt><dd>Bai Xuefeng, Li Min</dd>" in html


def test_proof_shows_what_editors_must_check(project: Path) -> None:
    assert build(project) == 0
    proof = (project / "build/demo.zh-en.proof.html").read_text(encoding="utf-8")
    assert "QUERY: is this the county-level town?" in proof  # translator comment
    assert "TRANSLATOR-NOTE Oxford -ize." in proof  # the glossary note, for editors
    assert "A paragraph that needs review." in proof  # the fuzzy draft, as a draft
    # fuzzy, untranslated, commented, and the entries the checks flag (the injected markup)
    assert proof.count('data-attention=""') >= 3 and 'class="entry-item entry-item--' in proof
    assert "locales/en/LC_MESSAGES/demo.po:" in proof
    for status in ("translated", "fuzzy", "untranslated"):
        assert f'data-status="{status}"' in proof
    html = (project / "build/demo.zh-en.html").read_text(encoding="utf-8")
    assert "A paragraph that needs review." not in html and ".proof.html" not in html
    assert build(project, "--no-proof") == 0
    assert not (project / "build/demo.zh-en.proof.html").exists()
    (project / "bilingual.toml").write_text("[build]\nproof = false\n", encoding="utf-8")
    assert build(project) == 0
    assert not (project / "build/demo.zh-en.proof.html").exists()


def test_an_untranslated_heading_is_marked_in_the_contents_too(project: Path) -> None:
    import re
    assert build(project) == 0
    html = (project / "build/demo.en.html").read_text(encoding="utf-8")
    [item] = re.findall(r'<nav class="toc".*?</nav>', html, re.S)
    assert "Making speciality farming stronger" in item and "pending-note" not in item
    po = project / "locales/en/LC_MESSAGES/demo.po"
    catalog = polib.pofile(str(po))
    catalog.find("做优特色农业").msgstr = ""
    catalog.save()
    assert build(project) == 0
    html = (project / "build/demo.en.html").read_text(encoding="utf-8")
    [item] = re.findall(r'<nav class="toc".*?</nav>', html, re.S)
    assert re.search(r'<span class="pending-note" lang="en">[^<]+</span>\s*'
                     r'<span lang="zh-Hans">做优特色农业</span>', item), item


def test_readers_see_the_date_written_out(project: Path) -> None:
    source = project / "content/demo.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "credits: 文字/白雪峰\n", "credits: 文字/白雪峰\ndate: 2024-01-15\n"), encoding="utf-8")
    assert build(project) == 0
    for page in ("demo.en.html", "demo.zh-en.html"):
        html = (project / "build" / page).read_text(encoding="utf-8")
        assert '<time class="masthead__date" datetime="2024-01-15">15 January 2024</time>' in html
    assert "date: '2024-01-15'" in (project / "build/demo.en.md").read_text(encoding="utf-8")


def test_the_publications_url_gives_readers_pages_a_canonical_link(project: Path) -> None:
    assert build(project) == 0
    assert 'rel="canonical"' not in (project / "build/demo.en.html").read_text(encoding="utf-8")
    (project / "bilingual.toml").write_text(
        '[publication]\nurl = "https://example.org/town-notes/"\n', encoding="utf-8")
    assert build(project) == 0
    for page in ("demo.en.html", "demo.zh-en.html", "index.html"):
        html = (project / "build" / page).read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="https://example.org/town-notes/{page}">' in html
    proof = (project / "build/demo.zh-en.proof.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in proof  # the proof is not for publication


def test_proof_diffs_a_fuzzy_drafts_source_change(project: Path) -> None:
    po = project / "locales/en/LC_MESSAGES/demo.po"
    catalog = polib.pofile(str(po))
    entry = catalog.find("需要复核的段落。")
    entry.previous_msgid = "需要复核的旧段落。"
    catalog.save()
    assert build(project) == 0
    proof = (project / "build/demo.zh-en.proof.html").read_text(encoding="utf-8")
    assert "<del>旧</del>" in proof


def test_a_french_edition_is_marked_french(project: Path) -> None:
    assert main(["-C", str(project), "update", "--locale", "fr", "--create"]) == 0
    translate(project / "locales/fr/LC_MESSAGES/demo.po", {"产业是引擎。": "L’industrie est le moteur."})
    assert build(project, "--locale", "fr") == 0
    html = (project / "build/demo.zh-fr.html").read_text(encoding="utf-8")
    assert '<p class="target" lang="fr">L’industrie est le moteur.</p>' in html
    assert '<label for="view-target"><span lang="fr">Français</span></label>' in html
    assert "French-only edition" in html
    single = (project / "build/demo.fr.html").read_text(encoding="utf-8")
    assert '<article class="article article--single" lang="fr">' in single


def test_a_draft_gets_its_proof_but_no_reader_edition_without_drafts(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(project) == 0  # --drafts: an older edition is on disk
    capsys.readouterr()
    assert main(["-C", str(project), "build"]) == 0
    # The share is of the text, by characters (an outside tester read "4% translated"
    # beside "3 of 15 segments" as a wrong sum).
    assert re.search(r"demo\.po: \d+% of the text translated \(by characters\), 2 of \d+ "
                     r"segments unfinished", capsys.readouterr().out)
    built = project / "build"
    assert not (built / "demo.zh-en.html").exists() and not (built / "demo.en.md").exists()
    assert (built / "demo.zh-en.proof.html").exists()
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "demo.zh-en.html" not in index and "Nothing published yet" in index
    dashboard = (built / "editors.html").read_text(encoding="utf-8")
    assert "demo.zh-en.proof.html" in dashboard and "draft, not published" in dashboard


def test_the_proof_lists_its_open_items_first_with_jump_links(project: Path) -> None:
    assert build(project) == 0
    proof = (project / "build/demo.zh-en.proof.html").read_text(encoding="utf-8")
    listed = proof.index('class="open-items"')
    assert listed < proof.index('class="proof__entries"')
    targets = re.findall(r'<li class="open-item open-item--(\w+)"><a href="#(item-\d+)"', proof)
    reasons = {reason for reason, _ in targets}
    assert {"untranslated", "draft", "query"} <= reasons
    for _, anchor in targets:  # every jump lands on the item in its entry
        assert f'id="{anchor}"' in proof
    assert "QUERY: is this the county-level town?" in proof


def test_the_proof_reflows_a_translator_comment(tmp_path: Path) -> None:
    from pipeline.render.proof import is_query, reflow
    comment = ("10亿袋 = 1 billion sachets. “Chain leader” is glossed on\nfirst use.\n"
               "Query for the editor: 投资1.17亿元 names no\ninvestor; ask the authors.")
    assert reflow(comment) == ("10亿袋 = 1 billion sachets. “Chain leader” is glossed on first use.",
                               "Query for the editor: 投资1.17亿元 names no investor; ask the authors.")
    assert [is_query(p) for p in reflow(comment)] == [False, True]


def test_a_chinese_publication_name_is_translated_through_the_catalog(tmp_path: Path) -> None:
    """Front matter `publication` in Chinese is a catalog entry like the title; English
    readers see its translation (not "Source: 中国产经新闻"); a Latin name is no entry."""
    from pipeline.commands.build import BuildOptions
    from pipeline.commands.build import build as run_build
    from pipeline.commands.update import UpdateOptions, update
    from pipeline.project import Project
    make_project(tmp_path, {
        "demo": "---\ntitle: 标题\npublication: 中国产经新闻\n---\n\n产业是引擎。\n",
        "latin": "---\ntitle: 题目\npublication: Xinhua\n---\n\n人才是关键。\n"})
    project = Project(tmp_path)
    assert update(project, UpdateOptions(locale="en", create=True, quiet=True)) == 0
    demo = project.catalog_path("demo", "en")
    assert "中国产经新闻" in {e.msgid for e in polib.pofile(str(demo))}
    assert "Xinhua" not in {e.msgid for e in polib.pofile(str(project.catalog_path("latin", "en")))}
    translate(demo, {"标题": "The title", "中国产经新闻": "China Industrial Economy News",
                     "产业是引擎。": "Industry is the engine."})
    translate(project.catalog_path("latin", "en"), {"题目": "Topic", "人才是关键。": "Talent is key."})
    assert run_build(project, BuildOptions(quiet=True)) == 0
    for page in ("demo.en.html", "demo.zh-en.html"):
        html = (tmp_path / "build" / page).read_text(encoding="utf-8")
        assert "Source: China Industrial Economy News" in html and "中国产经新闻" not in html.split(
            "masthead__meta")[1].split("</p>")[0]
    assert "source: China Industrial Economy News" in (tmp_path / "build/demo.en.md").read_text(
        encoding="utf-8")
    assert "Source: Xinhua" in (tmp_path / "build/latin.en.html").read_text(encoding="utf-8")
    # Not a passage of the article: no paragraph, no Markdown block of its own.
    markdown = (tmp_path / "build/demo.zh-en.md").read_text(encoding="utf-8")
    assert "> China Industrial Economy News" not in markdown


def test_a_translators_note_for_readers_is_shown_under_the_translation(tmp_path: Path) -> None:
    """An emendation is shown to readers as a note: a translator comment paragraph that
    opens "Note for readers:"; every other comment stays in the proof."""
    from pipeline.commands.build import BuildOptions
    from pipeline.commands.build import build as run_build
    from pipeline.commands.update import UpdateOptions, update
    from pipeline.project import Project
    make_project(tmp_path, {"demo": "---\ntitle: 标题\n---\n\n乡村振兴是乡村全面振兴的基础。\n"})
    project = Project(tmp_path)
    assert update(project, UpdateOptions(locale="en", create=True, quiet=True)) == 0
    path = project.catalog_path("demo", "en")
    translate(path, {"标题": "The title",
                     "乡村振兴是乡村全面振兴的基础。": "Industry is the basis of rural revitalization."})
    po = polib.pofile(str(path))
    po.find("乡村振兴是乡村全面振兴的基础。").tcomment = (
        "Query for the editor: is this circular?\n\nNote for readers: The source reads\n"
        "乡村振兴 (rural revitalization) here; we follow the standard <formula>.")
    po.save()
    assert run_build(project, BuildOptions(quiet=True)) == 0
    for page in ("demo.en.html", "demo.zh-en.html"):
        html = (tmp_path / "build" / page).read_text(encoding="utf-8")
        assert ('<aside class="reader-note" lang="en"><span class="reader-note__label">'
                'Translator’s note</span> The source reads <span lang="zh-Hans">乡村振兴</span> '
                '(rural revitalization) here; we follow the standard &lt;formula&gt;.</aside>') in html
        assert "circular" not in html
    assert "circular" in (tmp_path / "build/demo.zh-en.proof.html").read_text(encoding="utf-8")


def test_the_proof_counts_an_untranslated_or_draft_entry_once(project: Path) -> None:
    """The status is the open item; the check's BL301/BL302 say the same thing again
    (an outside tester counted one untranslated entry twice in the summary)."""
    assert build(project) == 0
    proof = (project / "build/demo.zh-en.proof.html").read_text(encoding="utf-8")
    entries = re.findall(r'<li class="proof-entry proof-entry--(\w+)".*?</li>\s*(?=<li class="proof-entry|</ol>\s*</article>)',
                         proof, re.S)
    assert {"untranslated", "fuzzy"} <= set(entries)
    items = re.findall(r'<li class="open-item open-item--(\w+)">.*?</li>', proof)
    assert "BL301" not in proof and "BL302" not in proof
    assert items.count("untranslated") == entries.count("untranslated")
    assert items.count("draft") == entries.count("fuzzy")
    summary = re.search(r"<strong>(\d+) open items?</strong>", proof)
    assert summary and int(summary.group(1)) == len(items)
