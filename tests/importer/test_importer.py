"""Import heuristics, each on a small crafted input and on the real raw extraction."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from support import REPO

from pipeline.cli import main
from pipeline.importer import (
    import_raw,
    is_credits,
    is_heading,
    normalise_punctuation,
    scattered_suggestion,
)

RAW = REPO / "content" / "shangdang.raw.txt"


def body(markdown: str) -> str:
    return markdown.split("---\n", 2)[2]


# sha256 of the seed extraction as delivered (shared/seed/shangdang-raw.txt).
SEED_SHA256 = "20ee623ebe1f521f7e024f25d56a4f1d1d1a10ab669b115c38d89cbcbfec3f17"


def test_raw_text_is_kept_verbatim_as_provenance() -> None:
    assert hashlib.sha256(RAW.read_bytes()).hexdigest() == SEED_SHA256
    seed = REPO.parent / "shared" / "seed" / "shangdang-raw.txt"
    if seed.exists():  # beside the development checkout, not in CI's clone
        assert RAW.read_bytes() == seed.read_bytes()


def test_real_raw_imports_to_the_reviewed_body() -> None:
    result = import_raw(RAW.read_text(encoding="utf-8"))
    reviewed = (REPO / "content" / "shangdang.md").read_text(encoding="utf-8")
    # The editor changed only the front matter (headline decision); the body is as imported.
    assert body(result.markdown) == body(reviewed)
    messages = [n.message for n in result.changes]
    assert sum("joined a paragraph" in m for m in messages) == 1
    assert sum(m.startswith("section heading") for m in messages) == 3
    assert sum("'，'" in m for m in messages) > 100
    assert any("'；'" in m for m in messages)
    # The join across the page break is put to the editor too, with the other choice.
    flag, join = sorted(result.flags, key=lambda n: "joined across" in n.message)
    assert "joined across a blank line" in join.message and "split them at line 27" in join.message
    assert "上党区 / 产业焕新 / 蝶变向新 / 姿行" in flag.message
    assert "上党区 产业焕新姿 蝶变向新行" in flag.message  # suggested, not applied
    assert flag.line == 5


def test_headline_fragments_are_flagged_not_guessed() -> None:
    result = import_raw("上党区\n\n产业焕新\n蝶变向新\n姿行\n\n正文第一段，写得很长很长的句子。\n")
    assert "title: 上党区 产业焕新 蝶变向新 姿行" in result.markdown
    assert result.flags and "cannot be decided" in result.flags[0].message


def test_paragraph_cut_by_page_break_is_joined_and_reported() -> None:
    cut = "一直以来，上党区始终坚持稳中求进的发展基调，聚焦建设能源强区，充分发挥煤炭大区优势，持"
    result = import_raw(f"{cut}\n\n续打好绿色煤炭组合拳。\n")
    assert body(result.markdown).strip() == cut + "续打好绿色煤炭组合拳。"
    assert any("joined a paragraph cut by a blank line" in n.message for n in result.changes)
    # ...and put to the editor with the other choice (issue 33: no join made silently).
    assert any("split them at line 3" in n.message for n in result.flags)


def test_short_unpunctuated_line_before_text_is_not_joined() -> None:
    result = import_raw("正文段落，足够长的一句话，以句号结束。\n\n做优特色农业 助推现代农业发展\n\n下一段。\n")
    assert "## 做优特色农业 助推现代农业发展" in result.markdown


@pytest.mark.parametrize("raw, fixed", [
    ("产业,是引擎", "产业，是引擎"),
    ("截至2024年9月,25座煤矿", "截至2024年9月，25座煤矿"),
    ("达到95%,煤炭", "达到95%，煤炭"),
    ("品质;果蔬", "品质；果蔬"),
    ("1,300 tonnes, in English", "1,300 tonnes, in English"),
    ("“1+2+15”体系", "“1+2+15”体系"),
    ("中药(饮片)", "中药（饮片）"),
])
def test_half_width_punctuation_in_chinese_becomes_full_width(raw: str, fixed: str) -> None:
    assert normalise_punctuation(raw, 1)[0] == fixed


def test_heading_and_credits_recognition() -> None:
    assert is_heading("“链”上持续发力 产业集群枝繁叶茂")
    assert not is_heading("上党区是全国重点产煤县之一。")
    assert is_credits("策划/冯波 邵盼 统筹/李建义 文字/白雪峰")
    assert not is_credits("车用原材料-零部件/系统总成")


def test_scattered_suggestion() -> None:
    assert scattered_suggestion(["上党区", "产业焕新", "蝶变向新", "姿行"]) == "上党区 产业焕新姿 蝶变向新行"
    assert scattered_suggestion(["标题"]) is None


def test_import_command_writes_source_keeps_raw_and_never_clobbers(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    assert main(["-C", str(tmp_path), "import", str(RAW), "--slug", "demo"]) == 0
    assert (tmp_path / "content" / "demo.raw.txt").read_bytes() == RAW.read_bytes()
    assert (tmp_path / "content" / "demo.md").read_text(encoding="utf-8").startswith("---\n")
    out = capsys.readouterr()
    assert "shangdang.raw.txt:5: review: headline" in out.err
    # One summary line per kind of change, after the review items.
    assert "shangdang.raw.txt: fixed: 1 paragraphs cut by a page break joined" in out.err
    assert out.err.index("review:") < out.err.index("fixed:")
    assert "fixed: joined a paragraph" not in out.err  # only with --verbose
    assert "demo.md: written" in out.out
    # The reviewed file is the source of truth: a second import refuses to overwrite it.
    assert main(["-C", str(tmp_path), "import", str(RAW), "--slug", "demo"]) == 2
    err = capsys.readouterr().err
    assert "not overwriting" in err and "fixed:" not in err  # refused before any report


def test_dry_run_prints_only_markdown_on_stdout(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    assert main(["-C", str(tmp_path), "import", str(RAW), "--slug", "demo", "--dry-run"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("---\n") and "fixed:" not in out.out and "fixed:" in out.err
    assert not (tmp_path / "content" / "demo.md").exists()


@pytest.mark.parametrize("slug", ["../evil", "", "My Article", "a/b", ".hidden"])
def test_import_rejects_bad_slugs(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  slug: str) -> None:
    (tmp_path / "content").mkdir()
    assert main(["-C", str(tmp_path), "import", str(RAW), "--slug", slug]) == 2
    assert f"invalid slug '{slug}'" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["content"]


def test_import_refuses_bytes_the_given_encoding_cannot_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    raw = tmp_path / "gbk.txt"
    raw.write_bytes("标题\n\n正文".encode("gbk"))
    assert main(["-C", str(tmp_path), "import", str(raw), "--slug", "x",
                 "--encoding", "utf-8"]) == 2
    assert "gbk.txt:1: not valid utf-8" in capsys.readouterr().err


def test_form_feed_page_breaks_keep_line_numbers_and_cut_paragraphs_join() -> None:
    raw = "第一段，内容写到一半没有写\f完，下一页继续。\n\n- 3 -\n\n第二段，有问题,出在这里。\n"
    result = import_raw(raw)
    assert body(result.markdown) == "\n第一段，内容写到一半没有写完，下一页继续。\n\n第二段，有问题，出在这里。\n"
    notes = {(n.line, n.message.split(" (")[0]) for n in result.changes}
    assert (3, "removed page number '- 3 -'") in notes
    assert (5, "',' -> '，' in Chinese text at column 8") in notes


def test_fix_in_second_half_of_a_joined_paragraph_points_at_its_own_line() -> None:
    raw = "这一段很长，被分页切断了，前半部分在第一页上面，继续写下去直到页面结束还没有" \
          "\n\n完,后半部分在第三行。\n"
    result = import_raw(raw)
    [fix] = [n for n in result.changes if "'，'" in n.message]
    assert fix.line == 3 and "column 2" in fix.message


def test_lines_of_one_paragraph_join_with_a_space_between_latin_words() -> None:
    result = import_raw("依托Lu'an Mining\nGroup的支持，继续\n发展。\n")
    assert "依托Lu'an Mining Group的支持，继续发展。" in result.markdown


@pytest.mark.parametrize("raw, expected", [
    ("*重点*工作，要抓好。", "\\*重点\\*工作，要抓好。"),
    ("1. 智能制造产业园，建设中。", "1\\. 智能制造产业园，建设中。"),
    ("# 这不是标题，是正文。", "\\# 这不是标题，是正文。"),
    ("硅片(Si),组件", "硅片（Si），组件"),
])
def test_text_that_looks_like_markup_is_escaped(raw: str, expected: str) -> None:
    assert expected in import_raw(raw + "\n").markdown


def test_colon_lines_and_short_prose_are_not_headings() -> None:
    result = import_raw("正文第一段，以句号结束的长句子写在这里。\n\n责任编辑：张三\n\n"
                        "要确保各项任务落\n\n地见效。\n")
    md = body(result.markdown)
    assert "## 责任编辑" not in md
    # Too short to tell a heading from half a paragraph: flagged for the editor.
    [flag] = [f for f in result.flags if "heading" in f.message and "'" in f.message]
    assert flag.line == 5 and "may be the rest of a paragraph cut by a page break" in flag.message


def test_empty_and_non_chinese_raw_texts_are_flagged(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert any("English" not in n.message and "Chinese" in n.message
               for n in import_raw("This is an English press release.\n").flags)
    (tmp_path / "content").mkdir()
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    assert main(["-C", str(tmp_path), "import", str(empty), "--slug", "x"]) == 2
    assert "empty.txt:1: no text to import" in capsys.readouterr().err
