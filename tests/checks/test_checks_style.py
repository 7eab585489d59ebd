"""House-style rules (BL701–BL706) follow the `[style]` settings."""

from __future__ import annotations

import polib
import pytest

from pipeline.checks.rules.base import EntryView
from pipeline.checks.rules.language import script_findings
from pipeline.checks.rules.style import style_findings
from pipeline.config import PercentStyle, QuoteStyle, RangeDash, Spelling, Style


def codes(msgstr: str, style: Style = Style()) -> list[str]:
    view = EntryView("a.po", 3, "a", "en", polib.POEntry(msgid="源", msgstr=msgstr))
    return [f.code for f in style_findings(view, style)]


# Each setting's value: its own form passes, another form is a finding.
@pytest.mark.parametrize("code,style,good,bad", [
    ("BL701", Style(), "the “six products” and ‘inner’ ones", 'the "six products"'),
    ("BL701", Style(quotes=QuoteStyle.STRAIGHT_DOUBLE), 'the "six products"',
     "the “six products”"),
    ("BL701", Style(quotes=QuoteStyle.CURLY_SINGLE), "the ‘six products’", "the “six products”"),
    ("BL702", Style(spelling=Spelling.OXFORD), "specialized towns in the centre; we analyse",
     "specialised towns"),
    ("BL702", Style(spelling=Spelling.OXFORD), "modernization of the centre",
     "modernization of the center"),
    ("BL702", Style(spelling=Spelling.BRITISH), "specialised towns in the centre",
     "specialized towns"),
    ("BL702", Style(spelling=Spelling.AMERICAN), "specialized towns in the center; we analyze",
     "the colour of labour"),
    ("BL703", Style(), "coal, coke, iron, and steel", "coal, coke, iron and steel"),
    ("BL703", Style(serial_comma=False), "coal, coke, iron and steel",
     "coal, coke, iron, and steel"),
    ("BL704", Style(range_dash=RangeDash.EN_DASH), "in 2020–2025, 3–5%", "in 2020-2025"),
    ("BL704", Style(range_dash=RangeDash.HYPHEN), "in 2020-2025", "in 2020–2025"),
    ("BL704", Style(range_dash=RangeDash.TO), "from 2020 to 2025", "in 2020–2025"),
    ("BL705", Style(percent=PercentStyle.SYMBOL), "45%", "45 per cent"),
    ("BL705", Style(percent=PercentStyle.PER_CENT), "45 per cent", "45%"),
    ("BL705", Style(percent=PercentStyle.PERCENT), "45 percent", "45 per cent"),
])
def test_a_style_setting_passes_its_form_and_flags_another(code: str, style: Style, good: str,
                                                          bad: str) -> None:
    assert code not in codes(good, style) and code in codes(bad, style)


def test_apostrophes_are_not_quotes() -> None:
    assert codes("the district's towns, the towns' output") == []


def test_spelling_message_suggests_the_house_form() -> None:
    view = EntryView("a.po", 3, "a", "en", polib.POEntry(msgid="源", msgstr="It was organised."))
    [finding] = style_findings(view, Style())
    assert '"organised" → "organized"' in finding.message


@pytest.mark.parametrize("text, wrong", [
    # an "and" inside an item of a list that has its serial comma later
    ("grain products, fruit and vegetables, livestock products, liquor and wine, "
     "pharmaceuticals, and functional health products", False),
    ("grain, fruit and vegetables, liquor and wine, or tea", False),
    # the serial comma is there; the last item has an "and" of its own (the issue)
    ("He visited Beijing, Shanghai, and Guangzhou and Shenzhen.", False),
    ("coal, coke, iron, steel, and glass and paper", False),
    ("rice, wheat, or corn and beans", False),
    # a clause after the list, or a list that never gets its comma, excuses nothing
    ("apples, pears, plums and cherries, and we sell them", True),
    ("coal, coke, iron and steel, cement, glass and paper", True),
])
def test_an_and_inside_an_item_is_not_the_lists_last(text: str, wrong: bool) -> None:
    assert ("BL703" in codes(text)) is wrong


def test_range_dash_ignores_codes_and_dates() -> None:
    assert "BL704" not in codes("COVID-19, the 1+2+15 plan, on 2024-05-01, PM2.5")


def messages(msgstr: str, style: Style = Style()) -> list[str]:
    view = EntryView("a.po", 3, "a", "en", polib.POEntry(msgid="源", msgstr=msgstr))
    return [f.message for f in style_findings(view, style)]


def test_a_style_finding_quotes_the_whole_figure_and_its_house_form() -> None:
    # An outside tester read '"6 per cent": house style is "45%"' for 19.6 per cent,
    # and 'range "3-5": house style is an en dash (2020–2025)'.
    assert '"19.6 per cent" → "19.6%": house style is "45%"' in messages(
        "profits rose 19.6 per cent")
    assert '"3,086 %" → "3,086 per cent"' in messages(
        "up 3,086 %", Style(percent=PercentStyle.PER_CENT))[0]
    assert 'range "3-5" → "3–5": house style is an en dash (2020–2025)' in messages(
        "for 3-5 years")
    assert 'range "3%—5%" → "3% to 5%"' in messages("rose 3%—5%", Style(range_dash=RangeDash.TO))[0]


def test_spacing() -> None:
    assert "BL706" in codes("Output  rose.")
    assert "BL706" in codes("Output rose , then fell")
    assert codes("Output rose, then fell: 3.5 km.") == []
    units = Style(nbsp_before_units=True)
    assert "BL706" in codes("a road of 45 km", units)
    assert "BL706" not in codes("a road of 45\u00a0km", units)
    assert "BL706" not in codes("a road of 45 km")  # off by default


def test_style_ignores_code_spans_and_urls() -> None:
    assert codes('see `"raw"` and [the site](https://x.org/a-b"c)') == []


def test_chinese_punctuation_in_the_target() -> None:
    view = EntryView("a.po", 3, "a", "en", polib.POEntry(
        msgid="源", msgstr="Industry，growth。《Plan》 and——more"))
    [finding] = script_findings(view)
    assert finding.code == "BL504"
    assert all(mark in finding.message for mark in ("，", "。", "《", "——"))


@pytest.mark.parametrize("msgstr", [
    "He fulfilled his duties and is fulfilling more.",  # British doubles the l here too
    "the U.S. Department of Defense said",  # names keep their owners' spelling
    "a report by the Labor Party of Australia",
])
def test_spelling_leaves_right_forms_and_names_alone(msgstr: str) -> None:
    assert "BL702" not in codes(msgstr)


def test_spelling_fix_keeps_a_capital() -> None:
    view = EntryView("a.po", 3, "a", "en", polib.POEntry(msgid="源", msgstr="Defense spending rose."))
    [finding] = [f for f in style_findings(view, Style()) if f.code == "BL702"]
    assert '"Defense" → "Defence"' in finding.message
