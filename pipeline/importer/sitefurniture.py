"""Site furniture of a saved web page told by what it says: breadcrumb trails, the
metadata box under a headline (来源, 发布时间, 字号 大 中 小), and share, print and
back-to-top bars.

News and government sites set these inside the element that holds the article as often
as around it, so the extractor's choice of element does not keep them out. Each is
dropped by the reader with a `review:` line (the other choice: keep it).
"""

from __future__ import annotations

import enum
import re

from ..cjk import CJK_CONTEXT


class Furniture(enum.Enum):
    BREADCRUMB = "a breadcrumb trail"
    METADATA = "the page's metadata box (source, time, type size)"
    TOOLS = "a share, print or back-to-top bar"


FURNITURE_MAX = 100    # characters: furniture is short
_SENTENCE = re.compile(r"[。！？；，]")
_WHERE = re.compile(r"^(?:当前位置|當前位置|您的位置|你的位置|所在位置|您现在的位置|您現在的位置)\s*[:：]")
_STEP = r"[^。，；！？>＞›»→]{1,16}"
_TRAIL = re.compile(rf"^{_STEP}(?:\s*[>＞›»→]\s*{_STEP}){{2,}}$")
# The labels of a metadata box: one naming the page (its source, time, type size) and one
# more, or a date beside it.
_PAGE_LABEL = re.compile(r"来源\s*[:：]|來源\s*[:：]|发布时间|發布時間|發佈時間|发布日期|發布日期|"
                         r"更新时间|更新時間|字号|字號|字体|字體|浏览次数|瀏覽次數|阅读次数|"
                         r"閱讀次數|阅读量|閱讀量|点击[数率量]|點擊[數率量]")
_LABEL = re.compile(rf"{_PAGE_LABEL.pattern}|时间\s*[:：]|時間\s*[:：]|作者\s*[:：]|"
                    r"编辑\s*[:：]|編輯\s*[:：]|打印|关闭|關閉|分享|收藏")
_DATE = re.compile(r"(?:19|20)\d\d\s*(?:[-./年])\s*\d{1,2}\s*(?:[-./月])\s*\d{1,2}")
_TOOL = (r"[【\[]?(?:返回顶部|返回頂部|回到顶部|回到頂部|打印本页|打印本頁|打印此页|关闭窗口|關閉窗口|"
         r"分享到|分享至|打印|关闭|關閉|收藏|纠错|糾錯|上一篇|下一篇|上一篇文章|下一篇文章)[】\]]?")
_NEIGHBOUR = re.compile(r"^(?:上一篇|下一篇|上一條|下一條|上一条|下一条)\s*[:：]")
_TOOLS = re.compile(rf"^(?:{_TOOL}\s*[:：|｜/]?\s*)+(?:{CJK_CONTEXT}|[A-Za-z\s])*$")


def site_furniture(text: str) -> Furniture | None:
    """What kind of site furniture a block of a web page is, if it is any."""
    text = text.strip()
    if not text or len(text) > FURNITURE_MAX:
        return None
    if _WHERE.match(text) or (_TRAIL.match(text) and not _SENTENCE.search(text)):
        return Furniture.BREADCRUMB
    if _PAGE_LABEL.search(text) and not _SENTENCE.search(text):
        labels = {match.group(0)[:2] for match in _LABEL.finditer(text)}
        if len(labels) >= 2 or _DATE.search(text):
            return Furniture.METADATA
    if _NEIGHBOUR.match(text) or (_TOOLS.match(text) and len(text) <= 40
                                   and not _SENTENCE.search(text)):
        return Furniture.TOOLS
    return None
