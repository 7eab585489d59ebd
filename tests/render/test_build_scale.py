"""`bilingual build` at archive scale: what a build shares across articles is built
once, its writes cost no folder listing or fsync each, and every fast path renders
exactly what the slow path did."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from support import copy_real_project, make_project, translate

from pipeline import parallel
from pipeline.catalog.pofile import read_catalog
from pipeline.checks import runner
from pipeline.checks.runner import CatalogInput, CheckInput, run_checks
from pipeline.cli import main
from pipeline.commands import proofs as proofs_module
from pipeline.commands.common import project_glossary
from pipeline.commands.proofs import Proofs
from pipeline.project import Project
from pipeline.render import html, inline, markdown
from pipeline.render.pairs import ALL_MARKS, READER_MARKS, TermSpan, align, align_policies
from pipeline.source import load_article

# Everything markdown-it's inline rules react to, our term sentinels, and plain text.
MARKDOWN_ALPHABET = "ab 中文\t\"'<>&*_`[]()!\\\n\r\0#:=@{}^$%+-~|.,/\ue000\ue001\ue002\ufdd0\ufdd1\ufdd2\u00a0"
MARKDOWN_PIECES = st.one_of(st.text(MARKDOWN_ALPHABET, max_size=6),
                            st.sampled_from(["&amp;", "&#57344;", "&#xFDD0;", "&#64977;", "http://x.org", "<b>", "  \n",
                                             "[a](http://b)", "`c`", "**d**", "\\*"]))
ARTICLE = """---
title: 第{n}篇 专业镇
---

上党区的专业镇建设。

## 专业镇

