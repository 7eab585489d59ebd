"""The rule registry: every code fires from a real rule, the manual's table (docs/manual/checks.md) is
generated from it, and every output (list, SARIF, workbench) is derived from it."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from pipeline.checks import registry
from pipeline.checks.findings import Severity
from pipeline.checks.registry import RULES, Scope
from pipeline.checks.report import at_least, format_sarif, format_text
from pipeline.checks.rules.base import EntryView
from pipeline.checks.rules.completeness import (
    missing_catalog,
    orphaned,
    out_of_date,
    unreviewed,
)
from pipeline.checks.rules.consistency import approved_never_used, inconsistent_translations
from pipeline.checks.rules.glossary_rules import glossary_error, glossary_qa, unused_terms
from pipeline.checks.runner import EntryContext, Selection, check_entry, settle, terms_used
from pipeline.checks.waivers import apply_waivers, parse_waivers
from pipeline.config import Style
from pipeline.glossary import parse_glossary
from pipeline.glossary.load import GlossaryError
from pipeline.source import parse_article

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = parse_glossary("""term,english,variants,forbidden,type,pinyin,note
新质生产力,new quality productive forces,,new productive forces,policy-term,,
柳河县,Liuhe County,Liuhe,,place,,
再生资源,recycled resources,resource recycling,,industry-term,,
闲置术语,idle term,,,other,,
""", Path("glossary/terms.csv"))
CTX = EntryContext.of(GLOSSARY, Style())


def view(msgid: str, msgstr: str, line: int = 10, file: str = "a.po", **entry: object
         ) -> EntryView:
    return EntryView(file=file, line=line, slug="a", locale="en",
                     entry=polib.POEntry(msgid=msgid, msgstr=msgstr, **entry),
                     source_ref="content/a.md:3")


# One crafted wrong translation per entry rule.
ENTRY_CASES = {
    "BL101": ("发展新质生产力。", "Develop productivity."),
    "BL102": ("发展新质生产力。", "Develop new productive forces."),
    "BL103": ("柳河县发展。", "Liuhe District develops."),
    "BL301": ("产业是引擎。", ""),
    "BL308": ("优秀返乡农民工群体是不可或缺的生力军。截至7月25日24时，福建省累计报告境外输入确诊病例69例。",
              "By 24:00 on July 25, Fujian had reported 69 imported confirmed cases."),
    "BL309": ("优秀返乡农民工群体是不可或缺的生力军。",
              "Outstanding returning rural migrant workers are an indispensable force. Local "
              "officials praised the programme at a meeting in the capital on Tuesday, saying "
              "that it had brought jobs and new skills to thousands of families."),
    "BL401": ("产量3300万吨。", "Output was 3.3 million tonnes."),
    "BL402": ("产量稳定。", "Output was steady at 5 tonnes."),
    "BL403": ("1300余家企业", "1,300 companies"),
    "BL501": ("产业", "The 产业 industry"),
    "BL502": ("这是一个很长的句子，用来检测语言是否正确，内容关于工业的发展和农业的进步。",
              "Dies ist ein langer deutscher Satz über die Entwicklung der Industrie und der "
              "Landwirtschaft in der Region."),
    "BL503": ("This is an English sentence that should have been Chinese in the source text.",
              "This is an English sentence that should have been Chinese in the source text."),
    "BL504": ("产业。", "Industry。"),
    "BL505": ("产业。", "Indus\u202etry."),
    "BL601": ("**产业**", "Industry"),
    "BL602": ("[产业](https://a.org)", "[Industry](https://b.org)"),
    "BL603": ("你好 {name}", "Hello"),
    "BL701": ("他说“好”。", 'He said "good".'),
    "BL702": ("现代化", "It was modernised."),
    "BL703": ("煤、焦、铁和钢", "coal, coke, iron and steel"),
    "BL704": ("2020—2025年", "2020-2025"),
    "BL705": ("增长45%", "grew 45 per cent"),
    "BL706": ("产业发展", "Industry  grows ."),
}


def fired() -> dict[str, bool]:
    got: dict[str, bool] = {}
    for code, (msgid, msgstr) in ENTRY_CASES.items():
        got[code] = code in {f.code for f in check_entry(view(msgid, msgstr), CTX)}
    fuzzy = check_entry(view("旧", "old", flags=["fuzzy"]), CTX)
    got["BL302"] = "BL302" in {f.code for f in fuzzy}
    got["BL303"] = "BL303" in {f.code for f in check_entry(view("旧", "old", obsolete=True), CTX)}
    a, b = view("产业", "Industry", file="a.po"), view("产业", "Sector", file="b.po")
    got["BL201"] = {f.code for f in inconsistent_translations([a, b])} == {"BL201"}
    variant = view("再生资源", "resource recycling")
    got["BL202"] = [f.code for f in approved_never_used([variant], CTX.matcher)] == ["BL202"]
    got["BL304"] = missing_catalog("content/a.md", "a.po", "en").code == "BL304"
    article = parse_article("# 标题\n\n新的段落。\n", Path("content/a.md"))
    got["BL305"] = [f.code for f in out_of_date(article, [], "a.po", "content/a.md")] == ["BL305"]
    got["BL306"] = orphaned("old.po", "old").code == "BL306"
    reviewed_po = polib.POFile()
    reviewed_po.append(polib.POEntry(msgid="新的段落。", msgstr="A new paragraph."))
    got["BL307"] = [f.code for f in unreviewed(article, reviewed_po, "a.po")] == ["BL307"]
    got["BL801"] = glossary_error(GlossaryError("bad", Path("g.csv"), 2), str).code == "BL801"
    misnamed = parse_glossary("term,english,variants,forbidden,type,pinyin,note\n"
                              "冯波,Feng Po,,,person,Féng Bō,\n", Path("glossary/terms.csv"))
    got["BL803"] = [f.code for f in glossary_qa(misnamed, str)] == ["BL803"]
    got["BL802"] = [f.code for f in unused_terms(GLOSSARY, terms_used(article, CTX.matcher), str)] \
        == ["BL802"]
    waivers, problems = parse_waivers(view("产业", "Industry",
                                           tcomment="check: ignore BL603\ncheck: ignore BL999"))
    got["BL902"] = [f.code for f in problems] == ["BL902"]
    got["BL901"] = [f.code for f in apply_waivers([], waivers)] == ["BL901"]
    return got


def test_every_code_has_a_rule_that_fires() -> None:
    got = fired()
    assert set(got) == set(RULES), set(RULES) ^ set(got)
    assert [code for code, ok in got.items() if not ok] == []


def test_each_entry_rule_is_silent_on_correct_english() -> None:
    correct = {
        "BL101": ("发展新质生产力。", "Develop new quality productive forces."),
        "BL103": ("柳河县发展。", "Liuhe County develops; Liuhe grows."),
        "BL701": ("他说“好”。", "He said “good”."),
        "BL702": ("现代化", "It was modernized in the centre."),
        "BL703": ("煤、焦、铁和钢", "coal, coke, iron, and steel"),
        "BL704": ("2020—2025年", "2020–2025"),
        "BL705": ("增长45%", "grew 45%"),
        "BL706": ("产业发展", "Industry grows."),
        "BL308": ("人才是关键。人才哪里找？", "Talent is the key. Where is talent found?"),
    }
    for code, (msgid, msgstr) in correct.items():
        assert code not in {f.code for f in check_entry(view(msgid, msgstr), CTX)}, code


def test_manual_table_is_generated_from_the_registry() -> None:
    from pipeline.reference import fill
    page = (ROOT / "docs" / "manual" / "checks.md").read_text(encoding="utf-8")
    assert "<!-- reference: check-codes -->" in page
    built = fill(page)
    assert registry.markdown_table() in built
    for code in RULES:
        assert f"| {code} |" in built


def test_rules_are_well_formed() -> None:
    for rule in registry.RULE_LIST:
        assert rule.code.startswith("BL") and len(rule.code) == 5
        assert rule.name and rule.doc and rule.example
        assert rule.code in rule.example
    assert len({r.name for r in registry.RULE_LIST}) == len(RULES)
    assert {r.code for r in registry.RULE_LIST if r.scope is Scope.ENTRY} == registry.ENTRY_CODES


def test_workbench_checks_every_entry_rule_and_only_those() -> None:
    from pipeline.serve import checking
    ctx = checking.CheckContext.of(GLOSSARY)
    place = checking.Place("a.po", "a", "en", "content/a.md:3")
    entry = polib.POEntry(msgid="产量3300万吨。", msgstr='Output was "3.3 million" tonnes.')
    found = {f.code for f in checking.entry_findings(entry, ctx, place)}
    assert found == {"BL401", "BL402", "BL701"}


def test_list_rules_and_markdown_main(capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main
    assert main(["check", "--list-rules"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == list(RULES)
    assert registry.main(["--markdown"]) == 0
    assert capsys.readouterr().out == registry.markdown_table()


def test_sarif_structure() -> None:
    findings = check_entry(view("产量3300万吨。", "Output was 3.3 million tonnes."), CTX)
    log = json.loads(format_sarif(findings))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "a.po" and loc["region"]["startLine"] == 10
    assert {r["ruleId"] for r in run["results"]} == {"BL401", "BL402"}


def test_selection_and_severity_filter() -> None:
    assert Selection(frozenset({"BL401"})).wants("BL401")
    assert not Selection(frozenset({"BL401"})).wants("BL402")
    assert not Selection(skip=frozenset({"BL402"})).wants("BL402")
    with pytest.raises(ValueError, match="BL999"):
        Selection(frozenset({"BL999"}))
    only = check_entry(view("产量3300万吨。", "Output was 3.3 million tonnes."), CTX,
                       Selection(skip=frozenset({"BL401", "BL402"})))
    assert {f.code for f in only} == set()
    mixed = check_entry(view("1300余家企业", "1,300 companies"), CTX) + \
        check_entry(view("产量3300万吨。", "Output was 3.3 million tonnes."), CTX)
    assert {f.severity for f in at_least(mixed, Severity.ERROR)} == {Severity.ERROR}
    assert {f.code for f in at_least(mixed, Severity.WARNING)} == {"BL401", "BL402", "BL403"}


def test_drafts_are_checked_and_marked() -> None:
    draft = view("产量3300万吨。", "Output was 3.3 million tonnes.", flags=["fuzzy"])
    found = check_entry(draft, CTX)
    assert {f.code for f in found} == {"BL302", "BL401", "BL402"}
    numbers = [f for f in found if f.code != "BL302"]
    assert all(f.draft for f in numbers)
    assert {settle(f, strict=False).severity for f in numbers} == {Severity.WARNING}
    assert {settle(f, strict=True).severity for f in numbers} == {Severity.ERROR}
    assert "(draft)" in format_text(numbers)
    # langdetect does not run on drafts (not marked runs_on_drafts)
    assert not RULES["BL502"].runs_on_drafts


def test_fuzzy_message_depends_on_previous_source() -> None:
    [hand] = [f for f in check_entry(view("新", "new", flags=["fuzzy"]), CTX)
              if f.code == "BL302"]
    assert "marked fuzzy (needs review)" in hand.message and "changed" not in hand.message
    [same] = [f for f in check_entry(view("新", "new", flags=["fuzzy"], previous_msgid="新"), CTX)
              if f.code == "BL302"]
    assert "marked fuzzy" in same.message
    [changed] = [f for f in check_entry(view("新", "new", flags=["fuzzy"],
                                              previous_msgid="旧"), CTX) if f.code == "BL302"]
    assert "source changed" in changed.message and '"旧"' in changed.message
    # A long paragraph shows where it changed, not its unchanged opening.
    opening = "2023年5月，梅山港区6号至10号集装箱码头工程全面竣工，新增年通过能力"
    [long] = [f for f in check_entry(view(opening + "480万标准箱。", "new", flags=["fuzzy"],
                                          previous_msgid=opening + "460万标准箱。"), CTX)
              if f.code == "BL302"]
    assert 'now "…新增年通过能力480万标准箱。", was "…新增年通过能力460万标准箱。"' in long.message


@pytest.mark.parametrize("msgstr,wrong", [
    ("Liuhe County grows; Liuhe is near.", False),
    ("Liuhe's villages grow.", False),
    ("Liuhe and other counties", False),
    ("Liuhe District grows.", True),
    ("Liuhe Town grows.", True),
    ("the Liuhe county seat and Liuhe City", True),
])
def test_short_form_does_not_excuse_another_generic(msgstr: str, wrong: bool) -> None:
    found = {f.code for f in check_entry(view("柳河县发展。", msgstr), CTX)}
    assert ("BL103" in found) is wrong
    assert "BL101" not in found


def test_each_entry_rule_is_found_through_its_registry_line() -> None:
    """The runner lists no rule of its own: the functions it runs are the ones the
    registry names (`Rule.check`), each with exactly the codes that name it."""
    from pipeline.checks.runner import entry_checks
    named: dict[str, set[str]] = {}
    for rule in registry.RULE_LIST:
        if rule.check:
            named.setdefault(rule.check, set()).add(rule.code)
    run = [codes for _, codes in entry_checks()]
    assert sorted(map(sorted, run)) == sorted(map(sorted, named.values()))
    assert all(callable(check) for check, _ in entry_checks())
    assert {r.code for r in registry.RULE_LIST if r.check} <= registry.ENTRY_CODES
