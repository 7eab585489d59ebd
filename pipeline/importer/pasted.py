"""Web-page furniture pasted with an article's text (breadcrumbs, page tools, navigation
bars, a page's metadata box), found by what each line says and dropped with a `review:`
line; the page's date goes to the front matter.

Text copied from a web page brings the page along: `当前位置：首页 > 政务公开 > …`,
`【打印本页】【关闭窗口】`, `返回顶部`, `字号：大 中 小`, a box of `发布时间：… 来源：…`
fields. None of it is the article: left in, it becomes the title, headings or translatable
paragraphs. Each dropped line is a decision the editor may flip.

The one home of "is this line site furniture?": the web-page reader asks `kind_of` of
each block as well. Traditional pages say the same in their script (當前位置, 來源, 字號,
返回頂部); a line is read through OpenCC's Traditional-to-Simplified table first, so one
list of words serves both.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from .lines import Line
from .patterns import iso_date
from .report import Choice, Decision, ImportResult

FURNITURE_MAX = 120     # characters: a longer line is text, whatever it starts with
PROSE_MIN = 20          # characters of a sentence that ends the page's top zone


class Furniture(enum.Enum):
    BREADCRUMB = "the page's breadcrumb trail"
    TOOLS = "the page's tools (print, close, share, type size, back to top)"
    NAVIGATION = "the site's navigation bar"
    METADATA = "the page's metadata box"
    NEIGHBOURS = "a link to another article"
    COPYRIGHT = "the site's copyright or reprint notice"


_BREADCRUMB = re.compile(r"^(?:(?:当前|您的|您现在的|你的|你现在的|现在的|所在)位置\s*[:：]"
                         r"|首\s*页\s*(?:[>»＞›→/]|&gt;))")
# Words of a page's tool bar; a line made of nothing else is furniture.
_TOOL_WORDS = ("返回顶部", "回到顶部", "返回首页", "跳到主要内容", "跳到主要內容", "跳转到主要内容",
               "跳过导航", "打印本页", "打印此页", "打印文章", "关闭窗口", "关闭本页", "收藏本页",
               "加入收藏", "分享到", "扫一扫在手机打开当前页", "扫一扫在手机上查看当前页面",
               "点击此处下载", "下载地址", "字号", "字体", "无障碍", "长者模式", "适老化")
_WEAK_WORDS = ("打印", "关闭", "收藏", "分享", "微信", "微博", "QQ空间", "QQ", "复制链接", "繁体",
               "Facebook", "Twitter", "WhatsApp", "Telegram", "LinkedIn", "LINE", "Line",
               "Email", "E-mail", "电邮", "邮件", "豆瓣", "微信朋友圈", "朋友圈",
               "简体", "繁體", "默认", "大", "中", "小", "[", "]", "【", "】", "〖", "〗", "|",
               "｜", "/", "：", ":", "·", ">", "<")
# A trail of three or more short steps (台湾网>两岸>两岸交流>正文), no sentence in it.
_STEP = r"[^。，；！？>＞›»→]{1,16}"
_TRAIL = re.compile(rf"^{_STEP}(?:\s*[>＞›»→]\s*{_STEP}){{2,}}$")
# A link of a sidebar list, cut short by the site: · 我校获得一项国家社科基...
_CUT_LINK = re.compile(r"^\s*[·•▪■◆●]\s*\S.{0,30}?(?:\.\.\.|…)$")
# Bracketed tool words alone, two or more: 【打印】【关闭】, [收藏] [纠错]
_TOOL_LINK = r"\s*[【\[〖](?:我要)?(?:打印|关闭|收藏|分享|纠错|返回|打印本页|关闭窗口)[】\]〗]"
_BRACKETED_TOOLS = re.compile(rf"^(?:{_TOOL_LINK}){{2,}}\s*$")
# ... or before the line's text (【我要纠错】 责任编辑：张鑫): cut off, the rest read as any line.
_LEADING_TOOLS = re.compile(rf"^(?:{_TOOL_LINK})+\s*(?=\S)")
# Who wrote and edited it: a byline, for the front matter, not furniture.
_PERSONS = frozenset({"作者", "编辑", "责任编辑"})
_NEIGHBOURS = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|相关阅读|相关链接|相关文章|相关新闻)\s*[:：]")
# A metadata box's labels (索 引 号 set letterspaced, too) and which of them give a date.
_LABELS = ("信息来源", "文章来源", "稿件来源", "来源", "稿源", "发布时间", "发布日期", "发表时间", "更新时间",
           "发文日期", "成文日期", "公开日期", "上载日期", "归档时间", "时间", "日期", "作者", "责任编辑",
           "编辑", "浏览次数", "浏览量", "阅读量", "阅读数", "阅读", "点击数", "点击量", "访问量",
           "访问次数", "字号", "索引号", "主题分类", "体裁分类", "分类", "发布机构", "发文机关",
           "发文字号", "文号", "有效性", "名称", "标题", "主题词", "公开方式", "公开范围")
_DATED = ("发布时间", "发布日期", "发表时间", "发文日期", "成文日期", "公开日期", "时间", "日期")
# Fields only a web page shows: one of them opening a line makes it the metadata box.
_PAGE_ONLY = ("浏览次数", "浏览量", "阅读量", "阅读数", "点击数", "点击量", "访问量", "访问次数",
              "索引号", "归档时间", "上载日期", "发布时间", "发布日期", "信息来源", "主题分类",
              "发布机构", "发文字号", "成文日期", "文号", "有效性", "标题", "名称")
_LABEL = re.compile("|".join(r"\s*".join(label) for label in _LABELS))
_FIELD = re.compile(rf"(?:^|(?<=\s)|(?<=[\]】|｜]))(?P<label>{_LABEL.pattern})\s*(?:[:：]|\s{{2,}}|\s(?=\S))")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# A date (and time) opening a metadata line: ( 2025-06-14 ) 稿件来源：…, 2020-03-09  来源：…
_LEADING_DATE = re.compile(rf"^[（(]?\s*{_DATE.pattern}\s*日?(?:\s*\d{{1,2}}[:：]\d{{2}}(?:[:：]\d{{2}})?)?"
                           r"\s*[）)]?\s*")
# A site's copyright or reprint notice under the article: 上海证券报·中国证券网版权所有,
# Copyright © 2024 …, 未经许可不得转载. Short, and no sentence of the article before it.
COPYRIGHT_MAX = 60
_COPYRIGHT = re.compile(r"(?:版权所有|版權所有)(?:$|[\s：:，,|｜]|侵权必究)|copyright|all\s+rights\s+reserved|©"
                        r"|^[（(【\[]?\s*(?:未经\S{0,12}?(?:许可|授权|同意)\S{0,4}?[，,\s]?\S{0,6}?(?:不得|严禁|禁止)(?:转载|复制|使用)"
                        r"|转载请注明\S{0,20})", re.IGNORECASE)
# A newspaper's page list: 01版：要闻, 第4版：国际.
_EDITION = re.compile(r"^(?:第\s*)?[A-Z]?\d{1,3}\s*版\s*[:：]?\s*[\u4e00-\u9fff]{1,6}$")


@dataclass(frozen=True)
class PageFurniture:
    """The lines kept and what the dropped ones said that belongs in the front matter."""

    lines: list[Line]
    date: str | None = None


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_tools(text: str) -> bool:
    bare = _bare(text)
    if not any(word in bare for word in _TOOL_WORDS):
        return False
    for word in sorted(_TOOL_WORDS + _WEAK_WORDS, key=len, reverse=True):
        bare = bare.replace(word, "")
    return len(bare) <= 2


def _fields(text: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a metadata line, the label without its letterspacing."""
    matches = list(_FIELD.finditer(text))
    return [(_bare(match.group("label")),
             text[match.end(): matches[i + 1].start() if i + 1 < len(matches) else None].strip())
            for i, match in enumerate(matches)]


