"""Build the import corpus: real public Chinese texts (see README.md), damaged the way
PDF extraction damages them, beside the Markdown an editor expects.

Each article is its clean structure; `damage` produces the raw text (hard wraps,
page breaks mid-sentence, page numbers, running heads, half-width punctuation,
straight quotes) and `expected` the Markdown. Run from this directory:
    python make_corpus.py
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

FULL = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def clean(text: str) -> str:
    return PINYIN.sub("", text)


def half(text: str) -> str:
    return text.translate({ord(v): k for k, v in zip(",;:?!()", "，；：？！（）", strict=False)})


def expected(meta: dict[str, str], body: list[tuple[str, str]]) -> str:
    front = yaml.safe_dump({"lang": "zh-Hans", **{k: v.translate(FULL) for k, v in meta.items()}},
                           allow_unicode=True, sort_keys=False, width=1000)
    out = []
    for kind, text in body:
        text = text.translate(FULL)
        out.append({"h2": "## ", "h3": "### "}.get(kind, "") + (f"*{text}*" if kind == "cap" else text))
    return "---\n" + front + "---\n\n" + "\n\n".join(out) + "\n"


def wrap(text: str, width: int, indent: str) -> list[str]:
    text = indent + text
    return [text[i:i + width] for i in range(0, len(text), width)]


def damage(head: list[str], body: list[tuple[str, str]], width: int, *, layout: bool,
           page_lines: int, running: str, straight: bool = False) -> str:
    """layout: pdftotext -layout style (indents, no blank lines); else blank-line blocks."""
    lines: list[str] = [h for h in head]
    lines.append("")
    for kind, text in body:
        text = half(text)
        if straight:
            text = text.replace("“", '"').replace("”", '"')
        if kind == "p":
            lines.extend(wrap(text, width, "  " if layout else ""))
        else:
            lines.append(text)
        if not layout:
            lines.append("")
    pages, page = [], []
    for line in lines:
        page.append(line)
        if len(page) >= page_lines:
            pages.append(page)
            page = []
    pages.append(page)
    out = []
    for number, page in enumerate(pages, start=1):
        if number > 1 and running:
            page = [running, "", *page]
        out.append("\n".join(page) + f"\n\n{number}\n")
    return "\f".join(out)


ARTICLES: dict[str, dict] = {}

ARTICLES["gov-work-report"] = dict(
    head=["政府工作报告", "——2025 年 3 月 5 日在第十四届全国人民代表大会第三次会议上", "国务院总理 李强"],
    meta={"title": "政府工作报告", "subtitle": "2025 年 3 月 5 日在第十四届全国人民代表大会第三次会议上",
          "byline": "国务院总理 李强"},
    body=[("p", "各位代表:"),
          ("p", "现在,我代表国务院,向大会报告政府工作,请予审议,并请全国政协委员提出意见。"),
          ("h2", "一、2024 年工作回顾"),
          ("p", "过去一年,我国发展历程很不平凡。党的二十届三中全会胜利召开,对进一步全面深化改革、推进中国式现代化作出部署。"
                "我们隆重庆祝中华人民共和国成立 75 周年,极大激发了全国各族人民的爱国热情和奋斗精神。一年来,面对外部压力加大、"
                "内部困难增多的复杂严峻形势,在以习近平同志为核心的党中央坚强领导下,全国各族人民砥砺奋进、攻坚克难,经济运行总体平稳、"
                "稳中有进,全年经济社会发展主要目标任务顺利完成,高质量发展扎实推进,新质生产力稳步发展,我国经济实力、科技实力、"
                "综合国力持续增强,中国式现代化迈出新的坚实步伐,更加坚定了我们在新时代新征程全面建设社会主义现代化国家的决心和信心。"),
          ("p", "“稳”的态势巩固延续。主要表现在,经济规模稳步扩大,国内生产总值达到 134.9 万亿元、增长 5%,增速居世界主要经济体前列,"
                "对全球经济增长的贡献率保持在 30%左右。")],
    width=30, layout=True, page_lines=7, running="政府工作报告")

ARTICLES["policy-digest"] = dict(
    head=["山东省人民政府关于深化预算管理制度改革的实施意见"],
    meta={"title": "山东省人民政府关于深化预算管理制度改革的实施意见"},
    body=[("p", "鲁政发〔2014〕20号"),
          ("p", "各市人民政府,各县(市、区)人民政府,省政府各部门、各直属机构,各大企业,各高等院校:"),
          ("p", "现代预算制度是现代财政制度的基础。建立全面规范、公开透明的现代预算制度,是深化财税体制改革的重要内容,"
                "也是加快政府职能转变、推进政府治理体系和治理能力现代化、促进全省经济社会持续健康发展的重大举措。"
                "根据新修订的《中华人民共和国预算法》、《国务院关于深化预算管理制度改革的决定》(国发〔2014〕45号)和"
                "《中共山东省委山东省人民政府关于深化财税体制改革的意见》(鲁发〔2014〕18号)有关要求,现就深化我省预算管理制度改革提出以下实施意见:"),
          ("h2", "一、深化预算管理制度改革的总体要求"),
          ("p", "1.指导思想。贯彻落实党的十八大和十八届三中、四中全会以及省委十届十次全会精神,以邓小平理论、“三个代表”重要思想、"
                "科学发展观为指导,深入贯彻习近平总书记系列重要讲话精神,紧紧围绕建立现代财政制度的总目标,改进预算管理制度,"
                "创新预算管理方式,健全预算管理体系,优化预算收支结构,提升预算管理绩效,加快构建全面规范、公开透明的预算制度,"
                "进一步规范政府行为、强化预算约束、防范财政风险,为推进政府治理体系和治理能力现代化、加快经济文化强省建设提供制度保障。"),
          ("p", "2.目标任务。从2014年开始,全面启动预算管理制度改革。2015年在预算管理改革上取得决定性进展,在优化财政支出结构上取得实质性突破。"),
          ("h2", "一、强化科技创新(区科技局牵头)"),
          ("p", "以统筹深化教育科技人才一体化改革和迭代升级“315”科技创新体系建设工程为牵引,推进创新链产业链资金链人才链深度融合,"
                "加快培育发展新质生产力。2025年,力争全社会研发投入强度达到2.95%。"),
          ("p", "(一)加强科创平台效能建设。加快建设浙江光电子研究院,推进“平台+高校+企业+产业链”结对合作,"
                "发挥氢途浙大联合研发中心等校企平台作用,鼓励科研机构做好本地科技成果转化。")],
    width=40, layout=False, page_lines=9, running="山东省人民政府文件")

ARTICLES["township-profile"] = dict(
    head=["乡镇基本情况简介"],
    meta={"title": "乡镇基本情况简介"},
    body=[("p", "位于县城东部,东北界伍家湾乡、田湾镇,东南邻柿溪乡、火马冲镇,西南接锦滨乡,北连城郊乡,素有辰溪“东大门”之称,"
                "是伍家湾、谭家场、柿溪三乡的必经之地,也是xx片一区四乡的文化、经济、物流、商贸中心。1956年改称xx人民公社,"
                "1984年恢复乡名。地域面积93.96平方公里,其中耕地面积10800亩,辖13个行政村1个居委会,总人口15691人,"
                "财政总收入717.65万元,被评为“怀化市经济发展十快乡镇”。"),
          ("h2", "自然环境"),
          ("p", "全乡地域轮廓呈“芭蕉扇”状,沅水贯穿全境。地势东北高西南低,地形以山地丘陵为主,全乡森林植被保存良好,"
                "森林覆盖率达64.9%,林木蓄积量10.54万立方米。境内山岭起伏,层峦迭嶂,溪河如织,空气清新,山川秀美。"),
          ("h2", "基础设施和产业"),
          ("p", "全乡基础设施完好。交通便利,全乡公路通达率达100%,通畅率达92%。主要农作物为水稻、玉米、柑橘、西瓜等,"
                "其中以木洲甜橙最为有名,曾远销世界各地。")],
    width=36, layout=True, page_lines=5, running="乡镇概况", straight=True)

ARTICLES["company-profile"] = dict(
    head=["泰山入选中国大企业集团竞争力500强"],
    meta={"title": "泰山入选中国大企业集团竞争力500强"},
    body=[("p", "近日,国家统计局调查中心、中国行业企业信息发布中心在人民大会堂发布了《2007年中国大企业集团竞争力年度报告》。"
                "在其所公布的2007年中国大企业集团竞争力500强名单中,泰山集团位居第224位。此外,在同时发布的2006年度"
                "“自主创新能力行业十强”企业名单中,泰山集团股份有限公司位列中国锅炉及原动机械制造业第7名。"),
          ("p", "近年来,泰山集团股份有限公司通过自主开发和引进先进技术不断加快了产品开发速度。目前,公司自主研发的泰山牌锅炉"
                "和机械产品有600多个品种,其中13种为国家优秀节能产品,17种填补了国内空白,18项已批和在批专利,"
                "新产品贡献率始终在全国同行业中保持领先水平。"),
          ("p", "据了解,本次评价范围是2004~2006年国家统计局《企业集团统计年报》中符合条件的2248家企业集团,"
                "从上榜企业所在的行业来看,制造业继续成为竞争力500强企业集团的主角,占总数的91.4%。")],
    width=33, layout=False, page_lines=5, running="企业风采")

ARTICLES["interview"] = dict(
    head=["對話", "韓國《經濟學家》雜誌總編輯 金光洙", "《中國企業家》雜誌總編輯 牛文文"],
    meta={"kicker": "對話", "title": "韓國《經濟學家》雜誌總編輯 金光洙 《中國企業家》雜誌總編輯 牛文文"},
    body=[("p", clean("從津津樂(lè)道第一代創(chuàng)業(yè)者的過(guò)失到正面評(píng)價(jià)其功績(jī),中韓社會都需要這種轉(zhuǎn)變")),
          ("h2", "第一代的悲歌"),
          ("p", clean("牛文文:金宇中、鄭周永等第一代韓國(guó)企業(yè)領(lǐng)袖,今天碰到了困難,韓國(guó)公眾和企業(yè)界如何評(píng)價(jià)他們?"
                      "中國(guó)第一代創(chuàng)業(yè)型企業(yè)家,失敗或出事的也不少,有的在牢里,有的跑到國(guó)外了。")),
          ("p", clean("今天我們兩本商業(yè)雜志的總編,一起試著來(lái)探討一下這個(gè)中韓企業(yè)界的共同問(wèn)題。")),
          ("p", clean("金光洙:在這里,很難用“很好”或者“很糟糕”等一句話來(lái)概括。同時(shí),評(píng)價(jià)某一個(gè)具體的人物存在著既敏感又復(fù)雜的問(wèn)題。"
                      "評(píng)價(jià)金宇中前會(huì)長(zhǎng)這樣的人物時(shí)更是如此。"))],
    width=32, layout=False, page_lines=8, running="")

ARTICLES["news-feature"] = dict(
    head=["外媒看中国经济", "中国大市场释放新红利"],
    meta={"title": "外媒看中国经济 中国大市场释放新红利"},
    body=[("cap", "2022年12月31日,游客在长安十二时辰主题街区游玩拍照。新华社发(邹竞一摄)"),
          ("p", "中央经济工作会议提出着力扩大国内需求,把恢复和扩大消费摆在优先位置。这意味着,中国超大规模市场将会在中央政策加持、"
                "疫情防控政策优化调整和国内国际双循环良性互动中为世界释放更多红利。去年前三季度中国社会消费品零售总额超过32万亿元人民币,"
                "同比增长0.7%,其中三季度增长了3.5%。对于中国消费的持续复苏态势,外媒给予了普遍关注。"),
          ("cap", "2022年12月31日,顾客在天津恒隆广场选购商品。新华社记者赵子硕摄"),
          ("h2", "高质量发展孕育新动能"),
          ("p", "研判经济,要看短期波动之形,更要看长期增长之势。中国经济稳中求进,以“稳”应对短期冲击,以“进”积蓄增长之势,"
                "而“进”的动能来自新发展理念和高质量发展。去年1至10月份,中国高技术制造业增加值同比增长8.7%,高技术制造业投资同比增长23.6%,"
                "其中电子及通信设备制造业投资增长近30%。")],
    width=34, layout=True, page_lines=6, running="新华视点")


def main() -> None:
    here = Path(__file__).parent
    for slug, spec in ARTICLES.items():
        raw = damage(spec["head"], spec["body"], spec["width"], layout=spec["layout"],
                     page_lines=spec["page_lines"], running=spec["running"],
                     straight=spec.get("straight", False))
        (here / f"{slug}.raw.txt").write_text(raw, encoding="utf-8")
        (here / f"{slug}.expected.md").write_text(expected(spec["meta"], spec["body"]),
                                                  encoding="utf-8")


if __name__ == "__main__":
    main()
