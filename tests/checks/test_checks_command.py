"""`bilingual check` end to end on throwaway projects: waivers, completeness,
strict mode, consistency across articles, the glossary rules, exit codes."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from support import GLOSSARY_HEADER, make_project, translate

from pipeline.checks.findings import Severity
from pipeline.checks.runner import run_checks
from pipeline.cli import main
from pipeline.commands.check import CheckOptions, check, gather
from pipeline.commands.update import UpdateOptions, update
from pipeline.errors import PipelineError
from pipeline.project import Project

SOURCE = """---
title: 专业镇建设
---

上党区打造九大专业镇。

## 新质生产力

确保全年煤炭产量稳定在3300万吨。
"""
OTHER = """---
title: 其他
---

上党区打造九大专业镇。
"""
GLOSSARY = """专业镇,specialized town,,professional town,policy-term,,
新质生产力,new quality productive forces,,new productive forces,policy-term,,
上党区,Shangdang District,Shangdang,,place,,
闲置术语,idle term,,,other,,
"""
GOOD = {
    "专业镇建设": "Building Specialized Towns",
    "上党区打造九大专业镇。": "Shangdang District is building nine specialized towns.",
    "新质生产力": "New-Quality Productive Forces",
    "确保全年煤炭产量稳定在3300万吨。": "Coal output will hold steady at 33 million tonnes.",
}
PO = Path("locales/en/LC_MESSAGES/shangdang.po")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    make_project(tmp_path, {"shangdang": SOURCE}, GLOSSARY)
    monkeypatch.chdir(tmp_path)  # findings show cwd-relative paths, like compiler output
    proj = Project(tmp_path)
    update(proj, UpdateOptions(locale="en", create=True, quiet=True))
    return proj


def findings(project: Project, **kw):  # type: ignore[no-untyped-def]
    return run_checks(gather(project, kw.get("article"), kw.get("locale"),
                             kw.get("strict", False)))


def lines_of(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().out.splitlines()


def entry_line(msgid: str) -> int:
    return next(e.linenum for e in polib.pofile(str(PO)) if e.msgid == msgid)


def annotate(msgid: str, comment: str = "", flags: tuple[str, ...] = ()) -> None:
    po = polib.pofile(str(PO))
    entry = next(e for e in po if e.msgid == msgid)
    entry.tcomment = comment
    entry.flags.extend(flags)
    po.save()


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_clean_translation_exits_0(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    translate(PO, GOOD)
    assert check(project) == 0
    out = lines_of(capsys)
    # Only the unused glossary term (info) remains.
    assert out[0].startswith("glossary/terms.csv:5: info[BL802] 1 term(s) used by no article: "
                             "闲置术语 (line 5)")
    assert out[-1] == "0 errors, 0 warnings, 1 info"


def test_term_error_exits_1_with_compiler_style_line(project: Project,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    translate(PO, {**GOOD, "上党区打造九大专业镇。": "Shangdang is building nine professional towns."})
    assert check(project) == 1
    line = entry_line("上党区打造九大专业镇。")
    out = lines_of(capsys)
    # A concept term reworded is a warning (professionals reword them); the
    # forbidden form beside it is the error.
    assert (f'{PO}:{line}: warning[BL101] 专业镇: expected "specialized town", found none '
            "[content/shangdang.md:5]") in out
    assert any(f"{PO}:{line}: error[BL102] 专业镇: forbidden" in o for o in out)
    # "Shangdang" alone is a variant; the approved "Shangdang District" is now never used.
    assert any(f"{PO}:{line}: info[BL202] 上党区: approved" in o for o in out)
    assert out[-1] == "1 error, 1 warning, 2 info"


def test_completeness_warns_in_draft_and_fails_strict(project: Project) -> None:
    translate(PO, {k: v for k, v in GOOD.items() if k != "新质生产力"})
    translate(PO, {"确保全年煤炭产量稳定在3300万吨。": GOOD["确保全年煤炭产量稳定在3300万吨。"]},
              fuzzy=True)
    draft = {f.code: f.severity for f in findings(project) if f.code.startswith("BL3")}
    assert draft == {"BL301": Severity.WARNING, "BL302": Severity.WARNING}
    assert check(project) == 0
    strict = {f.code: f.severity for f in findings(project, strict=True)
              if f.code.startswith("BL3")}
    assert strict == {"BL301": Severity.ERROR, "BL302": Severity.ERROR}
    assert check(project, CheckOptions(strict=True)) == 1


def test_fail_on_warning_makes_a_warning_fail_the_gate(project: Project,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # An outside tester: a dropped sentence (BL308, a warning) passed `check --strict`.
    # A CI that wants warnings to fail says so; the default gate stays errors only.
    translate(PO, {**GOOD, "上党区打造九大专业镇。": "Shangdang is building nine towns."})
    warned = ["check", "--rule", "BL101"]  # a reworded concept term: a warning only
    assert main(warned) == 0
    assert main([*warned, "--fail-on", "warning"]) == 1
    assert main([*warned, "--fail-on", "error"]) == 0
    capsys.readouterr()


def test_obsolete_and_out_of_date(project: Project) -> None:
    translate(PO, GOOD)
    source = project.source_path("shangdang")
    source.write_text(SOURCE.replace("确保全年煤炭产量稳定在3300万吨。", "全新的段落。"),
                      encoding="utf-8")
    found = {f.code: f for f in findings(project)}
    assert "BL305" in found and "bilingual update" in found["BL305"].message
    # The old paragraph becomes obsolete, the new one untranslated.
    update(project, UpdateOptions(quiet=True))
    codes = sorted(f.code for f in findings(project) if f.code.startswith("BL3"))
    assert codes == ["BL301", "BL303"]


def test_obsolete_entries_reported_once_and_purged(project: Project) -> None:
    translate(PO, GOOD)
    source = project.source_path("shangdang")
    source.write_text(SOURCE.replace("确保全年煤炭产量稳定在3300万吨。", "全新的段落。")
                      .replace("上党区打造九大专业镇。", "另一个段落。"), encoding="utf-8")
    update(project, UpdateOptions(quiet=True))
    assert sum(e.obsolete for e in polib.pofile(str(PO))) == 2
    [obsolete] = [f for f in findings(project) if f.code == "BL303"]
    assert "1 more obsolete entry" in obsolete.message and "--purge-obsolete" in obsolete.message
    assert main(["update", "--purge-obsolete"]) == 0
    po = polib.pofile(str(PO))
    assert not any(e.obsolete for e in po)
    # Only the obsolete entries go: every live translation is kept.
    assert po.find("专业镇建设").msgstr == GOOD["专业镇建设"]
    assert [f for f in findings(project) if f.code == "BL303"] == []


def test_missing_catalog(project: Project) -> None:
    (project.content_dir / "other.md").write_text(OTHER, encoding="utf-8")
    [finding] = [f for f in findings(project) if f.code == "BL304"]
    assert finding.file == "content/other.md" and "update --locale en" in finding.message


def test_waiver_comment_waives_only_its_term(project: Project) -> None:
    bad = {**GOOD, "上党区打造九大专业镇。": "Shangdang is building nine towns.",
           "确保全年煤炭产量稳定在3300万吨。": "Coal output will hold steady at 3.3 million tonnes."}
    translate(PO, bad)
    annotate("上党区打造九大专业镇。", "check: ignore BL101 专业镇 — the policy is named later")
    annotate("确保全年煤炭产量稳定在3300万吨。", "check: ignore BL101 新质生产力 — not here\n"
             "a translator's ordinary note")
    found = findings(project)
    assert [(f.code, f.term) for f in found if f.severity == Severity.ERROR] == \
        [("BL401", "3300万"), ("BL402", "3.3 million")]
    [unused] = [f for f in found if f.code == "BL901"]
    assert unused.line == entry_line("确保全年煤炭产量稳定在3300万吨。")
    assert "ignore BL101 新质生产力" in unused.message and unused.severity == Severity.INFO


def test_waiver_without_term_waives_a_code(project: Project) -> None:
    translate(PO, {**GOOD, "确保全年煤炭产量稳定在3300万吨。": "Output: 3.3 million tonnes."})
    annotate("确保全年煤炭产量稳定在3300万吨。", "check: ignore BL401\ncheck: ignore BL402")
    assert [f.code for f in findings(project) if f.severity != Severity.INFO] == []


def test_malformed_waivers_are_warnings(project: Project) -> None:
    translate(PO, GOOD)
    annotate("新质生产力", "check: ignore BL999\ncheck: skip BL101\n"
             "check: ignore\ncheck: ignore XX1")
    bad = [f for f in findings(project) if f.code == "BL902"]
    assert len(bad) == 4 and all(f.severity == Severity.WARNING for f in bad)


def second_article(project: Project, rendering: str) -> Path:
    """other.md beside the article, both translated; `rendering` is other.po's English
    for the sentence they share. Returns other.po's path."""
    (project.content_dir / "other.md").write_text(OTHER, encoding="utf-8")
    update(project, UpdateOptions(quiet=True))
    translate(PO, GOOD)
    other = Path("locales/en/LC_MESSAGES/other.po")
    translate(other, {"其他": "Other", "上党区打造九大专业镇。": rendering})
    return other


