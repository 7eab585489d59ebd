"""Every input is validated where it enters (issue 27): header values from the
API, the command line and the environment; settings; invisible characters in
sources, catalogs and the glossary; NUL everywhere, with its line."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from serve_support import API, AUTH, Fixture
from support import make_project

from pipeline.catalog.header import HeaderValueError, header_value
from pipeline.cli import main


def _save(api, fx: Fixture, translator: str):  # type: ignore[no-untyped-def]
    view = api.get(API).json()
    seg = next(s for s in view["segments"] if s["status"] == "translated")
    return api.patch(API, headers=AUTH, json={
        "fingerprint": view["fingerprint"], "translator": translator,
        "edits": [{"segment": seg["id"], "msgstr": seg["msgstr"] + " Changed."}]})


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@pytest.mark.parametrize("translator", ["Eve\nPlural-Forms: nplurals=1; plural=0;",
                                        "Eve\nX-Evil: 1", "Eve\rX: 1", "Eve\u2028X: 1",
                                        "Eve\x00"])
def test_a_translator_name_cannot_add_or_break_header_fields(api, fx: Fixture,
                                                             translator: str) -> None:
    before = fx.po_path.read_bytes()
    response = _save(api, fx, translator)
    assert response.status_code in (400, 422), response.text
    assert "Traceback" not in response.text
    assert fx.po_path.read_bytes() == before  # nothing written
    assert polib.pofile(str(fx.po_path)).metadata.get("X-Evil") is None
    assert _save(api, fx, "Eve <eve@example.org>").status_code == 200


def test_header_values_are_one_line_of_text() -> None:
    assert header_value("Last-Translator", "Zhāng Wěi <zw@example.org>")
    for bad in ("a\nb", "a\tb", "a\x85b", "a\u2029b"):
        with pytest.raises(HeaderValueError, match="one line of text"):
            header_value("Last-Translator", bad)


def test_the_environment_and_the_command_line_are_checked_alike(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path, {"a": "段落。\n"})
    monkeypatch.setenv("BILINGUAL_TRANSLATOR", "Eve\nX-Evil: 1")
    assert main(["-C", str(tmp_path), "update", "--locale", "en", "--create"]) == 2
    err = capsys.readouterr().err
    assert "Last-Translator must be one line" in err and "Traceback" not in err
    assert not (tmp_path / "locales/en/LC_MESSAGES/a.po").exists()


@pytest.mark.parametrize("setting, message", [
    ('[publication]\nurl = "javascript:alert(1)"\n', "must be an http:// or https://"),
    ('[publication]\nurl = "https://ok.example/\\" onmouseover=\\"x"\n', "must be an http://"),
    ('[publication]\nname = "Title\\u0000"\n', "control character"),
    ('[publication]\ntranslator = "Eve\\nX: 1"\n', "control character"),
])
def test_settings_refuse_non_web_addresses_and_control_characters(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str, message: str) -> None:
    make_project(tmp_path, {"a": "段落。\n"})
    (tmp_path / "bilingual.toml").write_text(setting, encoding="utf-8")
    assert main(["-C", str(tmp_path), "extract"]) == 2
    err = capsys.readouterr().err
    assert message in err and "bilingual.toml:2:" in err


def test_a_nul_in_a_glossary_row_is_refused_with_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a": "产业是引擎。\n"}, "产业,industry,,,other,,\n引擎,en\x00gine,,,other,,\n")
    assert main(["-C", str(tmp_path), "check"]) != 0
    out = capsys.readouterr()
    assert "terms.csv:3:" in out.out + out.err and "NUL" in out.out + out.err


def test_invisible_characters_are_found_in_sources_catalogs_and_the_glossary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a": "---\ntitle: 标题\n---\n\n产业是\u202e引擎。\n\n第二段。\n"},
                 "产业,indus\u202etry,,,other,,\n")
    assert main(["-C", str(tmp_path), "update", "--locale", "en", "--create"]) == 0
    po_path = tmp_path / "locales/en/LC_MESSAGES/a.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid == "第二段。":
            entry.msgstr = "Second\u00ad para\U000e0041graph."
    po.save()
    main(["-C", str(tmp_path), "check", "--no-cache"])
    out = capsys.readouterr().out
    found = [line for line in out.splitlines() if "BL505" in line and "error" in line]
    assert any("content/a.md:5:" in line and "U+202E" in line for line in found), out
    assert any("glossary/terms.csv:2:" in line and "U+202E" in line for line in found)
    assert any("a.po:" in line and "U+00AD" in line and "U+E0041" in line for line in found)
