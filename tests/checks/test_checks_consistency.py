"""The whole-project rules at archive scale: BL201 is one bounded finding per
segment, found in one pass (operations counted, never timed); BL202 and BL802
messages stay bounded too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib
import pytest

from pipeline.checks.findings import RULES
from pipeline.checks.rules import consistency
from pipeline.checks.rules.base import EntryView
from pipeline.checks.rules.consistency import (
    ARTICLE_PLACES_SHOWN,
    approved_never_used,
    deliberate_places,
    inconsistent_translations,
)
from pipeline.checks.rules.glossary_rules import TERMS_SHOWN, unused_terms
from pipeline.checks.runner import terms_used
from pipeline.glossary import TermMatcher, parse_glossary
from pipeline.model import Article, Segment, SegmentKind

MSGID = "上党区打造九大专业镇，推动产业转型升级。"
USUAL = "Shangdang District is building nine specialized towns to upgrade its industries."


def catalog(i: int) -> str:
    return f"locales/en/LC_MESSAGES/article-{i:05d}.po"


def place(i: int) -> str:
    return f"{catalog(i)}:{40 + i % 7}"


def shared_segment(n: int, odd: dict[int, str] | None = None, *, usual: str = USUAL,
                   waived: frozenset[int] = frozenset(), msgid: str = MSGID) -> list[EntryView]:
    """The same segment in catalogs 1..n at line 40 + i % 7: `usual` everywhere
    except the catalogs in `odd`; those in `waived` carry a BL201 waiver."""
    odd = odd or {}
    views = []
    for i in range(1, n + 1):
        tcomment = "check: ignore BL201 — house name" if i in waived else ""
        entry = polib.POEntry(msgid=msgid, msgstr=odd.get(i, usual), tcomment=tcomment)
        views.append(EntryView(file=catalog(i), line=40 + i % 7, slug=f"article-{i:05d}",
                               locale="en", entry=entry, source_ref=f"content/a{i}.md:9"))
    return views


def test_thousand_catalogs_one_different_is_one_bounded_finding() -> None:
    views = shared_segment(1000, {537: "Shangdang is building nine specialized towns."})
    [found] = inconsistent_translations(views)
    assert (found.file, found.line, found.code) == (catalog(537), 40 + 537 % 7, "BL201")
    assert len(found.message) < 400, found.message
    assert found.message == (
        '"上党区打造九大专业镇，推动产业转型升级。" translated differently: here '
        '"Shangdang is building nine specialized…" ×1; elsewhere '
        '"Shangdang District is building nine spe…" ×999 '
        f"({place(1)}, {place(2)}, {place(3)} and 996 more)")
    assert (found.expected, found.found) == (USUAL, "Shangdang is building nine specialized towns.")


def test_counts_per_rendering_and_the_first_deviating_place() -> None:
    odd = {i: "B" for i in range(300, 600)} | {i: "C" for i in range(100, 199)} | {900: "D"}
    [found] = inconsistent_translations(shared_segment(1000, odd, usual="A"))
    # The most common rendering (A ×600) is the reference; the finding is at the first
    # place that differs from it (catalog 100, rendering C), its other places listed.
    assert found.file == catalog(100)
    assert (f'here "C" ×99 (also {place(101)}, {place(102)}, {place(103)} and 95 more); '
            f'elsewhere "A" ×600 ({place(1)}, {place(2)}, {place(3)} and 597 more); '
            f'"B" ×300 ({place(300)}, {place(301)}, {place(302)} and 297 more); '
            f'"D" ×1 ({place(900)})') in found.message
    assert found.message.index('"A" ×600') < found.message.index('"B" ×300') \
        < found.message.index('"D" ×1')  # by count


def test_a_thousand_renderings_stay_one_bounded_finding() -> None:
    odd = {i: f"TranslatedEntry number {i} of this segment, long enough to be shortened"
           for i in range(1, 1001)}
    [found] = inconsistent_translations(shared_segment(1000, odd))
    assert found.file == catalog(2)  # ties: the rendering met first is the reference
    assert found.message.endswith("; and 996 more rendering(s) at 996 place(s)")
    assert len(found.message) < 700


def test_renderings_that_differ_late_are_shown_where_they_differ() -> None:
    # Both shortened to their first 40 characters they would read alike.
    [found] = inconsistent_translations(shared_segment(5, {3: USUAL[:-1] + " and services."}))
    assert 'here "…industries and services." ×1; elsewhere "Shangdang District' \
        in found.message


def test_spacing_is_not_a_difference_and_locales_are_apart() -> None:
    views = shared_segment(50, {7: USUAL.replace(" ", "\n  ", 3)})
    assert inconsistent_translations(views) == []
    german = shared_segment(3, usual="Shangdang baut neun Fachstädte.")
    german = [EntryView(v.file, v.line, v.slug, "de", v.entry) for v in german]
    assert inconsistent_translations(views + german) == []


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """Count calls of consistency.<name> (a one-element list, mutated)."""
    calls = [0]
    real: Callable[..., Any] = getattr(consistency, name)

    def counted(*args: Any, **kw: Any) -> Any:
        calls[0] += 1
        return real(*args, **kw)
    monkeypatch.setattr(consistency, name, counted)
    return calls


@pytest.mark.parametrize("n", [1000, 2000])
def test_one_pass_and_constant_message_work(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    """Linear by counting: each rendering is normalised once, and the message is
    built from a fixed number of snippets whatever the number of places (the
    old per-place listing quoted n × (n - 1) renderings)."""
    normalised = counting(monkeypatch, "_normal")
    snippets = counting(monkeypatch, "quoted")
    odd = {i: f"variant {i // 100 % 5}" for i in range(1, n + 1, 100)}
    [found] = inconsistent_translations(shared_segment(n, odd))
    assert normalised[0] == n
    assert snippets[0] == 2 + consistency.VARIANTS_SHOWN  # msgid, here, the others shown
    assert "and" in found.message


def test_waived_place_is_left_out_of_the_comparison() -> None:
    odd = {537: "Shangdang is building nine specialized towns."}
    assert inconsistent_translations(shared_segment(1000, odd, waived=frozenset({537}))) == []
    # A waiver elsewhere accepts only its own place: the deviation is still found.
    [found] = inconsistent_translations(shared_segment(1000, odd, waived=frozenset({5})))
    assert found.file == catalog(537)
    assert "×998" in found.message and found.message.endswith("; 1 waived place(s) left out")
    # Two deviating places, one waived: the other is still reported.
    odd[800] = "Shangdang builds nine towns."
    [found] = inconsistent_translations(shared_segment(1000, odd, waived=frozenset({537})))
    assert found.file == catalog(800)


def test_only_a_waiver_on_a_deviating_place_is_in_use() -> None:
    odd = {537: "Shangdang is building nine specialized towns."}
    # The odd place's waiver does the work; one where the usual rendering stands does not.
    assert deliberate_places(shared_segment(1000, odd, waived=frozenset({537, 5}))) == {
        (catalog(537), 40 + 537 % 7)}
    assert deliberate_places(shared_segment(1000, waived=frozenset({5}))) == set()
    # Every place waived: they are in use only if they differ among themselves.
    assert deliberate_places(shared_segment(2, odd={2: "Other."}, waived=frozenset({1, 2}))) == {
        (catalog(1), 41), (catalog(2), 42)}
    assert deliberate_places(shared_segment(2, waived=frozenset({1, 2}))) == set()


def test_a_waiver_with_a_term_does_not_waive_bl201() -> None:
    # A BL201 finding has no term, so a waiver naming one never covered it.
    views = shared_segment(3, {2: "Other."})
    views[1].entry.tcomment = "check: ignore BL201 专业镇 — the town"
    assert [f.file for f in inconsistent_translations(views)] == [catalog(2)]


GLOSSARY = parse_glossary("term,english,variants,forbidden,type,pinyin,note\n"
                          "再生资源,recycled resources,resource recycling,,industry-term,,\n",
                          Path("glossary/terms.csv"))


def test_approved_never_used_lists_a_bounded_number_of_places() -> None:
    views = [EntryView(file="a.po", line=10 + i, slug="a", locale="en",
                       entry=polib.POEntry(msgid=f"再生资源{i}", msgstr="resource recycling"))
             for i in range(ARTICLE_PLACES_SHOWN + 5)]
    [found] = approved_never_used(views, TermMatcher(GLOSSARY))
    assert found.message.count("a.po:") == ARTICLE_PLACES_SHOWN
    assert found.message.endswith('a.po:19 "resource recycling" and 5 more')


def many_terms(n: int) -> str:
    return "term,english,variants,forbidden,type,pinyin,note\n" + "".join(
        f"术语{i:04d},term {i},,,other,,\n" for i in range(n))


def article(slug: str, texts: list[str]) -> Article:
    return Article(slug=slug, path=Path(f"content/{slug}.md"), meta={},
                   segments=tuple(Segment(id=f"p-{i}", kind=SegmentKind.PARAGRAPH, text=t,
                                          line_start=i + 1, line_end=i + 1)
                                  for i, t in enumerate(texts)))


def test_unused_terms_bounded() -> None:
    glossary = parse_glossary(many_terms(TERMS_SHOWN + 30), Path("glossary/terms.csv"))
    matcher = TermMatcher(glossary)
    articles = [article(f"a{i}", ["共同的段落，术语0000。", f"第{i}段"]) for i in range(200)]
    used = frozenset().union(*(terms_used(a, matcher) for a in articles))
    [found] = unused_terms(glossary, used, str)
    assert found.message.startswith(f"{TERMS_SHOWN + 29} term(s) used by no article: "
                                    "术语0001 (line 3), 术语0002 (line 4)")
    assert f"术语{TERMS_SHOWN:04d} (line {TERMS_SHOWN + 2}) and 29 more (a term" in found.message
    assert f"术语{TERMS_SHOWN + 1:04d}" not in found.message


def test_no_finding_once_every_term_is_used() -> None:
    glossary = parse_glossary(many_terms(2), Path("glossary/terms.csv"))
    used = terms_used(article("a", ["术语0000和术语0001", "段落"]), TermMatcher(glossary))
    assert used == {"术语0000", "术语0001"}
    assert unused_terms(glossary, used, str) == []


def test_the_rule_docs_name_the_bounds() -> None:
    assert consistency.PLACES_SHOWN == 3 and "its first three places listed" in RULES["BL201"].doc
    assert f"the first {TERMS_SHOWN} listed" in RULES["BL802"].doc.replace("\n", " ")