def test_same_segment_translated_differently_across_articles(project: Project) -> None:
    other = second_article(project, "Shangdang is building nine specialized towns.")
    found = [f for f in findings(project) if f.code == "BL201"]
    # One finding per segment: a tie, so the rendering met first (other.md) is the
    # reference and the place that differs from it carries the finding.
    assert [(f.file, f.line) for f in found] == [(str(PO), entry_line("上党区打造九大专业镇。"))]
    assert f"{other}:" in found[0].message and "×1" in found[0].message
    # One article alone cannot be inconsistent with itself.
    assert [f for f in findings(project, article="shangdang") if f.code == "BL201"] == []


@pytest.mark.parametrize("waived", ["shangdang", "other"])
def test_a_bl201_waiver_accepts_its_own_rendering(project: Project, waived: str) -> None:
    other = second_article(project, "Shangdang is building nine specialized towns.")
    # Either side of the tie may accept its rendering; the one place left agrees with itself.
    po = polib.pofile(str(PO if waived == "shangdang" else other))
    next(e for e in po if e.msgid == "上党区打造九大专业镇。").tcomment = \
        "check: ignore BL201 — the district's full name is wanted here"
    po.save()
    assert [f for f in findings(project) if f.code in ("BL201", "BL901")] == []
    assert [f for f in findings(project, article=waived) if f.code == "BL901"] == []