def _is_metadata(text: str, top: bool) -> bool:
    """Two fields or more (发布时间：… 来源：…), or one only a page shows (浏览次数：…),
    in the page's top zone or anywhere when they are several."""
    dated = _LEADING_DATE.match(text)
    rest = text[dated.end():] if dated else text
    fields = _fields(rest)
    if not fields or _FIELD.match(rest) is None:
        return False
    if not dated and {label for label, _ in fields} <= _PERSONS:
        return False   # 作者：张三　编辑：李四 is a byline
    if len(fields) + bool(dated) >= 2 and (top or len(fields) >= 3):
        return True
    return top and fields[0][0] in _PAGE_ONLY


def _is_copyright(text: str) -> bool:
    """A copyright or reprint notice standing alone; a sentence of the article that
    mentions copyright (…依法享有著作权，版权所有…。) is longer or ends one sentence after
    another."""
    return (len(text) <= COPYRIGHT_MAX and _COPYRIGHT.search(text) is not None
            and "。" not in text.rstrip("。"))


def _han(item: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in item)


_NAV_SEPARATORS = re.compile(r"[\s|｜]+")   # a bar's links: spaces or bars between


def _is_navigation(text: str) -> bool:
    """A row of five or more short links (首页 时政 财经 …, or 福建|时评|…), no sentence
    in it."""
    items = [item for item in _NAV_SEPARATORS.split(text) if item]
    if len(items) < 5 or any(len(item) > 8 for item in items):
        return False
    if re.search(r"[\d。，；！？,;.]", text) or 2 * sum(map(_han, items)) < len(items):
        return False
    letterspaced = all(len(item) == 1 for item in items)
    return not letterspaced or _bare(text).startswith("首页")


