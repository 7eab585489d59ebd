"""What a line is, by its own text: bylines, credits, captions, numbering, dates."""

from __future__ import annotations

import enum
import re

HAN_NAME = r"[\u4e00-\u9fff·]{2,5}"
NAMES = rf"{HAN_NAME}(?:[\s、，,]+{HAN_NAME})*"
SEP = r"(?:\s*[/／|｜:：]\s*|\s+)"
CREDIT_ROLE = re.compile(r"(策划|统筹|文字|文|摄影|图片|图|设计|美编|编辑|责编|责任编辑|撰稿|记者|"
                         r"通讯员|校对|审核|编审|监制)\s*[/／:：|｜]")
_BYLINE = re.compile(
    rf"^(?:[（(])?(?:(?:本报|本刊|新华社|中新社|人民网)?(?:特约|实习)?(?:记者|通讯员|作者|撰文|文)"
    rf"{SEP}{NAMES}"
    rf"|[\u4e00-\u9fff\dA-Za-z]{{2,24}}(?:研究员|记者|教授|主任|分析师|通讯员|编辑|院长|所长|主编|"
    rf"博士|总监|总裁|经济学家|特约撰稿人|评论员|总理|部长|省长|市长|县长|区长|镇长|书记|局长|董事长|总经理)\s+{NAMES})(?:[）)])?$")
_CAPTION = re.compile(r"^(?:图为|图[：:]|图\s*\d|图[一二三四五六七八九十]+|[上下左右]图|组图|▲|△|■\s*图)")
_PHOTO_CREDIT = re.compile(r"(?:[（(]\s*)?(?:\S{2,6}\s*摄|摄影[：:/／]\s*\S{2,6})\s*[）)]?$")
_DATE = re.compile(r"^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?$")
# An official document's number: 鲁政发〔2014〕20号, 国办发〔2018〕128号.
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$")
BYLINE_MAX = 40
CAPTION_MAX = 200


class Numbering(enum.Enum):
    CHAPTER = re.compile(r"^第[一二三四五六七八九十百零\d]+[章节部分篇]\s*")
    CN = re.compile(r"^[一二三四五六七八九十百]+、")
    CN_PAREN = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")
    ARABIC = re.compile(r"^\d{1,2}[.．、](?!\d)")
    ARABIC_PAREN = re.compile(r"^[（(]\d{1,2}[）)]")


def numbering(text: str) -> Numbering | None:
    for style in Numbering:
        if style.value.match(text):
            return style
    return None


def is_byline(text: str) -> bool:
    return len(text) <= BYLINE_MAX and _BYLINE.match(text) is not None


_BRACKETED = re.compile(r"^[（(【\[〔](?P<inner>[^（(【\[〔）)】\]〕]+)[）)】\]〕]$")


def unbracketed(text: str) -> str:
    """A credits or byline line without the brackets papers set it in: （责任编辑：张敏）."""
    match = _BRACKETED.match(text.strip())
    return match.group("inner").strip() if match else text


def is_credits(text: str) -> bool:
    """Two or more roles (策划/… 统筹/…), or one non-author role (责任编辑：…), bracketed
    or not."""
    text = unbracketed(text)
    roles = CREDIT_ROLE.findall(text)
    if len(roles) >= 2:
        return True
    return (len(roles) == 1 and roles[0] not in ("文", "记者", "通讯员", "文字")
            and len(text) <= BYLINE_MAX and CREDIT_ROLE.match(text) is not None)


def is_caption(text: str) -> bool:
    if len(text) > CAPTION_MAX:
        return False
    return _CAPTION.match(text) is not None or (
        _PHOTO_CREDIT.search(text) is not None and not text.endswith("。"))


def iso_date(text: str) -> str | None:
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_doc_number(text: str) -> bool:
    return _DOC_NUMBER.match(text) is not None


# Lines about the text rather than of it: never headings (来源：新华网, （完）).
_NOTE_LINE = re.compile(r"^(?:(?:来源|出处|原标题|本文来源|信息来源|原载|转载自|编者按|编者注)\s*[:：]"
                        r"|[（(【\[]?\s*(?:完|全文完|待续|未完待续)\s*[）)】\]]?$)")


def is_note_line(text: str) -> bool:
    return _NOTE_LINE.match(text) is not None
