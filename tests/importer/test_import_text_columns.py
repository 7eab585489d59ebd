"""Two columns of `pdftotext -layout` text with a one-space gutter: where a line of the
left column is full, the right column's text follows it after a single space. The
text is written for the test in the shape of a statistics digest set in two columns."""

from __future__ import annotations

from pipeline.importer import import_raw

TIGHT = """前三季度全市经济运行情况

  市政府今天召开新闻发布会，介绍今年   3. 固定资产投资平稳增长，基础设施投
前三季度全市经济运行情况，地区生产总值 资增长9.3%，民间投资降幅收窄，投资结构
同比增长5.2%，比上半年加快0.3个百分 持续优化；
点，经济运行稳中向好。              4. 进出口总额增长4.6%，其中出口增长
  1. 工业生产稳中有进，规模以上工业 8.2%，对共建国家出口增长较快；
增加值增长6.1%，其中高技术制造业增长   5. 居民收入稳步增加，全市居民人均可支
12.4%，拉动作用明显增强；        配收入增长5.9%，城乡收入差距继续缩小；
  2. 消费市场持续回暖，社会消费品零售   6. 物价总体平稳，居民消费价格上涨0.4
总额增长7.8%，其中餐饮收入增长较快， %，城镇新增就业6.2万人。
升级类商品销售旺盛；
"""


def test_a_one_space_gutter_between_full_lines_is_read_as_the_columns_edge() -> None:
    body = import_raw(TIGHT).markdown.split("\n---\n", 1)[1]
    assert "\n1\\. 工业生产稳中有进，规模以上工业增加值增长6.1%，其中高技术制造业增长12.4%，拉动作用明显增强；\n" in body
    assert ("\n5\\. 居民收入稳步增加，全市居民人均可支配收入增长5.9%，城乡收入差距继续缩小；\n"
            in body)
    assert "\n6\\. 物价总体平稳，居民消费价格上涨0.4%，城镇新增就业6.2万人。" in body