def _is_navigation_or_home(text: str) -> bool:
    return _is_navigation(text) or (_bare(text).startswith("首页") and " " in text
                                    and not re.search(r"[\d。，；！？,;]", text))


@cache
def _to_simplified() -> Any:
    import opencc  # loaded on the first page that has furniture to look at
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The line in Simplified characters (a Simplified line comes back as it was)."""
    return str(_to_simplified().convert(text))


def kind_of(text: str, top: bool) -> Furniture | None:
    """What furniture the line is, by its text (and whether it stands above the article)."""
    if len(text) > FURNITURE_MAX:
        return None
    text = simplified(text)
    if _BREADCRUMB.match(text) and "。" not in text:
        return Furniture.BREADCRUMB
    if top and _TRAIL.match(text):
        return Furniture.BREADCRUMB
    if _is_tools(text) or _BRACKETED_TOOLS.match(text):
        return Furniture.TOOLS
    if _CUT_LINK.match(text):
        return Furniture.NAVIGATION
    if _NEIGHBOURS.match(text) and not text.endswith("。"):
        return Furniture.NEIGHBOURS
    if _is_metadata(text, top):
        return Furniture.METADATA
    if _is_copyright(text):
        return Furniture.COPYRIGHT
    if top and (_is_navigation_or_home(text) or _EDITION.match(text)):
        return Furniture.NAVIGATION
    return None


def leading_tools(text: str) -> str:
    """The bracketed tool links (【我要纠错】) a line of other text opens with, or ''."""
    match = _LEADING_TOOLS.match(simplified(text))
    return text[: match.end()] if match else ""


def page_date(text: str) -> str | None:
    """The date a metadata line gives the page (发布时间：2024-04-29 19:28), if any."""
    text = simplified(text)
    dated = _LEADING_DATE.match(text)
    if dated:
        return iso_date("-".join(dated.group(1, 2, 3)))
    for label, value in _fields(text):
        match = _DATE.match(value)
        if label in _DATED and match:
            return iso_date("-".join(match.groups()))
    # No dated label: a date in another field's value (来源：新华社　2017.10.17 20:18).
    match = _DATE.search(text)
    return iso_date("-".join(match.groups())) if match else None


def _top_end(lines: list[Line]) -> int:
    """The index of the first line of running text: the page's top zone ends there."""
    for index, line in enumerate(lines):
        if len(line.text) >= PROSE_MIN and line.text.endswith(("。", "：", ":")) \
                and not _fields(line.text):
            return index
    return len(lines)


def report_dropped(result: ImportResult, line: int, text: str, kind: Furniture,
                   moved_date: str | None) -> None:
    """The `review:` line of a dropped piece of furniture (every reader words it so)."""
    moved = f"; its date {moved_date} went to the front matter" if moved_date else ""
    result.flag(line, f"dropped '{text}': {kind.value}, not the article{moved} "
                "(the other choice: keep it)")


def drop_page_furniture(lines: list[Line], result: ImportResult) -> PageFurniture:
    """Drop the web page's furniture, each line with a `review:` line and a decision."""
    top_end = _top_end(lines)
    kept: list[Line] = []
    date: str | None = None
    gap = False
    for index, line in enumerate(lines):
        tools = leading_tools(line.text) if kind_of(line.text, index < top_end) is None else ""
        if tools:
            line = replace(line, text=line.text[len(tools):])
            report_dropped(result, line.number, tools.strip(), Furniture.TOOLS, None)
            result.decisions.append(Decision(Choice.DROP, line.number, tools.strip(),
                                             kept[-1].text[-12:] if kept else "", page=line.page))
        kind = kind_of(line.text, index < top_end)
        if kind is None:
            kept.append(replace(line, gap_before=True) if gap else line)
            gap = False
            continue
        gap = True
        found = page_date(line.text) if kind is Furniture.METADATA else None
        date = date or found
        report_dropped(result, line.number, line.text, kind,
                       found if found and date == found else None)
        result.decisions.append(Decision(Choice.DROP, line.number, line.text,
                                         kept[-1].text[-12:] if kept else "", page=line.page))
    return PageFurniture(kept, date)
