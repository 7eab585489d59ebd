"""Bad input → one clear `file:line` message, exit 2, no traceback, nothing half-written."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import REPO, make_project

from pipeline.catalog.pofile import read_catalog
from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.glossary import parse_glossary
from pipeline.importer import import_raw
from pipeline.source import parse_article

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
SOURCE = "---\ntitle: 标题\n---\n\n产业是引擎。\n"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    make_project(tmp_path, {"a": SOURCE}, "专业镇,specialized town,,,policy-term,,\n")
    assert main(["-C", str(tmp_path), "update", "--locale", "en", "--create"]) == 0
    return tmp_path


def run(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["-C", str(project), *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.strip()


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@pytest.mark.parametrize("body, line, message", [
    ('msgid "a\nmsgstr "b"\n', 5, "malformed string literal"),
    ('msgid "a\\q"\nmsgstr "b"\n', 5, "escape sequence '\\q' is not supported"),
    ('msgid "a"\n', 5, "missing 'msgstr' section"),  # at the msgid, as msgfmt says it
    ('#: a.md:1\nmsgid "a"\n\n#: a.md:2\nmsgid "b"\nmsgstr "c"\n', 6, "missing 'msgstr' section"),
    ('msgid "a"\nmsgstr "b"\nfoo "c"\n', 7, "syntax error"),
    ('msgid "a"\nmsgstr "b"\n\n#: a.md:3\nmsgid "a"\nmsgstr "c"\n', 9,
     "duplicate message definition (first defined at line 5)"),
    ('garbage here\n', 5, "syntax error"),
])
def test_malformed_catalogs(project: Path, capsys: pytest.CaptureFixture[str], body: str,
                            line: int, message: str) -> None:
    po = project / "locales/en/LC_MESSAGES/a.po"
    po.write_text(HEADER + body, encoding="utf-8")
    before = po.read_bytes()
    for command in (["update"], ["build"], ["status"], ["check"]):
        code, err = run(project, capsys, *command)
        assert code == 2, command
        assert err == f"{po}:{line}: malformed catalog: {message}" or \
            err.endswith(f"a.po:{line}: malformed catalog: {message}"), err
    assert po.read_bytes() == before  # nothing rewritten


@pytest.mark.parametrize("data, line, message", [
    (b"", 1, "empty catalog"),
    (b"\xff\xfe" + "msgid".encode("utf-16-le"), 1, "binary data"),
    ((HEADER + 'msgid "甲"\nmsgstr "x"\n').encode("gbk"), 5, "not valid UTF-8"),
    (HEADER.replace("UTF-8", "GBK").encode() + b'msgid "a"\nmsgstr "b"\n', 3, "charset=UTF-8"),
    ('msgid ""\nmsgstr ""\n\nmsgid "甲"\nmsgstr "x"\n'.encode(), 1, "charset"),
])
def test_wrong_bytes_or_charset(project: Path, capsys: pytest.CaptureFixture[str], data: bytes,
                                line: int, message: str) -> None:
    po = project / "locales/en/LC_MESSAGES/a.po"
    po.write_bytes(data)
    code, err = run(project, capsys, "status")
    assert code == 2
    assert f"a.po:{line}: " in err and message in err, err


@pytest.mark.parametrize("row, line, message", [
    ("专业镇,specialized town,,,policy-term,,\n专业镇,x,,,place,,\n", 3, "duplicate term '专业镇'"),
    ("专业镇,,,,policy-term,,\n", 2, "empty 'english' field"),
    ("专业镇,specialized town,,specialized town,policy-term,,\n", 2, "both approved and forbidden"),
    ("专业镇,specialized town,policy-term\n", 2, "row has 3 fields, header has 7"),
    ("专业镇,specialized town,,,policy,,\n", 2, "unknown type 'policy'"),
    ('专业镇,"specialized town,,,policy-term,,\n', 2, "malformed CSV"),
])
def test_broken_glossary_rows(project: Path, capsys: pytest.CaptureFixture[str], row: str,
                              line: int, message: str) -> None:
    (project / "glossary/terms.csv").write_text(
        "term,english,variants,forbidden,type,pinyin,note\n" + row, encoding="utf-8")
    code, err = run(project, capsys, "extract")
    assert code == 2 and f"terms.csv:{line}: " in err and message in err, err
    # The gate reports the same problem as a finding (exit 1, not a crash).
    code, out = main(["-C", str(project), "check"]), capsys.readouterr().out
    assert code == 1 and "error[BL801]" in out and message in out


def test_unsupported_markdown_is_reported_not_dropped(project: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content/a.md").write_text(SOURCE + "\n<div>原始 HTML</div>\n", encoding="utf-8")
    code, err = run(project, capsys, "extract")
    assert code == 2 and err.endswith("a.md:7: raw HTML blocks are not supported; write "
                                      "Markdown instead")


def test_missing_things(project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(project, capsys, "build", "--article", "zz")[1].endswith(
        "unknown article 'zz' (articles: a)")
    assert "unknown locale 'fr'" in run(project, capsys, "check", "--locale", "fr")[1]
    assert run(project, capsys, "fmt", str(project / "nope.po")) == (2, f"{project}/nope.po: no such file or directory")
    empty = tmp_path.parent / f"{tmp_path.name}-empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert run(empty, capsys, "status") == (
        2, ".: not a bilingual project (no bilingual.toml or content/); start one with "
           "`bilingual init`")
    assert main(["status"]) == 2
    assert "not inside a bilingual project" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["build", "--min-complete", "lots"])
    assert info.value.code == 2
    assert "'lots' is not a number" in capsys.readouterr().err
    for bad in ("150", "-5", "nan"):
        with pytest.raises(SystemExit):
            main(["build", "--min-complete", bad])
    assert "not a percentage between 0 and 100" in capsys.readouterr().err

    for args, message in ((["serve", "--port", "99999"], "99999 is not a number from 0 to 65535"),
                          (["serve", "--port", "-1"], "-1 is not a number from 0 to 65535"),
                          (["terms", "--limit", "0"], "0 is not a number of at least 1"),
                          (["terms", "--limit", "x"], "'x' is not a whole number")):
        with pytest.raises(SystemExit) as info:
            main(args)
        assert info.value.code == 2 and message in capsys.readouterr().err


@pytest.mark.parametrize("toml, line, message", [
    ('[style]\nquotes = "curly-double"\nspelling = oxford\n', 3, "not valid TOML: Invalid value"),
    ("[publication]\n[style\n", 2, "Expected ']' at the end of a table declaration"),
    ('[publication]\nname = "Town\n', 2, "Illegal character"),
    ('[publication]\nname = """Town', 2, "Unterminated string"),  # at the end of the file
])
def test_settings_that_are_not_toml_say_where(project: Path, capsys: pytest.CaptureFixture[str],
                                              toml: str, line: int, message: str) -> None:
    (project / "bilingual.toml").write_text(toml, encoding="utf-8")
    code, err = run(project, capsys, "status")
    assert code == 2 and f"bilingual.toml:{line}: " in err and message in err, err
    assert "(at line" not in err and "(at end" not in err  # said once, as file:line