专业镇是引擎{n}。
"""
GLOSSARY = ("专业镇,specialized town,,,policy-term,zhuānyè zhèn,\n"
            "上党区,Shangdang District,,,place,Shàngdǎng Qū,\n")


def make_archive(root: Path, count: int) -> Path:
    """`count` translated articles sharing the glossary."""
    slugs = {f"a{n}": ARTICLE.format(n=n) for n in range(count)}
    make_project(root, slugs, GLOSSARY)
    tmp_path = root
    assert main(["-C", str(tmp_path), "update", "--locale", "en", "--create"]) == 0
    for n, slug in enumerate(slugs):
        translate(tmp_path / f"locales/en/LC_MESSAGES/{slug}.po", {
            f"第{n}篇 专业镇": f"Article {n}: the specialized town",
            "上党区的专业镇建设。": "Building the specialized towns of Shangdang District.",
            "专业镇": "Specialized towns",
            f"专业镇是引擎{n}。": f"The specialized town is engine {n}.",
        })
    return tmp_path


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    return make_archive(tmp_path, 3)


# -- shared once per build, not once per article ---------------------------------------


def test_the_check_context_and_glossary_findings_are_built_once_per_build(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"context": 0, "glossary_qa": 0}
    context_of, problems = runner.EntryContext.of, proofs_module.glossary_qa

    def counted_context(*args: object, **kwargs: object) -> runner.EntryContext:
        calls["context"] += 1
        return context_of(*args, **kwargs)  # type: ignore[arg-type]

    def counted_problems(*args: object, **kwargs: object) -> object:
        calls["glossary_qa"] += 1
        return problems(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner.EntryContext, "of", counted_context)
    monkeypatch.setattr(proofs_module, "glossary_qa", counted_problems)
    assert main(["-C", str(archive), "build"]) == 0
    assert len(list((archive / "build").glob("*.proof.html"))) == 3
    assert calls == {"context": 1, "glossary_qa": 1}


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_proof_findings_are_those_of_a_check_of_the_article(tmp_path: Path) -> None:
    project = Project.at(copy_real_project(tmp_path))
    glossary = project_glossary(project.glossary_dir)
    proofs = Proofs(project, glossary)
    for slug in project.articles():
        article = load_article(project, slug)
        po = read_catalog(project.catalog_path(slug, "en")).po
        shown, findings = proofs.findings(article, po, "en")
        alone = run_checks(CheckInput(
            articles={slug: article}, glossary=glossary, all_articles=False, show=proofs.show,
            style=project.config.style, catalogs=[CatalogInput(slug, "en", shown, po)]))
        assert findings == alone
        assert findings  # the real catalog has findings: the test compares something


def _proofs(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "build").glob("*.proof.html"))}


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_a_build_after_a_check_shows_the_checks_results_without_checking_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_archive(tmp_path / "site", 3)
    catalog = root / "locales/en/LC_MESSAGES/a1.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "Building the specialized towns", "Building the professional towns"), encoding="utf-8")
    assert main(["-C", str(root), "build", "--no-cache"]) == 0
    reference = _proofs(root)
    assert b"BL101" in reference["a1.zh-en.proof.html"]  # the proofs have findings to show
    checked: list[str] = []
    real = proofs_module.check_article

    def counting(article: object, *args: object) -> object:
        checked.append(article.slug)  # type: ignore[attr-defined]
        return real(article, *args)  # type: ignore[arg-type]
    monkeypatch.setattr(proofs_module, "check_article", counting)

    def rebuilt(*check: str) -> list[str]:
        checked.clear()
        shutil.rmtree(root / "build")
        shutil.rmtree(root / ".bilingual" / "cache", ignore_errors=True)
        if check:
            main(["-C", str(root), *check])
        assert main(["-C", str(root), "build"]) == 0
        assert _proofs(root) == reference  # byte-identical, reused or not
        return sorted(checked)

    monkeypatch.chdir(root)  # where an editor runs check: paths shown as the proof shows them
    assert rebuilt("check") == []
    assert rebuilt("check", "--rule", "BL102") == ["a0", "a1", "a2"]  # not the full check
    assert rebuilt() == ["a0", "a1", "a2"]
    monkeypatch.chdir(tmp_path)  # check shows site/locales/...: not what the proof shows
    assert rebuilt("check") == ["a0", "a1", "a2"]
    monkeypatch.chdir(root)
    main(["check"])
    translate(catalog, {"专业镇": "Specialized Towns!"})  # edited after the check
    shutil.rmtree(root / "build")
    checked.clear()
    assert main(["build"]) == 0
    assert checked == ["a1"]
    incremental = _proofs(root)
    assert main(["build", "--no-cache"]) == 0  # and it is what a full build shows
    assert incremental == _proofs(root) != reference


def test_pairs_for_several_policies_equal_one_alignment_each(tmp_path: Path) -> None:
    project = Project.at(copy_real_project(tmp_path))
    glossary = project_glossary(project.glossary_dir)
    for slug in project.articles():
        article = load_article(project, slug)
        po = read_catalog(project.catalog_path(slug, "en")).po
        reader, proof = align_policies(article, po, glossary, (READER_MARKS, ALL_MARKS))
        assert reader == align(article, po, glossary)
        assert proof == align(article, po, glossary, policy=ALL_MARKS)
        assert proof != reader


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_each_article_built_alone_gives_the_same_pages(archive: Path, tmp_path: Path) -> None:
    """What is remembered across articles (rows, tags, paths) never leaks between them."""
    assert main(["-C", str(archive), "build"]) == 0
    for slug in ("a0", "a1", "a2"):
        alone = tmp_path / f"alone-{slug}"
        shutil.copytree(archive, alone, ignore=shutil.ignore_patterns("build"))
        assert main(["-C", str(alone), "build", "--article", slug]) == 0
        for page in (alone / "build").rglob("*"):  # the pages and the fonts beside them
            if page.is_dir():
                continue
            built = archive / "build" / page.relative_to(alone / "build")
            assert page.read_bytes() == built.read_bytes(), page.name


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_workers_build_what_one_process_builds(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    serial = make_archive(tmp_path / "serial", parallel.MIN_PARALLEL + 2)
    (serial / "content/new.md").write_text("---\ntitle: 新\n---\n\n专业镇。\n", "utf-8")
    pooled = tmp_path / "pooled"
    shutil.copytree(serial, pooled)
    capsys.readouterr()
    outputs = []
    for root, jobs in ((serial, "1"), (pooled, "2")):
        assert main(["-C", str(root), "build", "--jobs", jobs]) == 0
        out = capsys.readouterr()
        outputs.append((out.out.replace(str(root), "ROOT"), out.err.replace(str(root), "ROOT")))
    assert outputs[0] == outputs[1] and "new.po: no catalog yet" in outputs[0][1]
    assert outputs[0][0].count("segments") == parallel.MIN_PARALLEL + 3  # in article order
    def files(root: Path) -> list[Path]:  # the cache records times, not results
        return sorted(p.relative_to(root) for p in root.rglob("*")
                      if p.is_file() and ".bilingual" not in p.parts)
    pages = files(serial)
    assert pages == files(pooled)
    for page in pages:
        assert (serial / page).read_bytes() == (pooled / page).read_bytes(), page


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_an_article_that_fails_is_reported_after_the_ones_before_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_archive(tmp_path / "p", parallel.MIN_PARALLEL + 2)
    (tmp_path / "outside.md").write_text("外面。\n", encoding="utf-8")
    (root / "content/a5x.md").symlink_to(tmp_path / "outside.md")  # refused: outside
    capsys.readouterr()
    seen = []
    for jobs in ("1", "2"):
        assert main(["-C", str(root), "build", "--jobs", jobs]) == 2
        seen.append(capsys.readouterr())
    assert seen[0] == seen[1]
    lines = seen[0].out.splitlines()
    assert [line.split("/")[-1].split(".")[0] for line in lines] == [
        "a0", "a1", "a2", "a3", "a4", "a5"]  # the articles before a5x, then the error
    assert "link to a file outside the project" in seen[0].err


# -- writes: one sweep per folder, no fsync --------------------------------------------


def test_build_lists_each_output_folder_once(archive: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    listed: list[Path] = []
    real_listdir = os.listdir

    def recording(path: str | os.PathLike[str] = ".") -> list[str]:
        listed.append(Path(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", recording)
    assert main(["-C", str(archive), "build"]) == 0
    assert listed.count(archive / "build") == 1  # not once per page written (quadratic)
    assert listed.count(archive / "locales/en/LC_MESSAGES") == 1  # nor per .mo


def test_build_still_removes_leftovers_of_a_killed_build(archive: Path) -> None:
    (archive / "build").mkdir()
    dead = archive / "build" / f".a0.en.html.{2**22 + 7}.abcdef12.tmp"  # above pid_max
    dead.write_text("half-written", encoding="utf-8")
    assert main(["-C", str(archive), "build"]) == 0
    assert not dead.exists()


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_build_outputs_are_not_fsynced_catalog_writes_are(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    assert main(["-C", str(archive), "build"]) == 0
    assert (archive / "build/a0.zh-en.proof.html").exists()
    assert synced == []  # derived outputs, as msgfmt's .mo: no fsync per file
    po = archive / "locales/en/LC_MESSAGES/a0.po"
    # Not in GNU form (one line of 100 columns), so fmt must rewrite it.
    po.write_text(po.read_text(encoding="utf-8").replace("engine 0", "engine " + "0" * 60),
                  encoding="utf-8")
    assert main(["-C", str(archive), "fmt", str(po)]) == 0
    assert synced  # a catalog is a source: its write is durable
    synced.clear()
    assert main(["-C", str(archive), "update"]) == 0
    assert main(["-C", str(archive), "check"]) in (0, 1)
    assert synced == []  # the caches both wrote are derived


# -- fast paths render exactly what the slow ones did ----------------------------------


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=8))
def test_plain_text_skips_markdown_it_with_the_same_html(pieces: list[str]) -> None:
    text = "".join(pieces)  # `[^:]` is a footnote reference either way (a link)
    assert inline._render_markdown(text) == inline._render_full(text)


@pytest.mark.parametrize("text", ["a & b", "a < b", "*a*", "a\nb", "a  \nb", "a\\*", "`a`",
                                  "[a]", "![a](b)", "a\rb", "a\0b", "&#57344;0&#57345;"])
def test_markdown_it_still_renders_every_markup_character(text: str) -> None:
    assert inline._MARKUP_CHARS.search(text)
    assert inline._render_markdown(text) == inline._render_full(text)


def _flat_reference(text: str) -> str:
    return markdown._RAW_HTML.sub(r"\\<", markdown._NEWLINES.sub(" ", text.strip()))


@pytest.mark.slow
@settings(max_examples=800, deadline=None)
@given(st.text(" \t\n\r<>/!?aZ9-\\\u3000\u00a0", max_size=12))
def test_flat_skips_its_patterns_with_the_same_text(text: str) -> None:
    assert markdown._flat(text) == _flat_reference(text)


def _mixed_reference(text: str, source_lang: str) -> Markup:
    return Markup("").join(
        Markup('<span lang="{}">{}</span>').format(source_lang, part)
        if html._HAN.match(part) else part
        for part in html._HAN_RUN.split(text) if part)


def _dfn_reference(span: TermSpan, side: str, in_link: bool) -> str:
    linked = Markup(' data-in-link=""') if in_link else Markup("")
    glossed = " term--glossed" if span.gloss else ""
    return str(Markup('<dfn class="term{}" data-term="{}" data-gloss="{}"{} aria-describedby="{}">')
               .format(glossed, span.key, inline.gloss_text(span, side), linked,
                       inline.gloss_id(span.key, side)))


ESCAPABLE = st.text("a上党“”<>&\"' ·—", max_size=8)


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@settings(max_examples=400, deadline=None)
@given(ESCAPABLE, st.sampled_from(["zh-Hans", 'x"<']))
def test_mixed_language_text_is_escaped_as_before(text: str, lang: str) -> None:
    assert html._mixed(text, lang) == _mixed_reference(text, lang)


@settings(max_examples=400, deadline=None)
@given(ESCAPABLE, ESCAPABLE, ESCAPABLE, ESCAPABLE, st.sampled_from(["zh", "target"]),
       st.booleans())
@pytest.mark.slow
def test_term_tags_are_escaped_as_before(key: str, target: str, pinyin: str, gloss: str,
                                         side: str, in_link: bool) -> None:
    span = TermSpan(key, 0, 1, target, pinyin, gloss)
    assert inline._open_tag(span, side, in_link) == _dfn_reference(span, side, in_link)


def test_a_remembered_macro_renders_as_the_template_did() -> None:
    term = ("专业镇", "specialized town", "policy-term", "A note on 专业镇 & <b>.",
            "Gloss “x”.", "zh-Hans", "en")
    row = html.remembered("_proof_term.html.j2", "term_row", *term)
    assert row == html.remembered("_proof_term.html.j2", "term_row", *term)
    assert re.fullmatch(r'<div><dt><span lang="zh-Hans">专业镇</span> → <span lang="en">'
                        r'specialized town</span> <span class="proof-entry__kind">policy-term'
                        r'</span></dt><dd>A note on <span lang="zh-Hans">专业镇</span> &amp; '
                        r'&lt;b&gt;\.</dd><dd>Reader gloss: Gloss “x”\.</dd></div>', row)


FORGERIES = st.sampled_from(["&#57344;", "&#57345;", "&#57346;", "&#xE000;", "&#xFDD0;",
                             "&#64977;", "&#xfdd2;", "\ufdd0", "\ufdd2", "\ue002", "0", "专业镇"])


@pytest.mark.slow
@settings(max_examples=800, deadline=None)
@given(st.lists(st.one_of(MARKDOWN_PIECES, FORGERIES), max_size=10))
def test_no_text_forges_a_term_marker(pieces: list[str]) -> None:
    """A translation may contain anything, character references to our markers
    included: the page gets exactly one <dfn> per term found and never a stray </dfn>."""
    text = "".join(pieces)
    spans = [TermSpan("专业镇", m.start(), m.end(), "specialized town")
             for m in re.finditer("专业镇", text)]
    html = str(inline.render_inline(text, spans))
    assert html.count("<dfn") == html.count("</dfn>") <= len(spans)
    assert html.count("<dfn") in (0, len(spans))  # all marked, or (markup straddled) none
    assert not inline._SENTINELS.search(html)


def test_a_translation_with_marker_references_builds(tmp_path: Path) -> None:
    root = make_archive(tmp_path, 1)
    translate(root / "locales/en/LC_MESSAGES/a0.po",
              {"专业镇是引擎0。": "The &#57344;0&#57345; specialized town &#57346; is engine 0."})
    assert main(["-C", str(root), "build"]) == 0
    page = next(p for p in (root / "build").rglob("*.html") if "a0" in p.name)
    html = page.read_text(encoding="utf-8")
    assert html.count("<dfn") == html.count("</dfn>")
