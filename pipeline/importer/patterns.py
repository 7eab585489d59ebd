"""What a line is, by its own text: bylines, credits, captions, numbering, dates."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from ..cjk import is_cjk

HAN_NAME = r"[\u4e00-\u9fff·]{2,5}"
NAMES = rf"{HAN_NAME}(?:[\s、，,]+{HAN_NAME})*"
SEP = r"(?:\s*[/／|｜:：]\s*|\s+)"
CREDIT_ROLE = re.compile(r"(策划|统筹|文字|文|摄影|图片|图|设计|美编|编辑|责编|责任编辑|撰稿|记者|"
                         r"通讯员|校对|审核|编审|监制)\s*[/／:：|｜]")
# A byline's paper or agency, Simplified or Traditional (新華社記者韓潔、李汶羲).
AGENCY = r"(?:本报|本報|本刊|新华社|新華社|中新社|人民网|人民網)"
TRAINEE = r"(?:特约|特約|实习|實習)"
_BYLINE = re.compile(
    rf"^(?:[（(【\[]|[□■●◎]\s*)?(?:{AGENCY}?{TRAINEE}?(?:记者|記者|通讯员|通訊員|作者|撰文|撰稿|文)"
    rf"{SEP}{NAMES}(?:副?教授|博士|研究员|研究員|讲师|講師|律师|律師)?"
    # an agency's style runs the names on: 新华社记者崔静、韩洁、刘羊旸
    rf"|(?:{AGENCY}{TRAINEE}?|{TRAINEE})(?:记者|記者){NAMES}"
    # a paper's or agency's commentator, unnamed: 本报评论员, 新华社特约评论员
    rf"|(?:本报|本報|[\u4e00-\u9fff]{{1,8}}(?:报|報|社|台|网|網|刊))(?:特约|特約)?(?:评论员|評論員)"
    # a decree's signature run together: 总理李鹏
    rf"|(?:国务院)?总理(?![的在说指强表会对与和答讲谈])[\u4e00-\u9fff]{{2,3}}"
    # a post and a name, as a decree is signed: 总理 李克强, 自治区人民政府主席 张雨浦
    rf"|[\u4e00-\u9fff\dA-Za-z]{{0,24}}(?:研究员|记者|教授|主任|分析师|通讯员|编辑|院长|所长|主编|"
    rf"博士|总监|总裁|经济学家|特约撰稿人|评论员|总理|部长|省长|市长|县长|区长|镇长|书记|局长|董事长|总经理|"
    rf"主席|副主席|秘书长|会长|理事长|校长)\s+{NAMES})(?:[）)】\]])?$")
_CAPTION = re.compile(r"^(?:图为|图[：:]|图\s*\d|图[一二三四五六七八九十]+|[上下左右]图|组图|▲|△|■\s*图)")
_PHOTO_CREDIT = re.compile(r"(?:[（(]\s*)?(?:\S{2,6}\s*[摄攝]|[摄攝]影[：:/／]\s*\S{2,6})\s*[）)]?$"
                           r"|[（(](?:资料图片|資料圖片|资料照片|資料照片|示意图|示意圖說?|图片来源[^）)]*|"
                           r"圖片來源[^）)]*)[）)]$")
# A date, with the time a web page or wire adds to it (2024-03-05 10:20).
# A speech's date under its title is bracketed: （2024年3月15日）.
_DATE = re.compile(r"^[（(]?\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?"
                   r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*[）)]?$")
# An official document's number: 鲁政发〔2014〕20号, 国办发〔2018〕128号.
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$")
BYLINE_MAX = 40
CAPTION_MAX = 200


class Numbering(enum.Enum):
    PART = re.compile(r"^第[一二三四五六七八九十百零\d]+(?:部分|篇|编)\s*")
    CHAPTER = re.compile(r"^第[一二三四五六七八九十百零\d]+章\s*")
    SECTION = re.compile(r"^第[一二三四五六七八九十百零\d]+节\s*")
    FORMAL = re.compile(r"^[壹贰貳叁叄參肆伍陆陸柒捌玖拾]+[、：:．.]")
    CN = re.compile(r"^[一二三四五六七八九十百]+、")
    CN_PAREN = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")
    ARABIC = re.compile(r"^\d{1,2}[.．、](?!\d)")
    ARABIC_PAREN = re.compile(r"^[（(]\d{1,2}[）)]")
    # A plan's or standard's sections: 1 总则, 2.1 国家粮食应急工作指挥部 (not 2.1.1, an item;
    # not a figure running on: 29 日, 1.5 亿元).
    DECIMAL = re.compile(r"^\d{1,2}[\s\u3000]+(?![亿万千百元个倍年月日号时分秒岁名家人次项条所])"
                         r"(?=[\u4e00-\u9fff])")
    DECIMAL_2 = re.compile(r"^\d{1,2}[.．]\d{1,2}[\s\u3000]*(?![亿万千百元个倍年月日号时分秒岁名家人次项条所])"
                           r"(?=[\u4e00-\u9fff])")


# 第X条: an article of a regulation starts its paragraph; it is never a heading.
ARTICLE = re.compile(r"^第[一二三四五六七八九十百零\d]+条[\s\u3000]")


def starts_article(text: str) -> bool:
    return ARTICLE.match(text) is not None


def numbering(text: str) -> Numbering | None:
    for style in Numbering:
        if style.value.match(text):
            return style
    return None


# A wire story's dateline naming its reporters: 新华社北京1月11日电（记者 成欣）…
_DATELINE_REPORTERS = re.compile(r"^[^，。（(]{2,30}?[电電]\s*[（(](?P<who>[^（()）]{0,12}?[记記]者"
                                 r"[^（()）]{1,40})[）)]")


def dateline_reporters(text: str) -> str | None:
    """The reporters a dateline names (记者 成欣), else None."""
    match = _DATELINE_REPORTERS.match(text)
    return " ".join(match.group("who").split()) if match else None


def is_byline(text: str) -> bool:
    return len(text) <= BYLINE_MAX and _BYLINE.match(text) is not None


_BRACKETED = re.compile(r"^[（(【\[〔](?P<inner>[^（(【\[〔）)】\]〕]+)[）)】\]〕]$")


def unbracketed(text: str) -> str:
    """A credits or byline line without the brackets papers set it in: （责任编辑：张敏）."""
    match = _BRACKETED.match(text.strip())
    return match.group("inner").strip() if match else text


# Where the article first ran or comes from, a line of its own: 首发：上海证券报, 来源：新华网.
_SOURCE = re.compile(r"^[（(【\[]?\s*(?:首发|首發|来源|來源|稿源|稿件来源|文章来源|本文来源|出处|出處|原载|原載|"
                     r"转载自|轉載自)\s*[:：]\s*[^\s。，；：:,;]{2,24}\s*[）)】\]]?$")


def is_source_line(text: str) -> bool:
    """`首发：上海证券报`: the publication the article first ran in, for the front matter."""
    return _SOURCE.match(text.strip()) is not None


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


# A byline with the date after it: 作者：陳景祥　2024-03-18 (a PDF may print no space:
# 国家统计局2018-08-27).
_TRAILING_DATE = re.compile(r"(?:[\s\u3000]+|(?<=[\u4e00-\u9fff]))"
                            r"(?P<date>\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)$")


@dataclass(frozen=True)
class Signed:
    """A line naming who wrote or issued the text, then its date."""

    who: str
    date: str       # ISO
    sure: bool      # a byline (作者：…); an issuer's name (国家统计局) is put to the editor


# A name or two standing alone before a date (翁維愷 2017-01-18): a byline, put to the editor.
_NAMES_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[、\s\u3000][\u4e00-\u9fff]{2,4}){0,2}$")


def _bare_names(text: str) -> bool:
    return _NAMES_ONLY.match(text) is not None and not text.endswith(("时间", "時間", "日期"))


# ... or before it, with the page's section between (2024.04.21 16:00 博客 作者：馮煒光).
_LEADING_DATE = re.compile(r"^(?P<date>\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?)"
                           r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?[\s\u3000]+"
                           r"(?:(?P<section>[^\s\u3000：:，。,]{1,6})[\s\u3000]+)?"
                           rf"(?P<label>(?:作者|作者\s*/\s*|文)[：:/]\s*)?(?P<who>{HAN_NAME})$")


def signed_date(text: str) -> Signed | None:
    """A byline or issuer's line that ends with its date (作者：陳景祥　2024-03-18,
    国家统计局　2018-08-27 11:51), or a name after the date and the page's section
    (2024.04.21 16:00 博客 馮煒光: sure only with its 作者：), else None."""
    leading = _LEADING_DATE.match(text)
    if leading and len(text) <= BYLINE_MAX:
        date = iso_date(leading.group("date"))
        sure = bool(leading.group("label")) and not leading.group("section")
        return Signed(leading.group("who"), date, sure) if date else None
    match = _TRAILING_DATE.search(text)
    if match is None or len(text) > BYLINE_MAX:
        return None
    who, date = text[:match.start()].strip(), iso_date(match.group("date"))
    if not date or not (is_byline(who) or is_issuer(who) or _bare_names(who)):
        return None
    return Signed(who, date, is_byline(who))


CN_DIGIT = "〇零一二三四五六七八九十"
_CN_DATE = re.compile(rf"^[{CN_DIGIT}]{{4}}年[{CN_DIGIT}]{{1,2}}月[{CN_DIGIT}]{{1,3}}日$")
_ISSUER = re.compile(r"^[\u4e00-\u9fff（）()、\s]{2,30}(?:国务院|办公厅|委员会|人民政府|政府|部|局|厅|署|"
                     r"办公室|院|会|委|公司|集团|中心|协会|学会|银行|总局|党委|党组)$")
_PUBLIC_NOTE = re.compile(r"^[（(]此件(?:公开发布|不公开|主动公开|发至[^）)]*)[）)]$")


def is_date_line(text: str) -> bool:
    """A date standing alone: 2019年1月9日, 二〇一八年十一月七日."""
    text = text.replace(" ", "")
    return iso_date(text) is not None or _CN_DATE.match(text) is not None


def is_issuer(text: str) -> bool:
    """An issuing body's name as a signature: 国务院办公厅, 大庆市统计局."""
    return len(text) <= 30 and _ISSUER.match(text.replace("\u3000", "")) is not None