def test_a_stale_bl201_waiver_is_reported_unused(project: Project,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    second_article(project, GOOD["上党区打造九大专业镇。"])
    # Both places agree: the waiver accepts nothing.
    annotate("上党区打造九大专业镇。", "check: ignore BL201 — house style")
    stale = [(f.line, f.found) for f in findings(project) if f.code == "BL901"]
    assert stale == [(entry_line("上党区打造九大专业镇。"), "BL201")]
    # The same from the cache (the second run reads every article back).
    for _ in range(2):
        check(project)
        out = [line for line in lines_of(capsys) if "error" not in line and "BL901]" in line]
        assert len(out) == 1 and "ignore BL201" in out[0]
    # Under --article, BL201 is not judged, nor its waivers.
    assert [f for f in findings(project, article="shangdang") if f.code == "BL901"] == []


def test_bl202_waivers_are_judged(project: Project) -> None:
    # 上党区 is only ever "Shangdang" (a variant): BL202, which a waiver accepts.
    translate(PO, {**GOOD, "上党区打造九大专业镇。": "Shangdang is building nine specialized towns."})
    annotate("上党区打造九大专业镇。", "check: ignore BL202 上党区 — the short name is house style")
    assert [f.code for f in findings(project) if f.code in ("BL202", "BL901")] == []
    # Once the approved form is used, the waiver is stale: BL901 says so.
    translate(PO, GOOD)
    assert [(f.code, f.found) for f in findings(project) if f.code in ("BL202", "BL901")] == [
        ("BL901", "BL202")]


def test_broken_glossary_is_a_finding_not_a_crash(project: Project,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    translate(PO, GOOD)
    annotate("新质生产力", "check: ignore BL102 新质生产力 — cannot be judged without a glossary")
    (project.glossary_dir / "terms.csv").write_text(
        GLOSSARY_HEADER + GLOSSARY + "坏,bad,,,no-such-type,,\n", encoding="utf-8")
    assert check(project) == 1
    out = lines_of(capsys)
    assert out[0].startswith("glossary/terms.csv:6: error[BL801] glossary: unknown type")
    # It says which rules fell silent (the number rules need the glossary's terms).
    assert out[0].endswith("(until the glossary loads, these rules do not run: BL101, BL102, "
                           "BL103, BL202, BL401, BL402, BL403, BL802, BL803)")
    assert not any("[BL802]" in line for line in out)  # no unused-term report on a broken glossary
    assert not any("[BL901]" in line for line in out)  # term waivers are not judged either


def test_json_format(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    import json
    translate(PO, {**GOOD, "新质生产力": "New Productive Forces"})
    assert check(project, CheckOptions(format="json")) == 1
    data = json.loads(capsys.readouterr().out)
    row = next(d for d in data if d["code"] == "BL101")
    assert row == {"file": str(PO), "line": entry_line("新质生产力"), "code": "BL101",
                   "rule": "term-rendering", "draft": False,
                   "severity": "warning", "term": "新质生产力",
                   "message": '新质生产力: expected "new quality productive forces", found none',
                   "expected": "new quality productive forces", "found": "",
                   "source": "content/shangdang.md:7"}
    assert {"BL101", "BL102", "BL802"} <= {d["code"] for d in data}


def test_github_format(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    translate(PO, {**GOOD, "新质生产力": "New Productive Forces"})
    assert check(project, CheckOptions(format="github")) == 1
    out = lines_of(capsys)
    line = entry_line("新质生产力")
    assert (f"::warning file={PO},line={line},title=BL101::新质生产力: expected "
            '"new quality productive forces", found none [content/shangdang.md:7]') in out
    assert any(o.startswith("::notice file=glossary/terms.csv,line=5,title=BL802::") for o in out)
    assert out[-1] == "1 error, 1 warning, 1 info"


def test_text_output_is_sorted_by_file_and_line(project: Project,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    check(project)
    rows = [line.split(": ", 1)[0].rsplit(":", 1) for line in lines_of(capsys)[:-1]
            if "[BL" in line]
    keys = [(file, int(line)) for file, line in rows]
    assert keys == sorted(keys) and len(keys) == 5  # BL802 + four untranslated


def test_usage_errors_raise(project: Project) -> None:
    with pytest.raises(PipelineError, match="unknown format"):
        check(project, CheckOptions(format="xml"))
    with pytest.raises(PipelineError, match="unknown article"):
        check(project, CheckOptions(article="nope"))
    with pytest.raises(PipelineError, match="unknown locale"):
        check(project, CheckOptions(locale="fr"))
    PO.write_text("msgid \"x\"\nmsgstr \"y\"\nmsgid", encoding="utf-8")
    with pytest.raises(PipelineError, match="malformed catalog"):
        check(project)


def test_cli_exit_codes(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main
    with pytest.raises(SystemExit) as help_exit:
        main(["check", "--help"])
    assert help_exit.value.code == 0  # a broken `check` parser fails here, never skips
    capsys.readouterr()
    translate(PO, GOOD)
    assert main(["check"]) == 0
    assert main(["check", "--strict"]) == 0
    translate(PO, {"新质生产力": "New Productive Forces"})
    assert main(["check"]) == 1
    assert main(["check", "--article", "nope"]) == 2
    assert "unknown article" in capsys.readouterr().err
    assert main(["check", "--rule", "BL999"]) == 2
    assert "unknown rule" in capsys.readouterr().err
    assert main(["check", "--skip", "BL102", "--skip", "BL101"]) == 0
    capsys.readouterr()
    assert main(["check", "--severity", "error", "--rule", "BL102"]) == 1
    out = capsys.readouterr().out
    assert "BL102" in out and "info[" not in out and "warning[" not in out


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_real_article_is_clean_under_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from support import copy_real_project
    copy_real_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = findings(Project(tmp_path))
    assert all(f.file and f.line >= 1 and f.code for f in found)
    assert [f for f in found if f.severity != Severity.INFO] == []
    assert main(["check", "--strict"]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_waiver_on_a_fuzzy_entry_is_kept_not_unused(project: Project) -> None:
    translate(PO, GOOD)
    translate(PO, {"新质生产力": "New Productive Forces"}, fuzzy=True)
    annotate("新质生产力", "check: ignore BL101 新质生产力 — reviewed later")
    assert [f.code for f in findings(project) if f.code.startswith("BL9")] == []


def test_renamed_article_leaves_orphaned_catalogs_reported(project: Project) -> None:
    translate(PO, GOOD)
    source = project.source_path("shangdang")
    source.rename(project.content_dir / "renamed.md")
    update(project, UpdateOptions(quiet=True))
    found = [f for f in findings(project) if f.code == "BL306"]
    assert sorted(f.file for f in found) == ["locales/en/LC_MESSAGES/shangdang.po",
                                             "locales/shangdang.pot"]
    assert all("rename its .pot/.po files too" in f.message for f in found)
    strict = run_checks(gather(project, None, None, strict=True))
    assert any(f.code == "BL306" and f.severity == Severity.ERROR for f in strict)
