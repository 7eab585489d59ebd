"""Two small articles with a pipe table, their translations, and a project built from
them: one with no section heading (a statistics release: caption, table, note), one
with its table under a `##` heading."""

from __future__ import annotations

from pathlib import Path

from support import make_project, translate

from pipeline.commands.build import BuildOptions, build
from pipeline.commands.update import UpdateOptions, update
from pipeline.project import Project

NO_HEADING = "release"
UNDER_HEADING = "feature"
CAPTION = "*表1 2018年1-7月份工业企业利润*"
NOTE = "附注：本文所称工业企业指年主营业务收入2000万元及以上的工业企业。"
EDITOR = "责任编辑：张鑫"
TABLE = """| 分组 | 利润总额（亿元） | 同比增长（%） |
|---|---|---|
| 总计 | 39038.1 | 17.1 |
| 集体企业 | 125.2 | 4.1 |"""
ARTICLES = {
    NO_HEADING: f"""---
lang: zh-Hans
title: 统计局：1-7月份工业企业利润增长17.1%
---

1-7月份，全国工业企业实现利润总额39038.1亿元，同比增长17.1%。

1-7月份，集体企业实现利润总额125.2亿元，增长4.1%。

{CAPTION}

{TABLE}

{NOTE}

{EDITOR}
""",
    UNDER_HEADING: f"""---
lang: zh-Hans
title: 产业焕新姿
---

产业是一个地区经济发展的核心引擎。

## 数据一览

{TABLE}

全区工业稳步增长。
""",
}
ENGLISH = {
    "统计局：1-7月份工业企业利润增长17.1%": "NBS: industrial profits up 17.1% in January–July",
    "1-7月份，全国工业企业实现利润总额39038.1亿元，同比增长17.1%。":
        "In January–July, industrial enterprises made profits of 3,903.81 billion yuan, up 17.1%.",
    "1-7月份，集体企业实现利润总额125.2亿元，增长4.1%。":
        "In January–July, collective enterprises made 12.52 billion yuan, up 4.1%.",
    CAPTION: "*Table 1 Profits of industrial enterprises, January–July 2018*",
    NOTE: "Note: industrial enterprises are those with revenue of 20 million yuan or more.",
    EDITOR: "Editor: Zhang Xin",
    "分组": "Group", "利润总额（亿元）": "Total profits (100 million yuan)",
    "同比增长（%）": "Growth (%)", "总计": "Total", "39038.1": "39,038.1", "17.1": "17.1",
    "集体企业": "Collective enterprises", "125.2": "125.2", "4.1": "4.1",
    "产业焕新姿": "Industry renewed",
    "产业是一个地区经济发展的核心引擎。": "Industry is the engine of a region's economy.",
    "数据一览": "The figures",
    "全区工业稳步增长。": "The district's industry grows steadily.",
}
CELLS_PER_ROW = 3
ROWS = 3


def make_table_project(root: Path) -> Project:
    """The two articles, translated in full, built into root/build."""
    make_project(root, ARTICLES)
    project = Project(root)
    assert update(project, UpdateOptions(locale="en", create=True, quiet=True)) == 0
    for slug in ARTICLES:
        translate(project.catalog_path(slug, "en"), ENGLISH)
    assert build(project, BuildOptions(quiet=True)) == 0
    return project



FILLER_ZH = "全区工业企业加快转型升级，持续推进技术改造和智能化建设，产业链条不断延伸，发展质量稳步提升。"
FILLER_EN = ("Industrial enterprises across the district are upgrading faster, pressing on with "
             "technical renovation and smart manufacturing; their industrial chains grow longer "
             "and the quality of their growth rises steadily year after year.")
FILLED_TABLES = 12
FILLED = "tables"


def filled_caption(table: int) -> tuple[str, str]:
    return f"*表{table} 工业企业利润*", f"*Table {table} Profits of industrial enterprises*"


def filled_header(table: int) -> tuple[str, str]:
    return f"分组{table}", f"Group {table}"


def _filled_article() -> str:
    """Table n after n paragraphs: the captions fall at many places on a page, the foot included."""
    blocks = []
    for n in range(1, FILLED_TABLES + 1):
        blocks += [f"{n}.{k}、{FILLER_ZH}" for k in range(1, n + 1)]
        blocks += [filled_caption(n)[0], TABLE.replace("分组", filled_header(n)[0], 1)]
    return "---\nlang: zh-Hans\ntitle: 统计局：工业企业利润\n---\n\n" + "\n\n".join(blocks) + "\n"


def _filled_english() -> dict[str, str]:
    english = {**ENGLISH, "统计局：工业企业利润": "NBS: industrial profits"}
    for n in range(1, FILLED_TABLES + 1):
        english.update({f"{n}.{k}、{FILLER_ZH}": f"{n}.{k}. {FILLER_EN}" for k in range(1, n + 1)})
        english.update((filled_caption(n), filled_header(n)))
    return english


LONG = "long"
LONG_ROWS = 80  # more than a facing page holds


def _long_article() -> str:
    rows = "\n".join(f"| 第{n}行 | {n}.5 |" for n in range(1, LONG_ROWS + 1))
    return ("---\nlang: zh-Hans\ntitle: 统计局：工业企业利润\n---\n\n"
            f"{CAPTION}\n\n| 分组 | 利润总额（亿元） |\n|---|---|\n{rows}\n\n{NOTE}\n")


def _long_english() -> dict[str, str]:
    english = {**ENGLISH, "统计局：工业企业利润": "NBS: industrial profits"}
    english.update({f"第{n}行": f"Row {n}" for n in range(1, LONG_ROWS + 1)})
    english.update({f"{n}.5": f"{n}.5" for n in range(1, LONG_ROWS + 1)})
    return english


def make_filled_project(root: Path) -> Project:
    """The article of FILLED_TABLES captioned tables and the one of a long table,
    translated, built."""
    make_project(root, {FILLED: _filled_article(), LONG: _long_article()})
    project = Project(root)
    assert update(project, UpdateOptions(locale="en", create=True, quiet=True)) == 0
    translate(project.catalog_path(FILLED, "en"), _filled_english())
    translate(project.catalog_path(LONG, "en"), _long_english())
    assert build(project, BuildOptions(quiet=True)) == 0
    return project