def is_closing_note(text: str) -> bool:
    """（此件公开发布）and its kind, under an official document's date."""
    return _PUBLIC_NOTE.match(text) is not None


# A speaker's turn in an interview (问：… 答：… 记者：…): never a heading.
_SPEAKER = re.compile(r"^(?:问|問|答|记者|記者|主持人|提问|提問|Q|A)\s*[：:]")
_KEYWORDS = re.compile(r"^(?:关键词|關鍵詞|关键字|關鍵字|Keywords?)\s*[：:]", re.IGNORECASE)
# A notice's list of its attachments (附件：1.…): a line of the text, not the annex's head.
_ATTACHMENTS = re.compile(r"^附\s*件\s*[：:]\s*\S")


def is_attachments(text: str) -> bool:
    """`附件：1.国土资源部关于…的报告`: a notice's list of its attachments (its next items,
    `2.…`, follow on lines of their own)."""
    return _ATTACHMENTS.match(text) is not None
# The label over an annex, standing alone: 附件, 附件1, 附件 2：, 附件三 (the annex's title
# follows on its own line).
_ANNEX_LABEL = re.compile(r"^附\s*件\s*[\d一二三四五六七八九十]{0,3}\s*[：:]?$")
# A third-level decimal number (2.1.1): a plan numbers its items so, not its sections.
ITEM_NUMBER = re.compile(r"^\d{1,2}[.．]\d{1,2}[.．]\d{1,2}(?:[.．]\d{1,2})*(?![.．]?\d)")
# An abstract's or contents' label standing alone: 摘要, 內容提要, 目录 (a part's label, not
# a section head nor the title's end).
_ABSTRACT = re.compile(r"^(?:摘\s*要|內容提要|内容提要|提\s*要|Abstract|目\s*录|目\s*錄|目\s*次|Contents)"
                       r"\s*[：:]?$", re.IGNORECASE)


