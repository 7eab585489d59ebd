"""Quantity extraction from Chinese text.

Arabic numerals are always quantities.  Chinese-character numerals are only
taken when they count something: followed by a measure word or unit (五支,
2座, 三年), by 大 (六大产业链), or marked as ordinals (第三, 十二届, 七次全会,
二期).  Numerals in fixed words and idioms (一直, 统一, 之一, 万物, 千年) and in
slogans without a measure word (一村一品, 六品六化, “一园、两路、三区”) are
therefore not extracted; glossary terms can be excluded with ``ignore_spans``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from .chinese_numerals import DIGITS, SCALES, parse_zh_numeral
from .quantity import (
    FULLWIDTH,
    Draft,
    Quantity,
    Span,
    Unit,
    clock_minutes,
    freeze,
    in_quotes_only,
    link_ranges,
    numeric_date_drafts,
    overlaps,
    phrase_spans,
    within,
)

# Fixed words and idioms in which a numeral does not count anything.  A
# Chinese-character numeral lying entirely inside one of these is skipped
# (三千年 still yields 3000: the numeral 三千 is not inside 千年).
ZH_FIXED_WORDS: tuple[str, ...] = tuple(["一直", "一体", "一批", "统一", "之一", "唯一", "一系列", "一些", "一起", "一样", "一定", "一般", "一切", "一致", "一再", "一道", "一方面", "一边", "一旦", "万一", "一流", "一线", "一手", "一举", "一并", "一律", "一同", "一向", "一度", "一番", "一味", "一时", "一路", "一齐", "一站式", "一条龙", "一把手", "一揽子", "一对一", "一点", "一口气", "进一步", "第一时间", "第一产业", "第二产业", "第三产业", "一产", "二产", "三产", "千年", "百年", "万年", "万物", "万众", "千万", "万家", "千家万户", "成千上万", "千方百计", "百家", "百姓", "百货", "百花", "百分百", "五谷", "百味", "十分", "万分", "四周", "四面八方", "五湖四海", "一心一意", "独一无二", "数一数二", "三番五次", "一举两得", "一五一十", "两会", "三农", "两岸", "一带一路", "一国两制", "一村一品", "一镇一特", "六品六化"])

# Measure words and units that make a preceding numeral a count.
MEASURES: tuple[str, ...] = tuple(sorted(["平方公里", "平方千米", "平方米", "立方米", "千瓦时", "万千瓦", "千瓦", "兆瓦", "吉瓦", "公顷", "公里", "千米", "厘米", "毫米", "米", "里", "亩", "公斤", "千克", "克", "吨", "斤", "升", "标准间", "人次", "个月", "小时", "分钟", "季度", "世纪", "年", "天", "周", "岁", "美元", "欧元", "港元", "英镑", "日元", "元", "个", "位", "名", "人", "家", "户", "座", "处", "所", "间", "栋", "幢", "层", "台", "套", "辆", "架", "艘", "列", "条", "支", "张", "件", "项", "批", "种", "类", "样", "门", "份", "本", "部", "篇", "场", "届", "次", "期", "轮", "回", "遍", "趟", "节", "段", "片", "块", "颗", "棵", "株", "头", "只", "匹", "口", "枚", "根", "组", "对", "双", "副", "袋", "瓶", "箱", "盒", "包", "罐", "桶", "宗", "起", "例", "倍", "星", "强", "步", "代", "方面", "大"], key=len, reverse=True))
_MEASURE = "|".join(MEASURES)
_MEASURE_RE = re.compile(_MEASURE)
_TIME_UNITS = ("年", "个月", "小时", "天", "周", "岁")

_NUM = r"(?:\d{1,3}(?:[,，]\d{3})+(?!\d)|\d+)(?:\.\d+)?"
# 2千多 = 2,000-odd (千 after digits; 千米, 千克, 千瓦 are units).
_DIGIT_RE = re.compile(
    rf"(?P<num>{_NUM})(?P<odd>余|多)?(?P<scale>{'|'.join(SCALES)}|千(?![米克瓦帕卡伏]))?")
# 90后, 上世纪80年代, 1990年代: a generation or decade, read as its first year.
_DECADE_RE = re.compile(r"(?P<y>(?:1[89]|20)?\d0)(?:后|年代)|(?P<cjk>[一二三四五六七八九]十)年代")
_CODE_RE = re.compile(r"(?<![\d.])\d+(?:\s*\+\s*\d+)+")
_RUN_RE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_PERCENT_WORD_RE = re.compile(r"百分之([零〇一二两三四五六七八九十百千]+|\d+(?:\.\d+)?)")
_FIVE_YEAR_PLAN_RE = re.compile(r"(?<![零〇一二两三四五六七八九十百千])十([一二三四五六])五"
                                r"(?![零〇一二两三四五六七八九十百千万亿])")
_AFTER_SCALE_RE = re.compile(r"(余|多)?(万亿|亿|万)")
_PREFIX_APPROX_RE = re.compile(
    r"(?:(?:超过|超出|突破|将近|接近)了?|超|过|逾|近|大约|约为|约|大概|至少|不少于|不低于|不足|不到|不超过|最多|高于|低于)$")
_SUFFIX_APPROX_RE = re.compile(rf"(?P<unit>{_MEASURE})?(?P<mark>以上|以下|左右|上下|有余|之多|开外|出头|多|余)")
_RANGE_RE = re.compile(r"\s*(?:—{1,2}|–|-|~|～|至|到)\s*")
_ORDINAL_SESSION_RE = re.compile(r"次(?:全会|全体会议|会议|代表大会|党代会)")
# The number of a note, annex or appended table (附注二 = note 2, 附件三 = Annex 3).
_LABEL_RE = re.compile(r"(?<=附注|附件|附表|附录|注释)[一二三四五六七八九十]+")
_FIRST_RE = re.compile(r"首(?=家|个|批|次|届|座|台|款|部|条|位|例|只|单|期|轮|架|艘|辆|套|项)")
_ENUM_BEFORE = ("", "\n", "。", "；", ";", "，", "：", ":", "（", "(")
_HEADING_BEFORE = ("", "\n", "。", "；", ";", "：", ":")
# ①–⑳ and ⑴–⒇: list markers.
_CIRCLED_RE = re.compile("[\u2460-\u2473\u2474-\u2487]")
# Power in kW, the unit both languages are compared in (120万千瓦 = 1.2 GW).
_POWER = (("千瓦时", 0), ("万千瓦", 0), ("千瓦", 1), ("兆瓦", 1000), ("吉瓦", 10**6))
_MONTH_BEFORE_RE = re.compile(r"[\d一二三四五六七八九十]月$")
_PAST_SPAN_RE = re.compile(r"(个月|年|天|日|周|期)")
_DIGITS_RE = re.compile(r"\d+")
_SEPARATOR_RE = re.compile("[,，]")
_YEAR_RE = re.compile(r"[12]\d{3}")
_MARKER_END_RE = re.compile(r"[、.](?!\d)")


def _unit(t: str, tok: Draft) -> None:
    """Area units converted when compared (亩, 公顷); MW/GW counted in kW."""
    rest = t[tok.end:tok.end + 4]
    if rest.startswith("亩"):
        tok.unit = Unit.MU
    elif rest.startswith("公顷"):
        tok.unit = Unit.HECTARE
    elif rest.startswith(("公斤", "千克")):
        tok.unit = Unit.KILOGRAM
    elif rest.startswith(("斤", "里")):
        tok.unit = Unit.JIN if rest[0] == "斤" else Unit.LI
    elif rest.startswith("吨"):
        tok.unit = Unit.TONNE
    for word, factor in _POWER:
        if rest.startswith(word):
            if factor > 1:
                tok.value *= factor
            break


def _at_heading(t: str, start: int) -> bool:
    """At the start of the text, a line or a sentence (where list numbering goes)."""
    return t[:start].rstrip(" \t\u3000")[-1:] in _HEADING_BEFORE


# Traditional characters that numbers and measure words use, mapped 1:1 (offsets
# stay valid), so 65.9萬噸 reads as 65.9万吨.
TRADITIONAL = str.maketrans("萬億兩個噸畝項張條臺場屆輛間歲門點週僅餘約過將於達",
                            "万亿两个吨亩项张条台场届辆间岁门点周仅余约过将于达")
# Both in one pass (their keys are disjoint and no value is another's key); most
# texts hold none of the keys, which a character class finds at C speed.
_NORMAL_FORMS = {**FULLWIDTH, **TRADITIONAL}
_TO_NORMALIZE = re.compile("[" + re.escape("".join(map(chr, _NORMAL_FORMS))) + "]")
# Hong Kong and some mainland pages type the zero of a year as a white circle (二○二五年,
# U+25CB, or ◯ U+25EF); read it as 〇 only beside another numeral, so that a circle used
# as a bullet stays a bullet. One character for one: offsets stay valid.
_CIRCLE_ZERO = re.compile("(?<=[零〇一二三四五六七八九○◯])[○◯]|[○◯](?=[零〇一二三四五六七八九])")


def _context_kind(t: str, start: int, end: int, value: Decimal, *, digits: bool) -> str | None:
    """Kind implied by what follows a numeral, or None if nothing counts it."""
    rest = t[end:end + 6]
    if rest.startswith("号文件"):
        return "number"  # 中央一号文件 = No. 1 Central Document
    if rest.startswith(("个百分点", "百分点")):
        return "percent"
    if rest.startswith("届") or _ORDINAL_SESSION_RE.match(rest):
        return "ordinal"
    if rest.startswith("期") and t[end - 1] != "两":
        return "ordinal"  # 二期工程 = Phase II
    if rest.startswith("月") and 1 <= value <= 12 and t[end - 1] != "两":
        return "month"
    if rest.startswith("日") and 1 <= value <= 31:
        return "day"
    if rest.startswith("号") and 1 <= value <= 31 and _MONTH_BEFORE_RE.search(t[:start]):
        return "day"  # 9月3号; a bare 3号 is usually a name (3号线)
    if rest.startswith("成") and 1 <= value <= 10 and value == int(value):
        return "percent"  # 八成, 6成 = 80%, 60%
    if digits or _MEASURE_RE.match(rest):
        return "number"
    return None


def _approximate(t: str, start: int, end: int) -> bool:
    before = t[max(0, start - 4):start]
    m = _PREFIX_APPROX_RE.search(before)
    if m and m.group() == "近" and _PAST_SPAN_RE.match(t, end):
        m = None  # 近3年 = "the past three years", not "nearly"
    if m:
        return True
    s = _SUFFIX_APPROX_RE.match(t, end)
    if s is None:
        return False
    # 多/余 after a unit only for times (3年多, 3个多月); 5个多功能厅 is "multi-".
    # Right after a scale they are approximate (14亿多, 1万余).
    return (s.group("mark") not in ("多", "余") or s.group("unit") in _TIME_UNITS
            or (s.group("unit") is None and t[end - 1:end] in ("万", "亿", "千", "百"))
            or (s.group("unit") == "个" and t.startswith(("月", "小时"), s.end())))


def _number_one(tok: Draft) -> bool:
    """第一/第1 is as often a superlative as "first": 位居全球第一 = "the world's largest",
    "the top", "leading". Like English "first", it is matched where it can be but
    never reported missing (a wrong rank, "second", is still an extra number)."""
    return tok.value == 1 and tok.scale == 1


# 8时, 19时54分, 下午2点, 8点半, 19:44(:50): clock times, compared as times of day.
# (No lookbehind to open the patterns: `re` then skips to a digit at C speed; the
# digit before a match is checked by hand.)
_CLOCK_RE = re.compile(r"(?P<h>[01]?\d|2[0-4])(?:(?:时|点)(?!钟)(?:(?P<m>[0-5]?\d)分|(?P<half>半))?"
                       r"|[:：](?P<mm>[0-5]\d)(?:[:：][0-5]\d)?(?![\d:：]))")


def _after_a_number(t: str, start: int) -> bool:
    return start > 0 and (t[start - 1].isdigit() or t[start - 1] == ".")


def _clock_tokens(t: str, taken: list[Span]) -> list[Draft]:
    toks = []
    for m in _CLOCK_RE.finditer(t) if ("时" in t or "点" in t or ":" in t or "：" in t) else ():
        if _after_a_number(t, m.start()):
            continue
        minute = int(m.group("m") or m.group("mm") or 0) + (30 if m.group("half") else 0)
        toks.append(Draft(clock_minutes(int(m.group("h")), minute), m.start(), m.end(), "time"))
        taken.append(m.span())
    for m in _DECADE_RE.finditer(t) if ("0后" in t or "年代" in t) else ():
        if m.group("y") and _after_a_number(t, m.start()):
            continue
        year = int(m.group("y")) if m.group("y") else (parse_zh_numeral(m.group("cjk")) or 0)
        year += 0 if year >= 1000 else (2000 if year < 20 else 1900)
        toks.append(Draft(Decimal(year), m.start(), m.end(), "year"))
        taken.append(m.span())
    return toks + numeric_date_drafts(t, taken)


def _digit_tokens(t: str, taken: list[Span]) -> list[Draft]:
    toks: list[Draft] = _clock_tokens(t, taken)
    for m in _PERCENT_WORD_RE.finditer(t):  # 百分之九十五, 百分之3.5
        body = m.group(1)
        value = Decimal(body) if body[0].isdigit() else parse_zh_numeral(body)
        if value:
            toks.append(Draft(Decimal(value), m.start(), m.end(), "percent",
                              _approximate(t, m.start(), m.end())))
            taken.append(m.span())
    for m in _CODE_RE.finditer(t) if "+" in t else ():  # “1+2+15”
        for part in _DIGITS_RE.finditer(m.group()):
            toks.append(Draft(Decimal(part.group()), m.start() + part.start(),
                             m.start() + part.end(), "code"))
        taken.append(m.span())
    for m in _DIGIT_RE.finditer(t):
        if overlaps(m.start(), m.end(), taken):
            continue
        start, end = m.start(), m.end()
        raw = _SEPARATOR_RE.sub("", m.group("num"))
        odd, scale_txt = m.group("odd"), m.group("scale")
        after = t[end:end + 4]
        if odd == "多" and not scale_txt and not (_MEASURE_RE.match(after) or not after
                                                   or not after[0].isalnum()):
            end -= 1  # 3多晶硅: 多 belongs to the next word
            odd = None
        scale = (1000 if scale_txt == "千" else SCALES[scale_txt]) if scale_txt else 1
        tok = Draft(Decimal(raw) * scale, start, end, scale=scale, approximate=bool(odd))
        if t.startswith("%", end):
            tok.end += 1
            tok.kind = "percent"
        elif scale == 1 and not odd and _YEAR_RE.fullmatch(raw) and t.startswith("年", end):
            tok.kind = "year"
        elif scale == 1 and not odd:
            tok.kind = _context_kind(t, start, end, tok.value, digits=True) or "number"
            if tok.kind == "percent" and t.startswith("成", end):
                tok.value, tok.end = tok.value * 10, end + 1  # 6成 = 60%
        if start > 0 and t[start - 1] == "第":
            tok.start, tok.kind = start - 1, "ordinal"
            tok.optional = _number_one(tok)
        elif (start > 0 and t[start - 1].isascii() and t[start - 1].isalpha()) \
                or in_quotes_only(t, start, end):
            tok.kind = "code"  # A1, PM2.5, “6996”
        tok.approximate = tok.approximate or _approximate(t, start, tok.end)
        if (tok.kind == "number" and scale == 1 and not odd and len(raw) <= 2
                and _MARKER_END_RE.match(t, tok.end, tok.end + 2) and _at_heading(t, start)):
            tok.kind, tok.marker = "ordinal", True  # 1、基本情况
        _unit(t, tok)
        prev = toks[-1] if toks else None
        if prev and prev.scale == 10**8 and tok.scale == 10**4 and prev.end == start:
            prev.value += tok.value  # 1亿2000万 = 120,000,000
            prev.end, prev.approximate = tok.end, prev.approximate or tok.approximate
        else:
            toks.append(tok)
        taken.append((start, tok.end))
    return toks


def _counted(t: str, run: str, start: int, end: int, before: str, after: str) -> Draft | None:
    """The quantity a character numeral `run` at t[start:end] gives, or None when
    it counts nothing (no measure word, 大 or ordinal marker)."""
    value = parse_zh_numeral(run)
    if not value and run in ("万", "亿") and t.startswith("元", end):
        value = SCALES[run]  # 超过亿元 = over 100 million yuan; 万元GDP = per 10,000 yuan
    if not value:
        return None
    tok = Draft(Decimal(value), start, end)
    sm = _AFTER_SCALE_RE.match(t, end)  # 两千多万
    if sm and run[-1] not in "万亿":
        tok.scale = SCALES[sm.group(2)]
        tok.value *= tok.scale
        tok.approximate = bool(sm.group(1))
        tok.end = sm.end()
    elif t.startswith(("余", "多"), end):
        tok.approximate, tok.end = True, end + 1
    if before == "第":
        tok.start, tok.kind = start - 1, "ordinal"
        # 第三，… opening a sentence enumerates, like "Third, …"
        tok.marker = t.startswith(("，", "、", ","), tok.end) and _at_heading(t, start - 1)
        tok.optional = _number_one(tok)
    elif after == "、" and tok.scale == 1 and _at_heading(t, start):
        tok.kind, tok.marker = "ordinal", True  # 一、基本情况
    elif after == "是" and t[max(0, start - 1):start] in _ENUM_BEFORE:
        tok.kind, tok.optional = "ordinal", True  # 一是…二是 = firstly, secondly
    elif before in ("（", "(") and after in ("）", ")"):
        tok.kind, tok.marker = "ordinal", True  # （一） list marker
    else:
        kind = _context_kind(t, start, tok.end, tok.value, digits=False)
        if kind is None and any(c in "万亿" for c in t[start:tok.end]):
            kind = "number"  # 百亿矿鸿: a large amount even without a unit
        if kind is None:
            return None
        tok.kind = kind
        if kind == "percent" and t.startswith("成", tok.end):
            tok.value, tok.end = tok.value * 10, tok.end + 1
        # Why: 一 + measure word is usually the article "a" (一张名片).
        tok.optional = run == "一" and kind in ("number", "ordinal") and tok.scale == 1
    tok.approximate = tok.approximate or _approximate(t, start, tok.end)
    _unit(t, tok)
    return tok


def _cjk_tokens(t: str, taken: list[Span], fixed: list[Span]) -> list[Draft]:
    toks: list[Draft] = []
    plans = _FIVE_YEAR_PLAN_RE.finditer(t) if "十" in t and "五" in t else ()
    for m in plans:  # 十四五 = 14th Five-Year Plan
        toks.append(Draft(Decimal(10 + DIGITS[m.group(1)]), m.start(), m.end() - 1, "ordinal"))
        toks.append(Draft(Decimal(5), m.end() - 1, m.end(), "number"))
        taken.append(m.span())
    for m in _LABEL_RE.finditer(t) if "附" in t or "注" in t else ():
        value = parse_zh_numeral(m.group())
        if value:
            toks.append(Draft(Decimal(value), m.start(), m.end(), "number"))
            taken.append(m.span())
    for m in _RUN_RE.finditer(t):
        start, end, run = m.start(), m.end(), m.group()
        if run[-1] == "千" and len(run) > 1 and t.startswith(("瓦", "米", "克"), end):
            run, end = run[:-1], end - 1  # 百万千瓦 = 百万 + 千瓦 (kW)
        if (overlaps(start, end, taken) or within(start, end, fixed)
                or (start and t[start - 1].isdigit())):  # 3千米: a unit, not 1000
            continue
        before, after = t[max(0, start - 1):start], t[end:end + 1]
        if before in ("数", "几") or after == "几" or (before == "上" and run[0] in "百千万亿"):
            continue  # 数百, 十几, 上千: vague amounts
        if len(run) == 4 and all(c in DIGITS for c in run) and after == "年":
            toks.append(Draft(Decimal("".join(str(DIGITS[c]) for c in run)), start, end, "year"))
            continue
        tok = _counted(t, run, start, end, before, after)
        if tok is None:
            continue
        toks.append(tok)
        taken.append((tok.start, tok.end))
    for m in _CIRCLED_RE.finditer(t):
        code = ord(m.group())
        value = code - 0x245F if code <= 0x2473 else code - 0x2473
        toks.append(Draft(Decimal(value), m.start(), m.end(), "ordinal", marker=True))
    for m in _FIRST_RE.finditer(t):  # 全国首家 = the first in the country
        if not overlaps(m.start(), m.end(), taken):
            toks.append(Draft(Decimal(1), m.start(), m.end(), "ordinal", optional=True))
    return toks


def zh_quantities(
    text: str,
    ignore_spans: Sequence[Span] = (),
    *,
    fixed_words: Sequence[str] = ZH_FIXED_WORDS,
) -> list[Quantity]:
    """Quantities in a Chinese segment, in order of appearance.

    ``ignore_spans`` (e.g. glossary-term spans) drop any quantity overlapping
    them; ``fixed_words`` skip character numerals inside those words.
    """
    closed = _spaces_closed(text)
    if closed is not None:
        return _zh_quantities_spaced(text, *closed, ignore_spans, fixed_words)
    t = text.translate(_NORMAL_FORMS) if _TO_NORMALIZE.search(text) else text
    if "○" in t or "◯" in t:
        t = _CIRCLE_ZERO.sub("〇", t)
    taken: list[Span] = []
    toks = _digit_tokens(t, taken)
    toks += _cjk_tokens(t, taken, phrase_spans(t, tuple(fixed_words)))
    link_ranges(toks, t, _RANGE_RE)
    return freeze(toks, text, ignore_spans)


# A space typed beside a digit in Chinese (14 亿, 10 月 31 日, 约 2.5 万亿美元) is
# not a separator: the numeral reads as if it were not there.
_STRAY_SPACE_RE = re.compile(r"\d(?P<a>[ \u00a0\u3000]+)(?=[\u4e00-\u9fff%％])"
                             r"|[\u4e00-\u9fff](?P<b>[ \u00a0\u3000]+)(?=\d)")


def _spaces_closed(text: str) -> tuple[str, list[int]] | None:
    """The text without stray spaces, and for each of its offsets (and its end)
    the offset in `text`; None when there are none."""
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return None
    dropped = [i for m in _STRAY_SPACE_RE.finditer(text)
               for i in range(*m.span("a" if m.group("a") else "b"))]
    if not dropped:
        return None
    gone = set(dropped)
    origin = [i for i in range(len(text)) if i not in gone] + [len(text)]
    return "".join(text[i] for i in origin[:-1]), origin


def _zh_quantities_spaced(text: str, closed: str, origin: list[int],
                          ignore_spans: Sequence[Span], fixed_words: Sequence[str]
                          ) -> list[Quantity]:
    to_closed = {o: i for i, o in enumerate(origin)}

    def inward(pos: int) -> int:
        while pos not in to_closed:
            pos += 1
        return to_closed[pos]
    ignore = [(inward(a), inward(b)) for a, b in ignore_spans]
    found = zh_quantities(closed, ignore, fixed_words=fixed_words)
    return [replace(q, start=origin[q.start], end=origin[q.end - 1] + 1,
                    text=text[origin[q.start]:origin[q.end - 1] + 1]) for q in found]
