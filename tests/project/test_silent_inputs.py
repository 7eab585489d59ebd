"""Inputs that used to pass silently: deep nesting, links out of the project,
invisible characters, malformed request bodies."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from serve_support import LOCALE, SLUG, TOKEN, client, make_fixture
from support import make_project

from pipeline.checks.rules.base import EntryView
from pipeline.checks.rules.hidden_chars import hidden_findings
from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.source import parse_article


@pytest.mark.parametrize(("text", "line"), [
    ("".join("  " * i + f"- 项{i}\n" for i in range(10)), 10),  # list 10 deep
    ("正文。\n\n" + "> " * 20 + "深处的话。\n", 3),  # quote 20 deep
])
def test_content_past_the_nesting_limit_is_an_error_with_its_line(text: str, line: int) -> None:
    with pytest.raises(PipelineError) as info:
        parse_article(text, Path("a.md"))
    assert info.value.line == line and "nested too deeply" in info.value.message


def test_nesting_within_the_limit_keeps_every_segment() -> None:
    text = "".join("  " * i + f"- 项{i}\n" for i in range(9)) + "\n" + "> " * 19 + "深。\n"
    assert len(parse_article(text, Path("a.md")).segments) == 10


def test_extract_and_build_refuse_a_source_linked_from_outside(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]
                                                               ) -> None:
    root = make_project(tmp_path / "p", {})
    secret = tmp_path / "secret.md"
    secret.write_text("# 秘密\n\n不该发布的内容。\n", encoding="utf-8")
    (root / "content" / "leak.md").symlink_to(secret)
    for command in ("extract", "build"):
        assert main(["-C", str(root), command]) == 2
        assert "outside the project" in capsys.readouterr().err
    assert not (root / "locales" / "leak.pot").exists()


def test_invisible_characters_in_a_translation_are_found() -> None:
    entry = polib.POEntry(msgid="产业。", msgstr="Indus\u202etry\u200b.")
    view = EntryView(file="a.po", line=3, slug="a", locale="en", entry=entry)
    [finding] = hidden_findings(view)
    assert finding.code == "BL505" and "U+202E" in finding.message and "U+200B" in finding.message
    assert hidden_findings(EntryView(file="a.po", line=3, slug="a", locale="en",
                                     entry=polib.POEntry(msgid="产业。", msgstr="Industry."))) == []


def test_lone_surrogate_bodies_are_4xx_with_security_headers(tmp_path: Path) -> None:
    fx = make_fixture(tmp_path / "project")
    with client(fx) as api:
        answer = api.patch(f"/api/articles/{SLUG}/{LOCALE}",
                           content=b'{"fingerprint": "\\ud800", "edits": [{"segment": "x", '
                                   b'"msgstr": "\\udfff"}]}',
                           headers={"X-Bilingual-Token": TOKEN,
                                    "Content-Type": "application/json"})
        assert answer.status_code == 422
        assert "content-security-policy" in answer.headers
        assert "\\ud800" not in answer.text  # the input is not echoed
        assert api.get("/api/articles").status_code == 200  # the connection still works


def test_a_server_error_still_carries_the_security_headers(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.serve.workspace import Workspace
    fx = make_fixture(tmp_path / "project")

    def broken(*_args: object, **_kw: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Workspace, "listing", broken)
    from serve_support import make_app
    from starlette.testclient import TestClient
    with TestClient(make_app(fx), base_url="http://127.0.0.1:8765",
                    raise_server_exceptions=False) as api:
        answer = api.get("/api/articles")
    assert answer.status_code == 500 and "boom" not in answer.text
    assert "content-security-policy" in answer.headers
