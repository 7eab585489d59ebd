"""The per-entry rules' fast paths give exactly what the plain algorithms give.

Each reference below is the code the fast path replaced (a loop of patterns, a
scan of every word), kept here as the specification.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.numbers import chinese, english, english_words, quantity
from pipeline.checks.numbers.english import EN_FIXED_PHRASES, en_quantities
from pipeline.checks.numbers.english_words import ORDINALS, SCALES, TENS, UNITS
from pipeline.checks.numbers.quantity import trie_pattern
from pipeline.checks.rules import hidden_chars, style
from pipeline.config import Spelling
from pipeline.glossary.prefilter import _FOLD, folded

# Letters `re` folds oddly (ſ = s, K = k, ı/İ = i), word characters that are not
# letters, apostrophes, quotes and the spaces and commas the style patterns read.
ODD = ["ſ", "\u212a", "ı", "İ", "é", "_", "9", "’", "'", "-", "“", " ", ", ", ".", "\n"]
SPELLING = ["organ", "ORGAN", "real", "industrial", "special", "decentral", "izing", "ise",
            "isation", "izations", "iser", "izes", "ised", "anal", "paral", "catal", "yse",
            "yzing", "ysed", "centre", "center", "colour", "color", "labour", "tonnes", "tons",
            "programme", "program", "defence", "defense", "grey", "gray", "s", "ed", "ing",
            "able", "ers", "ation", "enterpr", "xx", "ys", "ysing", "commercial"]


def texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces + ODD), max_size=14).map("".join)


def reference_spelling(text: str, spelling: Spelling) -> list[str]:
    ize = re.compile(rf"\b({'|'.join(style._IZE_STEMS)})(i[sz])({style._IZE_ENDINGS})\b", re.I)
    wrong_ize = "z" if spelling is Spelling.BRITISH else "s"
    found = [m.group() for m in ize.finditer(text) if m.group(2)[1].lower() == wrong_ize]
    found += [m.group() for m in style._YSE.finditer(text)
              if m.group(2)[1].lower() == ("s" if spelling is Spelling.AMERICAN else "z")]
    for british, american in style._PAIRS:
        wrong = british if spelling is Spelling.AMERICAN else american
        found += [m.group() for m in re.finditer(rf"\b{wrong}{style._SUFFIX}\b", text, re.I)]
    return found


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(texts(SPELLING), st.sampled_from(list(Spelling)))
def test_spelling_finds_what_every_pattern_in_turn_finds(text: str, spelling: Spelling) -> None:
    assert list(style._spelling(text, spelling)) == reference_spelling(text, spelling)


@pytest.mark.parametrize("text", [
    "organisation", "ORGANIſATION", "reorganise", "organises", "decentralisation",
    "xindustrialising", "characterisation" + "ation" * 3, "analysed and paralyſed",
    "center of the \u212alabor center’s", "9realise and _realise", "İsation realİsation",
    "industrialise", "Commercialized", "xcommercialise", "analysing", "catalyzing",
])
def test_spelling_on_known_traps(text: str) -> None:
    for spelling in Spelling:
        assert list(style._spelling(text, spelling)) == reference_spelling(text, spelling)


_ITEM = r"[\w’'-]+(?: [\w’'-]+){0,3}"
REFERENCE_SERIAL = {True: re.compile(rf"{_ITEM}, {_ITEM}, {_ITEM} (?:and|or) [\w’'-]+"),
                    False: re.compile(rf"{_ITEM}, {_ITEM}, (?:and|or) [\w’'-]+")}
LIST_WORDS = ["apples", "pears", "and", "or", "plums", "red", "’s", "x-y", "9", "’"]


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(texts(LIST_WORDS), st.booleans())
def test_serial_comma_patterns_find_the_same_leftmost_match(text: str, serial: bool) -> None:
    fast = (style._NO_SERIAL if serial else style._SERIAL).search(text)
    slow = REFERENCE_SERIAL[serial].search(text)
    assert (fast and fast.group(), fast and fast.span()) == (slow and slow.group(),
                                                            slow and slow.span())


@pytest.mark.parametrize("text", ["x’apples, pears, plums and figs", "a’b, c, d, and e",
                                  "it's red, green, blue or x"])
def test_serial_comma_on_known_traps(text: str) -> None:
    for serial in (True, False):
        fast = (style._NO_SERIAL if serial else style._SERIAL).search(text)
        slow = REFERENCE_SERIAL[serial].search(text)
        assert (fast and fast.span()) == (slow and slow.span())


STYLE_PIECES = ["2020", "3.5", "%", "-", "–", "—", "x", "a", "'", "(", " ", "  ", " ,", " .",
                ", ", "and", "or", " and ", ", and ", "9", "٣"]


@pytest.mark.slow
@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(STYLE_PIECES + LIST_WORDS), max_size=16).map("".join))
def test_style_hints_are_in_every_match(text: str) -> None:
    for serial in (True, False):
        if (style._NO_SERIAL if serial else style._SERIAL).search(text):
            assert style._may_list(text, serial)
    if any(p.search(text) for p in style._RANGE.values()):
        assert style._RANGE_HINT.search(text)
    if style._SPACE_BEFORE.search(text):
        assert style._SPACE_BEFORE_HINT.search(text)
    if style._DOUBLE_SPACE.search(text):
        assert "  " in text
    if style._OPENING_SINGLE.search(text):
        assert "'" in text


def test_folded_shows_ascii_letters_as_ignorecase_does() -> None:
    text = "Kelvin \u212a, long ſ, dotted İ, dotless ı, Σίσυφος, ÉCOLE, 'quote’"
    low, fold = folded(text), text.translate(_FOLD)
    assert len(low) == len(text)
    assert [(i, c) for i, c in enumerate(low) if c.isascii()] == \
        [(i, c) for i, c in enumerate(fold) if c.isascii()]
    assert folded("A \u212a b") == "a k b"


# -- English quantities ----------------------------------------------------------


def reference_word_drafts(t: str, taken: list[quantity.Span]) -> list[quantity.Draft]:
    words = [m for m in re.finditer(r"[A-Za-z]+", t)
             if not quantity.overlaps(m.start(), m.end(), taken)]
    drafts = []
    i = 0
    while i < len(words):
        first = words[i].group().lower()
        if not (first in UNITS or first in TENS or first in ORDINALS or first in ("twice", "decade")
                or (first in ("a", "an") and i + 1 < len(words)
                    and english_words._follows(first, words[i + 1].group().lower()))):
            i += 1
            continue
        seq = [words[i]]
        j = i + 1
        while j < len(words) and seq[-1].group().lower() not in ORDINALS:
            gap = t[seq[-1].end():words[j].start()]
            w = words[j].group().lower()
            if w == "and" and j + 1 < len(words) and seq[-1].group().lower() in SCALES \
                    and re.fullmatch(r"\s+", gap):
                j += 1
                continue
            if not re.fullmatch(r"\s+|\s*-\s*|\s+and\s+", gap) or not english_words._follows(
                    seq[-1].group().lower(), w):
                break
            seq.append(words[j])
            j += 1
        i = j
        drafts.append(english_words._spelled(t, [w.group().lower() for w in seq], seq[0].start(),
                                           seq[-1].end()))
    return drafts


NUMBER_WORDS = ["one", "One", "two", "twenty", "five", "first", "Second", "hundred", "thousand",
                "million", "a", "an", "A", "and", "twice", "decade", "dozen", "hundredth",
                "seventy", "seventh", "tenths", "3", "5th", "x", "atwo", "twox", "-", "  ", ", "]
span = st.tuples(st.integers(0, 40), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1]))


@pytest.mark.slow
@settings(max_examples=800, deadline=None)
@given(texts(NUMBER_WORDS), st.lists(span, max_size=3))
def test_word_drafts_equal_a_scan_of_every_word(text: str, taken: list[quantity.Span]) -> None:
    assert english_words.word_drafts(text, list(taken)) == reference_word_drafts(text, taken)


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text("abcxyz", min_size=1, max_size=5), min_size=1, max_size=12),
       st.text("abcxyz", max_size=6))
@pytest.mark.slow
def test_trie_pattern_matches_exactly_its_words(words: set[str], probe: str) -> None:
    pattern = re.compile(trie_pattern(words))
    assert all(pattern.fullmatch(w) for w in words)
    assert bool(pattern.fullmatch(probe)) == (probe in words)


DIGITS = ["1", "12", "1,234", "1,2345", "3.5", ".5", "15\u202f000", "٣", "x", " ", ",", ".",
          "+", "th", " million", "%"]


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(DIGITS), max_size=12).map("".join))
def test_digit_matches_equal_finditer(text: str) -> None:
    assert [m.span() for m in english._digit_matches(text)] == \
        [m.span() for m in english._DIGIT_RE.finditer(text)]


FIXED = ["one", "of", "no", "another", "by", "after", "at", "first", "all", "-class", "two",
         "sessions", "thousand", "hundred", "-year", "-old", "a", "-half", "-third", "thirds",
         "halves", "quarter", "ONE ", "ſ", " ", "-", "-stop", "-off", "-rate", "-to-one"]


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(FIXED + [" "] * 4), max_size=12).map("".join))
def test_fixed_phrase_hints_skip_only_phrases_that_cannot_match(text: str) -> None:
    low = folded(text)
    for phrase in EN_FIXED_PHRASES:
        if re.search(phrase, text, re.I):
            assert any(h in low for h in english._FIXED_HINTS[phrase]), phrase


@settings(max_examples=400, deadline=None)
@given(texts(["May", "Sept", "Sep", "January", " 3", "Phase", "II", "IV", "X", "I.", " ",
              "\n", "#"]))
@pytest.mark.slow
def test_month_and_roman_hints_are_necessary(text: str) -> None:
    if english._MONTH_RE.search(text):
        assert english._MONTH_HINT_RE.search(text)
    if english._ROMAN_RE.search(text):
        assert english._ROMAN_HINT_RE.search(text)


@settings(max_examples=400, deadline=None)
@given(texts(["8", "19", ":", ": ", "00", "30", " pm", " a.m.", "PM", "o'clock", "noon",
              "Noon", "NOON", "Midnight", "MIDDAY", "midday", "mid", "clock", "m", " "]))
@pytest.mark.slow
def test_clock_hint_is_necessary(text: str) -> None:
    if english._CLOCK_RE.search(text):
        assert english._may_tell_time(text)


@pytest.mark.parametrize("text", [
    "one hundred and a million", "a hundred and twice", "two thousand and one", "First, two",
    "one-stop shop with one of two", "twenty-first and a-half", "an hundred", "a 5 million",
])
def test_word_drafts_on_known_traps(text: str) -> None:
    taken: list[quantity.Span] = []
    english._digit_drafts(text, taken)
    assert english_words.word_drafts(text, list(taken)) == reference_word_drafts(text, taken)


PHRASE_SAMPLES = ["one of two", "one-stop shop", "no one", "one another", "one by one",
                  "one after another", "at first", "first of all", "first-class", "two sessions",
                  "a thousand-year-old town", "one-third", "two thirds", "a quarter of it",
                  "ONE-HALF", "a ſixth of them", "Three Halves"]


@pytest.mark.parametrize("text", PHRASE_SAMPLES)
def test_each_fixed_phrase_still_vetoes_its_number(text: str) -> None:
    low = folded(text)
    matched = [p for p in EN_FIXED_PHRASES if re.search(p, text, re.I)]
    assert matched
    assert all(any(h in low for h in english._FIXED_HINTS[p]) for p in matched)
    assert en_quantities(text) == en_quantities(text, fixed_phrases=tuple(
        f"(?:{p})" for p in EN_FIXED_PHRASES))  # the same phrases, unhinted


def test_five_year_plans_are_read_without_the_scan_too() -> None:
    [thirteenth, five] = chinese.zh_quantities("十三五期间")
    assert (thirteenth.value, thirteenth.kind, five.value) == (13, quantity.Kind.ORDINAL, 5)


def test_custom_fixed_phrases_are_still_scanned() -> None:
    assert en_quantities("the two towers", fixed_phrases=(r"\btwo towers\b",)) == []
    assert len(en_quantities("the two towers")) == 1


# -- Chinese quantities and spans -------------------------------------------------


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["一直", "一", "直", "千年", "三千", "年", "统一", "x"]),
                max_size=10).map("".join))
def test_phrase_spans_equal_a_find_loop(text: str) -> None:
    expected = set()
    for phrase in chinese.ZH_FIXED_WORDS:
        pos = text.find(phrase)
        while pos != -1:
            expected.add((pos, pos + len(phrase)))
            pos = text.find(phrase, pos + 1)
    assert set(quantity.phrase_spans(text, chinese.ZH_FIXED_WORDS)) == expected


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(span, max_size=20), st.lists(span, min_size=1, max_size=10))
def test_overlap_test_equals_overlaps(spans: list[quantity.Span],
                                      probes: list[quantity.Span]) -> None:
    test = quantity.overlap_test(spans)
    assert [test(s, e) for s, e in probes] == [quantity.overlaps(s, e, spans) for s, e in probes]


def test_one_translation_table_equals_the_two() -> None:
    text = "６５．９萬噸，增長３％，兩個項目"
    assert text.translate(chinese._NORMAL_FORMS) == \
        text.translate(quantity.FULLWIDTH).translate(chinese.TRADITIONAL)
    for key in chinese._NORMAL_FORMS:  # every key is seen by the test before it
        assert chinese._TO_NORMALIZE.search(f"a{chr(key)}b")


HIDDEN = [*hidden_chars.HIDDEN, "\U000E0000", "\U000E007F", "\U000E0080", "\U000DFFFF",
          "\u2065", "a", "中", " ", "\u00ac"]


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HIDDEN), max_size=12).map("".join))
def test_hidden_characters_are_the_ones_a_scan_of_each_character_finds(text: str) -> None:
    assert hidden_chars.hidden_in(text) == sorted(
        {c for c in text if c in hidden_chars.HIDDEN or ord(c) in hidden_chars.TAGS})


# Every ASCII punctuation mark (the plain ones and the ones that open Markdown syntax),
# whitespace of every kind, CJK text and full-width marks.
MARKDOWN_PIECES = [*"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", " ", "  ", "\t", "\n", "\r", "\u00a0",
                   "\u3000", "上党区", "，", "。", "！", "《", "》", "coal", "3,300", "&amp;",
                   "http://x.cn", "<b>", "**", "[a](b)", "![i](s)", "`c`", "\\*"]


@pytest.mark.slow  # 400 examples: about a second; CI runs it
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=12).map("".join))
def test_plain_text_skips_only_texts_markdown_reads_as_themselves(text: str) -> None:
    from pipeline.checks.rules import markup
    from pipeline.checks.rules.base import inline_tokens, is_plain, parsed_plain_text, plain_text
    tokens = [(t.type, t.content) for t in inline_tokens(text)]
    if is_plain(text):
        assert tokens == ([("text", text)] if text else [])
    assert plain_text(text) == parsed_plain_text(text)
    types = {t.type for t in inline_tokens(text)} - markup._PROSE
    assert bool(sum(markup.markup_profile(text)[0].values())) == bool(types)


def test_plain_prose_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A translation with no inline syntax is its own prose: the Markdown parser is not run."""
    def no_parse(text: str) -> tuple[()]:
        raise AssertionError(f"parsed {text!r}")
    monkeypatch.setattr(style, "inline_tokens", no_parse)
    text = "Output rose 5.2% in 2023 - to 3,300 tonnes, its “best” year."
    assert style.prose(text) == text