# A table's caption over it: 表1 2021年…主要财务指标.
_TABLE_CAPTION = re.compile(r"^表\s*[\d一二三四五六七八九十]{1,3}(?:[\s　：:．.、]|$)")


def is_table_caption(text: str) -> bool:
    return _TABLE_CAPTION.match(text) is not None


def is_speaker_turn(text: str) -> bool:
    return _SPEAKER.match(text) is not None


# A notice's addressees or a speech's salutation, a line of its own before the body:
# 各省、自治区、直辖市人民政府，国务院各部委、各直属机构： / 各位代表： / 同志们：
_SALUTATION = re.compile(r"^(?:各|同志们|尊敬的|亲爱的|親愛的)[^。；;：:]{0,60}[：:]$")


def is_salutation(text: str) -> bool:
    return _SALUTATION.match(text) is not None


# A note in a list of notes: [3] 立法會司法及法律事務委員會… (its number, then the note).
NOTE_ENTRY = re.compile(r"^[\[［](\d{1,3})[\]］]")


# A contact or reference field: a label, then a value mostly of digits and Latin letters
# (传真：（024）22736598, 网站网址：www.…, 电子邮箱：…@…).
_FIELD = re.compile(r"^[^：:。，,；;]{1,16}[：:]\s*(?P<value>\S.*)$")
FIELD_VALUE_MIN = 5    # digits and Latin letters a field's value has at least


