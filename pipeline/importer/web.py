"""A saved web page (news site, WeChat public-account article) -> pieces for the styled
import.

The article body is found with a real extractor: trafilatura's text votes for the page
element that holds it (WeChat's `#js_content` when present). That element is then
read block by block with lxml, keeping what the extractor would flatten: headings
(h2–h6, and the bold, often coloured, section spans WeChat editors use), pictures and
the captions set under them, tables cell by cell. The follow prompts, END marks and
"more reading" link lists of a public-account article are dropped, each with a
`review:` line (the other choice: keep it).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from ..cjk import CJK_CONTEXT
from ..errors import PipelineError
from .decode import decode
from .lines import SENTENCE_END
from .pasted import PROSE_MIN, Furniture, kind_of, leading_tools
from .patterns import is_byline, is_note_line, iso_date, signed_date
from .report import Choice, Decision, ImportResult
from .styled import INFERRED, Piece, Role, unsure_heading

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "section",
          "div", "table", "figure", "pre", "article", "main", "ul", "ol", "dl", "dd", "dt"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
SKIP = {"script", "style", "noscript", "template", "button", "textarea", "form", "svg"}
CAPTION_MAX = 120
TOP_FURNITURE_MAX = 60   # characters: a block above the headline longer than this is text
BREAK = "\x00"   # where a <br> was, while collecting text
_CJK_BREAK = re.compile(f"(?<={CJK_CONTEXT})[ \t]*\n\\s*(?={CJK_CONTEXT})")
COVER = 0.85   # the body element holds this share of the extracted paragraphs
BOLD_HEADING_MAX = 40
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_CENTRED = re.compile(r"text-align\s*:\s*center", re.I)
_SMALL = re.compile(r"font-size\s*:\s*1[0-4]px|color\s*:\s*#(?:[89a-f])", re.I)
# Public-account furniture: the follow prompt, the END mark, the "more reading" heads.
_FOLLOW = re.compile(r"^(?:点击|點擊)?.{0,8}(?:蓝字|藍字|关注我们|關注我們)")
_END = re.compile(r"^[-—–\s]*(?:END|THE END|完)[-—–\s]*$", re.I)
_MORE = re.compile(r"^(?:往期推荐|往期推薦|往期回顾|往期回顧|推荐阅读|推薦閱讀|相关阅读|相關閱讀|"
                   r"延伸阅读|延伸閱讀|猜你喜欢|猜你喜歡|相关新闻|相關新聞)[:：]?$")


def _collect(node: Any, parts: list[str]) -> None:
    if not isinstance(node.tag, str) or node.tag in SKIP:
        return
    parts.append(BREAK if node.tag == "br" else node.text or "")
    for child in node:
        _collect(child, parts)
        parts.append(child.tail or "")


def _text(element: Any) -> str:
    parts: list[str] = []
    _collect(element, parts)
    return _collapse("".join(parts).replace(BREAK, " "))


def _collapse(text: str) -> str:
    """White space as a browser shows it: a source line break between Chinese
    characters is nothing (CSS segment-break rules), other runs one space."""
    return " ".join(_CJK_BREAK.sub("", text).split())


def _paragraphs(element: Any) -> list[str]:
    """A block whose paragraphs are set apart by <br>s (`　　第一段。<br>　　第二段。`):
    split where a line ends a sentence or the next one is indented; else one block."""
    parts: list[str] = []
    _collect(element, parts)
    out: list[str] = []
    joined = False
    for line in "".join(parts).replace("\xa0", " ").split(BREAK):
        text = _collapse(line)
        if not text:
            joined = False  # an empty line (two <br>s): always a break
            continue
        indented = line.lstrip(" \n\t").startswith("\u3000")
        if out and joined and not indented and not out[-1].endswith(SENTENCE_END):
            out[-1] += text
        else:
            out.append(text)
        joined = True
    return out


def _wrap_loose(container: Any) -> None:
    """Text and inline runs left loose between blocks (`<div>第一段<br>第二段<p>…</p>
    第三段</div>`) get a <p> of their own, so reading block by block keeps them."""
    for element in list(container.iter()):
        if not isinstance(element.tag, str) or element.tag in SKIP or element.tag == "table":
            continue
        if not any(isinstance(c.tag, str) and c.tag in BLOCKS for c in element):
            continue
        children: list[Any] = []
        run = etree.Element("p")
        run.text, element.text = element.text, None
        for child in list(element):
            if isinstance(child.tag, str) and child.tag in BLOCKS:
                if _text(run):
                    children.append(run)
                run = etree.Element("p")
                run.text, child.tail = child.tail, None
                children.append(child)
            else:
                run.append(child)   # an inline node moves with its tail
        if _text(run):
            children.append(run)
        element[:] = children


def _inside(node: Any, stop: Any, test: Any) -> bool:
    while node is not None and node is not stop:
        if test(node):
            return True
        node = node.getparent()
    return bool(test(stop))


def _is_bold(node: Any) -> bool:
    return node.tag in ("strong", "b") or bool(_BOLD_STYLE.search(node.get("style") or ""))


def _all_bold(block: Any) -> bool:
    """Every visible character of the block is set in bold."""
    total = bold = 0
    for node in block.iter():
        if not isinstance(node.tag, str) or node.tag in SKIP:
            continue
        for text, owner in ((node.text, node), (node.tail if node is not block else None,
                                                node.getparent())):
            count = len("".join((text or "").split()))
            if count and owner is not None:
                total += count
                bold += count if _inside(owner, block, _is_bold) else 0
    return total > 0 and bold == total


def _style_up(node: Any, stop: Any, pattern: re.Pattern[str]) -> bool:
    return _inside(node, stop, lambda n: bool(pattern.search(n.get("style") or ""))
                   or (pattern is _CENTRED and n.get("align") == "center"))


def _rows(table: Any) -> tuple[tuple[str, ...], ...]:
    rows = []
    for tr in table.iter("tr"):
        row: list[str] = []
        for cell in tr:
            if cell.tag in ("td", "th"):
                row.append(_text(cell))
                span = cell.get("colspan") or "1"
                row.extend([""] * (int(span) - 1 if span.isdigit() else 0))
        if row:
            rows.append(tuple(row))
    return tuple(rows)


def _leaves(element: Any) -> list[Any]:
    """Block elements with no block inside (tables whole), in reading order."""
    if element.tag == "table":
        return [element]
    inner = [child for child in element if isinstance(child.tag, str) and child.tag not in SKIP]
    if not any(child.tag in BLOCKS for child in inner):
        return [element]
    return [leaf for child in inner for leaf in _leaves(child)]


def _container(root: Any, html: str) -> Any:
    """The element that holds the article: WeChat's #js_content, else the smallest one
    holding most of the paragraphs trafilatura extracts."""
    wechat = root.xpath("//*[@id='js_content']")
    if wechat:
        return wechat[0]
    extracted = trafilatura.extract(html, favor_recall=True, include_tables=False,
                                    include_comments=False) or ""
    probes = [line.strip()[:12] for line in extracted.splitlines() if len(line.strip()) >= 12]
    body = root.find("body")
    if not probes:
        return body if body is not None else root
    counted = [(sum(1 for probe in probes if probe in element.text_content()), element)
               for element in root.iter("div", "article", "section", "main", "td", "body")]
    most = max((hits for hits, _ in counted), default=0)
    holding = [element for hits, element in counted if most and hits >= COVER * most]
    if not holding:   # no element holds the extract's lines (it ran them into one)
        return body if body is not None else root   # <html> would be one leaf: all lost
    return min(holding, key=lambda e: len(e.text_content()))


def _title(root: Any, container: Any) -> tuple[list[Piece], Any]:
    """The headline (and its subtitle): the first <h1> above the article body, else the
    first one at the top of the body (with the element, to be read as the title)."""
    pieces = []
    heads = [h for h in root.iter("h1") if not _inside(h, root, lambda n: n is container)]
    inner = None
    if not heads:
        inner = next(container.iter("h1"), None)
        heads = [inner] if inner is not None and _at_top(container, inner) else []
    if heads:
        head = heads[0]
        pieces.append(Piece(Role.TITLE, _text(head), head.sourceline or 1))
        for sibling in head.itersiblings():
            if sibling.tag == "h2":
                pieces.append(Piece(Role.SUBTITLE, _text(sibling), sibling.sourceline or 1))
            elif isinstance(sibling.tag, str) and _text(sibling):
                break
    return pieces, inner if heads else None


def _at_top(container: Any, head: Any) -> bool:
    """No prose stands above the heading in the body (what may is site furniture)."""
    for leaf in _leaves(container):
        if any(node is head for node in leaf.iter()):
            return True
        text = _text(leaf)
        if text.endswith(SENTENCE_END) or len(text) > TOP_FURNITURE_MAX:
            return False
    return False


def _dropped(text: str, line: int, pieces: list[Piece], result: ImportResult) -> None:
    """A dropped line is a decision the editor may flip (kept after the text before it)."""
    before = next((p.text[-12:] for p in reversed(pieces) if p.text), "")
    result.decisions.append(Decision(Choice.DROP, line, text, before))


def _parse(data: bytes, path: Path, encoding: str | None) -> Any:
    """The page's tree; an encoding given overrides the page's own (its bytes checked
    strictly, as a text file's are)."""
    parser = None
    if encoding is not None:
        data = decode(data, path, encoding).text.encode("utf-8")
        parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise PipelineError(f"cannot read this web page ({exc})", path) from None


def html_pieces(data: bytes, path: Path, result: ImportResult,
                encoding: str | None = None) -> list[Piece]:
    logging.getLogger("trafilatura").setLevel(logging.ERROR)   # its notes are not ours
    root = _parse(data, path, encoding)
    html = lxml.html.tostring(root, encoding="unicode")
    container = _container(root, html)
    pieces, head = _title(root, container)
    pieces.extend(_metadata_outside(root, container))
    _wrap_loose(container)
    picture, more, above = False, False, head is not None
    for leaf in _leaves(container):
        parent = leaf.getparent()
        line = leaf.sourceline or (parent.sourceline if parent is not None else None) or 1
        if above and any(node is head for node in leaf.iter()):
            above = False   # the headline, read as the title already
            continue
        if leaf.tag == "table":
            rows = _rows(leaf)
            if rows:
                pieces.append(Piece(Role.TABLE, "", line, rows=rows))
            picture = False
            continue
        text = _text(leaf)
        if not text:
            picture = picture or any(True for _ in leaf.iter("img"))
            continue
        if _furniture(text, line, above, _top(pieces), pieces, result):
            continue
        tools = leading_tools(text)   # 【我要纠错】 before the editor's name
        if tools:
            _dropped(tools.strip(), line, pieces, result)
            result.flag(line, f"dropped '{tools.strip()}' ({Furniture.TOOLS.value}); the other "
                        "choice: keep it")
            text = text[len(tools):]
            if _furniture(text, line, above, _top(pieces), pieces, result):
                continue
        if more and all(_inside(node, leaf, lambda n: n.tag == "a") for node in
                        leaf.iter() if (node.text or "").strip()):
            _dropped(text, line, pieces, result)
            result.flag(line, f"dropped '{text[:30]}' (a link under '往期推荐'-style "
                        "more reading); the other choice: keep it as a paragraph")
            continue
        more = False
        if _FOLLOW.match(text) or _END.match(text) or _MORE.match(text):
            more = bool(_MORE.match(text))
            _dropped(text, line, pieces, result)
            result.flag(line, f"dropped '{text[:30]}' (public-account furniture: follow "
                        "prompt, END mark or more-reading head); the other choice: keep it")
            continue
        paragraphs = _paragraphs(leaf) if leaf.find(".//br") is not None else [text]
        if len(paragraphs) > 1 and leaf.tag not in HEADINGS:
            pieces.extend(Piece(Role.PARAGRAPH, p, line) for p in paragraphs)
        else:
            pieces.append(_piece(leaf, container, text, line, picture))
        picture = False
    if not any(piece.text or piece.rows for piece in pieces):
        raise PipelineError("no text to import (the web page is empty)", path, 1)
    return pieces


def _metadata_outside(root: Any, container: Any) -> list[Piece]:
    """The page's metadata box or byline when the site sets it above the article's element
    (between the headline and the text): the metadata read for its date, then dropped and
    put to the editor by the front matter's pass, the byline moved to the front matter;
    never lost without a word."""
    published = root.xpath("//*[@id='publish_time']")   # WeChat's date, over the text
    if published and iso_date(_text(published[0])):
        return [Piece(Role.PARAGRAPH, _text(published[0]), published[0].sourceline or 1)]
    start, body = container.sourceline or 0, root.find("body")
    for leaf in _leaves(body if body is not None else root):
        line = leaf.sourceline or 0
        # (not >=: a minified page has every element on one line)
        if line > start or _inside(leaf, root, lambda n: n is container):
            break
        text = _text(leaf)
        if text and kind_of(text, True) is Furniture.METADATA:
            return [Piece(Role.PARAGRAPH, text, line)]
        if text and (signed_date(text) or is_byline(text)):   # 作者：陳景祥　2024-03-18
            return [Piece(Role.PARAGRAPH, text, line)]
    return []


def _top(pieces: list[Piece]) -> bool:
    """Still in the page's top zone: no paragraph of running text read yet."""
    return not any(piece.role is Role.PARAGRAPH and len(piece.text) >= PROSE_MIN
                   for piece in pieces)


def _furniture(text: str, line: int, above: bool, top: bool, pieces: list[Piece],
               result: ImportResult) -> bool:
    """Site furniture, or anything above the headline in the body: dropped, each put
    to the editor."""
    kind = kind_of(text, top or above)
    if kind is None and not above:
        return False
    if kind is Furniture.METADATA and top and not above:
        return False   # kept for the front matter's pass, which takes its date
    what = kind.value if kind is not None else "above the headline: site furniture"
    _dropped(text, line, pieces, result)
    result.flag(line, f"dropped '{text[:30]}' ({what}); the other choice: keep it")
    return True


def _piece(leaf: Any, container: Any, text: str, line: int, picture: bool) -> Piece:
    if leaf.tag in HEADINGS:
        return Piece(Role.HEADING, text, line, HEADINGS[leaf.tag])
    if leaf.tag == "figcaption":
        return Piece(Role.CAPTION, text, line)
    centred = _style_up(leaf, container, _CENTRED)
    if picture and len(text) <= CAPTION_MAX and (centred or _style_up(leaf, container, _SMALL)):
        return Piece(Role.CAPTION, text, line, centred=centred)
    if _all_bold(leaf) and len(text) <= BOLD_HEADING_MAX * 2 and not is_note_line(text):
        doubt = unsure_heading(text)
        if len(text) <= BOLD_HEADING_MAX or not doubt:
            return Piece(Role.HEADING, text, line, INFERRED, unsure=doubt)
    return Piece(Role.PARAGRAPH, text, line, centred=centred)
