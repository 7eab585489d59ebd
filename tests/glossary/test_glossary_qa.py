"""Glossary QA (BL803): pinyin and name renderings against pypinyin."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import REPO, make_project

from pipeline.cli import main
from pipeline.glossary import load_glossary
from pipeline.glossary.model import Term
from pipeline.glossary.qa import check_term, glossary_problems


@pytest.mark.parametrize("term, problem", [
    (Term("冯波", "Feng Po", type="person", pinyin="Féng Bō"), "not the pinyin of 冯波"),
    (Term("冯波", "Feng Bo", type="person", pinyin="Féng Pō"), "does not spell 冯波"),
    (Term("冯波", "Feng Bo", type="person", pinyin="Féng Bó"), "does not spell 冯波"),
    (Term("苏店镇", "Sudian Village", type="place"), "Village needs 村"),
    (Term("上党区", "Shangdang County", type="place"), "County needs 县"),
    (Term("上党县", "Shangdang District", type="place"), "District needs 区"),
    (Term("白家沟村", "Baijiagou", type="place"), "add the generic Village"),
    (Term("白家沟村", "Baijiagao Village", type="place"), "not the pinyin of 白家沟"),
    (Term("港口", "port", pinyin="gang kou"), "has no tone marks (pypinyin reads 港口 'gǎng kǒu')"),
])
def test_wrong_names_and_pinyin_are_found(term: Term, problem: str) -> None:
    [message] = check_term(term)
    assert problem in message


@pytest.mark.parametrize("term", [
    Term("任宇轩", "Ren Yuxuan", type="person", pinyin="Rèn Yǔxuān"),  # heteronym 任 rèn/rén
    Term("庄子河村", "Zhuangzihe Village", type="place", pinyin="Zhuāngzihé Cūn"),  # neutral 子
    Term("振兴小镇", "Zhenxing Town", type="place", pinyin="Zhènxīng Xiǎozhèn"),
    Term("绿色能源物流港", "Green Energy Logistics Port", type="place"),  # translated, not pinyin
    Term("我省", "Shanxi", type="place", pinyin="wǒ shěng"),
    Term("吕梁", "Lüliang", type="place", pinyin="Lǚliáng"),
    Term("东西", "things", pinyin="dōngxi"),  # one unmarked (neutral) syllable is fine
])
def test_right_names_are_silent(term: Term) -> None:
    assert check_term(term) == []


def test_silent_on_the_real_glossary() -> None:
    assert glossary_problems(load_glossary(REPO / "glossary")) == []


def test_check_reports_bl803_with_the_row_line(tmp_path: Path, capsys) -> None:
    root = make_project(tmp_path, {"a": "---\ntitle: 冯波\n---\n\n冯波写的。\n"},
                        "上党区,Shangdang District,,,place,Shàngdǎng Qū,\n"
                        "冯波,Feng Po,,,person,Féng Bō,\n")
    main(["-C", str(root), "check"])
    out = capsys.readouterr().out
    assert "glossary/terms.csv:3: warning[BL803] 冯波: 'Feng Po' is not the pinyin of 冯波" in out