def is_field_line(text: str) -> bool:
    match = _FIELD.match(text)
    if match is None:
        return False
    value: str = match.group("value")
    latin = sum(c.isascii() and c.isalnum() for c in value)
    han = sum(1 for c in value if is_cjk(c))
    return latin >= FIELD_VALUE_MIN and 2 * han < latin


def is_label_line(text: str) -> bool:
    """Lines that label the text rather than head a section: keywords, speaker turns,
    contact fields."""
    return (_KEYWORDS.match(text) is not None or is_speaker_turn(text) or is_field_line(text)
            or is_table_caption(text) or _ABSTRACT.match(text) is not None
            or _ATTACHMENTS.match(text) is not None or _ANNEX_LABEL.match(text) is not None)


def is_doc_number(text: str) -> bool:
    return _DOC_NUMBER.match(text) is not None


# An official document's masthead over its number: 湖南省人民政府办公厅文件.
_MASTHEAD = re.compile(r"^(?P<issuer>[\u4e00-\u9fff（）()、\s]{2,40})文\s*件$")


def is_masthead(text: str) -> bool:
    match = _MASTHEAD.match(text)
    return match is not None and is_issuer(match.group("issuer").replace(" ", ""))


# An official document's title names its kind at the end (…关于…的通知, …实施办法), however
# long; no sentence punctuation inside.
_DOCUMENT_TITLE = re.compile(r"^[^。；;，,：:！？]{4,90}(?:通知|意见|决定|办法|方案|规定|细则|条例|公告|"
                             r"通告|通报|报告|批复|复函|函|纪要|规划|纲要|指南|指引|措施|请示|答复|"
                             r"决议|命令|公报|规则|章程|守则|标准|计划|要点|清单|目录)(?:[（(][^）)]{1,20}[）)])?$")


def is_document_title(text: str) -> bool:
    """`国务院办公厅关于开展…治理工作的通知`: a title by its form, too long for a head."""
    return _DOCUMENT_TITLE.match(text) is not None and ("关于" in text[:40] or len(text) <= 40)


# Lines about the text rather than of it: never headings (来源：新华网, （完）).
_NOTE_LINE = re.compile(r"^(?:(?:来源|出处|原标题|本文来源|信息来源|原载|转载自|编者按|编者注)\s*[:：]"
                        r"|[（(]?作者(?:简介|簡介|单位|單位|生前|现为|現為|现任|現任|为|為|系|是)"
                        # where the article first ran: （本文原載於灼見名家）
                        r"|[（(]?本文(?:原载|原載|首发|首發|转载|轉載|刊于|刊於|发表于|發表於|选自|選自)"
                        r"|[（(【\[]?\s*(?:完|全文完|待续|未完待续|本文有删[减节]|有删[减节]|略|下略)\s*[）)】\]]?$)")


def is_note_line(text: str) -> bool:
    return _NOTE_LINE.match(text) is not None