@pytest.mark.parametrize("text", ["a*b*", "line\nbreak", "a `code` span", "nul\0here"])
def test_prose_with_inline_syntax_is_still_parsed(text: str) -> None:
    from pipeline.checks.rules.base import inline_tokens
    assert style.prose(text) == "".join(
        t.content if t.type == "text" else " " if t.type in ("softbreak", "hardbreak") else "\0"
        for t in inline_tokens(text))


def test_numeric_dates_are_looked_for_only_beside_a_digit_and_separator(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A full stop, hyphen or slash alone (nearly every sentence) starts no scan of the
    date pattern, whose lookbehind has `re` try every position."""
    scanned: list[str] = []

    class Spy:
        def finditer(self, text: str) -> list[re.Match[str]]:
            scanned.append(text)
            return []
    monkeypatch.setattr(quantity, "_NUMERIC_DATE_RE", Spy())
    for text in ["It rose in 2023. Then - in May/June - it fell.", "上涨了。", "No. 1 - the best."]:
        assert quantity.numeric_date_drafts(text, []) == []
    assert scanned == []
    quantity.numeric_date_drafts("Dateline 2018-08-27 11:51", [])
    assert scanned == ["Dateline 2018-08-27 11:51"]


@settings(max_examples=400, deadline=None)
@given(texts(["2018", "19", "20", "08", "8", "27", "3", "-", ".", "/", "１", "٢", "2024/3/18"]))
@pytest.mark.slow
def test_numeric_date_hint_is_necessary(text: str) -> None:
    if quantity._NUMERIC_DATE_RE.search(text):
        assert quantity._NUMERIC_DATE_HINT.search(text)


def test_a_translations_clauses_are_stemmed_once_for_every_term(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """BL101's loose match (coordination, word order, inflection in one clause) splits and
    stems a translation once, however many unmatched terms and renderings ask about it."""
    from pipeline.checks.rules import terms
    from pipeline.glossary.model import Term
    split: list[str] = []
    clauses = terms._CLAUSE_RE

    class Spy:
        def findall(self, text: str) -> list[str]:
            split.append(text)
            return clauses.findall(text)
    monkeypatch.setattr(terms, "_CLAUSE_RE", Spy())
    target = "Members and cadres of the Party met; flood and typhoon controls were tightened."
    party = Term("党员干部", "Party members and cadres", ("Party cadres and members",))
    flood = Term("防汛防台", "flood and typhoon control")
    fever = Term("发热门诊", "fever clinic")
    assert terms.loosely_rendered(target, party) and terms.loosely_rendered(target, flood)
    assert not terms.loosely_rendered(target, fever)
    assert split == [target]


@pytest.mark.parametrize(("a", "b"), [("ab", "ab"), ("abc", "abc"), ("revitaliz", "revitalization"),
                                      ("party", "parti"), ("member", "members")])
def test_a_stem_found_as_is_agrees_with_the_shared_beginning(a: str, b: str) -> None:
    from pipeline.checks.rules import terms
    assert terms._has_stem(frozenset({a}), b) == terms._same_stem(a, b)