# --- fuzz: random bytes and mutated real files never crash a reader ---------------------

REAL_PO = (REPO / "locales/en/LC_MESSAGES/shangdang.po").read_bytes()
REAL_MD = (REPO / "content/shangdang.md").read_bytes()
REAL_CSV = (REPO / "glossary/terms.csv").read_bytes()


def mutate(data: bytes, seed: int, edits: int) -> bytes:
    rng = random.Random(seed)
    buf = bytearray(data)
    for _ in range(edits):
        op = rng.randrange(4)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            del buf[pos:pos + rng.randrange(1, 40)]
        elif op == 1:
            buf[pos:pos] = bytes(rng.choice(b'"\\\n#~|,:msgidstr[]0 \xe4\xb8\xad') for _ in range(rng.randrange(1, 6)))
        elif op == 2 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        else:
            start = rng.randrange(len(buf) + 1)
            buf[pos:pos] = buf[start:start + rng.randrange(1, 80)]
    return bytes(buf)


def read_all(tmp: Path, data: bytes) -> None:
    po = tmp / "f.po"
    po.write_bytes(data)
    for reader in (lambda: read_catalog(po),
                   lambda: parse_glossary(data.decode("utf-8", "replace"), tmp / "g.csv"),
                   lambda: parse_article(data.decode("utf-8", "replace"), tmp / "a.md"),
                   lambda: import_raw(data.decode("utf-8", "replace"))):
        try:
            reader()
        except PipelineError as exc:
            assert str(exc) and "\n" not in str(exc)


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(tmp_path: Path, data: bytes) -> None:
    read_all(tmp_path, data)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([REAL_PO, REAL_MD, REAL_CSV]), st.integers(0, 2**32), st.integers(1, 6))
def test_fuzz_mutated_real_files(tmp_path: Path, original: bytes, seed: int, edits: int) -> None:
    read_all(tmp_path, mutate(original, seed, edits))


@pytest.mark.parametrize("args", [["build", "--draft"], ["check", "--stric"], ["-C", ".", "status", "--form", "json"]])
def test_a_flag_must_be_spelt_whole(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """An outside tester's `build --draft` ran as `--drafts`: a prefix that a later flag
    could share must not be taken for a flag."""
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err
