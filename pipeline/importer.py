"""Raw PDF text extraction -> Markdown source for editors to review.

Pure: `import_raw(text)` returns the Markdown and a report of every change it
made and everything it could not decide (flags). Heuristics, each a named
function: page numbers, half-width punctuation inside Chinese text (per line,
so reports point at the right line and column), headline fragments at the top,
section headings (short, unpunctuated lines), the credits line (role/names),
and paragraphs cut by a page break. Text that Markdown would read as markup
is escaped, so the source says exactly what the magazine printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .cjk import is_cjk

SENTENCE_END = tuple("。！？；…”』」）")
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
CREDIT_ROLE = re.compile(r"(策划|统筹|文字|文|摄影|图|设计|编辑|责编|责任编辑|撰稿|记者|通讯员|校对)"
                         r"\s*[/／:：]")
PAGE_NUMBER = re.compile(r"^[-—–·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?[-—–·\s]*$")
HEADING_MAX = 30
PARAGRAPH_MIN = 40
FRAGMENT_MAX = 8
MIN_CJK_SHARE = 0.3
# Markdown would read these as markup at the start of a block, or anywhere inline.
_BLOCK_MARKER = re.compile(r"^(#{1,6}\s|>|[-+*]\s|\d{1,9}[.)]\s|={3,}|-{3,}|\|)")
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>])")


@dataclass(frozen=True)
class Note:
    line: int  # 1-based line in the raw text
    message: str


@dataclass
class ImportResult:
    markdown: str
    changes: list[Note] = field(default_factory=list)
    flags: list[Note] = field(default_factory=list)


@dataclass
class _Block:
    lines: list[tuple[int, str]]  # (raw line number, text)

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def text(self) -> str:
        return join_lines([text for _, text in self.lines])


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph: nothing between Chinese characters, a space otherwise."""
    out = ""
    for line in lines:
        if out and not (is_cjk(out[-1]) or is_cjk(line[0])):
            out += " "
        out += line
    return out


def split_blocks(text: str, result: ImportResult) -> list[_Block]:
    """Blank lines and form feeds (pdftotext's page breaks) separate blocks."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, raw_line in enumerate(text.split("\n"), start=1):
        page_break = "\f" in raw_line
        line = raw_line.replace("\f", "").strip()
        if line and PAGE_NUMBER.match(line):
            result.changes.append(Note(number, f"removed page number '{line}'"))
            line = ""
        if page_break or not line:
            current = None
        if not line:
            continue
        if current is None:
            current = _Block([])
            blocks.append(current)
        current.lines.append((number, line))
    return blocks


def is_credits(text: str) -> bool:
    return len(CREDIT_ROLE.findall(text)) >= 2


def is_heading(text: str) -> bool:
    return (len(text) <= HEADING_MAX and not text.endswith(SENTENCE_END)
            and not any(mark in text for mark in "，,：:")
            and not is_credits(text))


def is_cut_paragraph(block: _Block, following: _Block | None) -> bool:
    """Text with no sentence-final punctuation, continued by the next block: long, or
    with a comma inside (headings have none)."""
    if following is None or block.text.endswith(SENTENCE_END):
        return False
    looks_like_prose = len(block.text) >= PARAGRAPH_MIN or "，" in block.text
    continues = (is_cjk(following.text[0])
                 and not is_heading(following.text) and not is_credits(following.text))
    return looks_like_prose and continues


def headline_fragments(blocks: list[_Block]) -> list[_Block]:
    """Leading blocks made only of short lines: the display headline, as extracted."""
    fragments = []
    for block in blocks:
        short = all(len(text) <= FRAGMENT_MAX for _, text in block.lines)
        if short and not block.text.endswith(SENTENCE_END) and not is_credits(block.text):
            fragments.append(block)
        else:
            break
    return fragments


def scattered_suggestion(lines: list[str]) -> str | None:
    """If the last fragment has one character per earlier line, they were probably
    pushed out of the ends of those lines by the layout (产业焕新 + 姿 ...)."""
    if len(lines) < 3:
        return None
    *heads, tail = lines
    candidates = heads[-len(tail):] if len(tail) <= len(heads) else []
    if not candidates or len(tail) != len(candidates):
        return None
    rebuilt = [h + c for h, c in zip(candidates, tail)]
    return " ".join(heads[: len(heads) - len(candidates)] + rebuilt)


def normalise_punctuation(text: str, line: int, before: str = "",
                          after: str = "") -> tuple[str, list[Note]]:
    """Half-width , ; : ? ! and (…) next to Chinese text become full-width.
    `before`/`after`: the neighbouring characters on adjacent lines of the paragraph."""
    notes = []
    chars = list(text)

    def cjk_at(index: int) -> bool:
        char = text[index] if 0 <= index < len(text) else (before if index < 0 else after)
        return is_cjk(char)

    def note(index: int, new: str) -> None:
        notes.append(Note(line, f"'{text[index]}' -> '{new}' in Chinese text at column "
                                f"{index + 1} (…{text[max(0, index - 6):index + 7]}…)"))

    for index, char in enumerate(text):
        if char in FULL_WIDTH and (cjk_at(index - 1) or cjk_at(index + 1)):
            chars[index] = FULL_WIDTH[char]
            note(index, FULL_WIDTH[char])
    for match in re.finditer(r"\(([^()]*)\)", text):  # brackets change as a pair
        start, end = match.start(), match.end() - 1
        if cjk_at(start - 1) or cjk_at(end + 1) or any(map(is_cjk, match.group(1))):
            chars[start], chars[end] = "（", "）"
            note(start, "（…）")
    return "".join(chars), notes


def escape_markdown(text: str) -> str:
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    marker = _BLOCK_MARKER.match(text)
    return "\\" + text if marker else text


def _normalised_block(block: _Block, result: ImportResult) -> _Block:
    lines = []
    for position, (number, text) in enumerate(block.lines):
        before = block.lines[position - 1][1][-1] if position else ""
        after = block.lines[position + 1][1][0] if position + 1 < len(block.lines) else ""
        fixed, notes = normalise_punctuation(text, number, before, after)
        result.changes.extend(notes)
        lines.append((number, fixed))
    return _Block(lines)


def import_raw(text: str) -> ImportResult:
    result = ImportResult(markdown="")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    blocks = [_normalised_block(b, result) for b in split_blocks(text, result)]
    if not blocks:
        result.flags.append(Note(1, "no text found: is this the right file?"))
    meta: dict[str, object] = {"lang": "zh-Hans"}
    cjk = sum(1 for char in text if is_cjk(char))
    letters = sum(1 for char in text if char.isalpha())
    if letters and cjk / letters < MIN_CJK_SHARE:
        result.flags.append(Note(1, f"only {100 * cjk // letters}% of the letters are Chinese; "
                                    "check `lang:` in the front matter"))
    fragments = headline_fragments(blocks)
    blocks = blocks[len(fragments):]
    if fragments:
        lines = [line for block in fragments for _, line in block.lines]
        meta["title"] = " ".join(lines)
        shown = " / ".join(lines)
        message = (f"headline: the extraction left display fragments ({shown}); their "
                   "order and grouping cannot be decided from text. Set `title:` (and "
                   "`kicker:`) in the front matter by hand")
        suggestion = scattered_suggestion(lines)
        if suggestion:
            message += f"; the short last fragment suggests scattered characters: '{suggestion}'"
        result.flags.append(Note(fragments[0].line, message))
    body: list[str] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        while index + 1 < len(blocks) and is_cut_paragraph(block, blocks[index + 1]):
            following = blocks[index + 1]
            result.changes.append(Note(following.line, f"joined a paragraph cut by a page break "
                                       f"(line {block.lines[-1][0]} '…{block.text[-6:]}' + line "
                                       f"{following.line} '{following.text[:6]}…')"))
            block = _Block(block.lines + following.lines)
            index += 1
        joined = block.text
        if is_credits(joined):
            meta["credits"] = " ".join(joined.split())
            result.changes.append(Note(block.line, "credits line moved to front matter `credits`"))
        elif is_heading(joined):
            body.append(f"## {escape_markdown(joined)}")
            result.changes.append(Note(block.line, f"section heading: {joined}"))
            after = blocks[index + 1].text if index + 1 < len(blocks) else ""
            if after and len(after) < PARAGRAPH_MIN and after.endswith(SENTENCE_END):
                result.flags.append(Note(block.line, f"'{joined}' was taken as a heading, but "
                                         f"the short text after it ('{after}') may be "
                                         "the rest of a paragraph cut by a page break"))
        else:
            body.append(escape_markdown(joined))
        index += 1
    if blocks and not any(b.startswith("## ") for b in body):
        result.flags.append(Note(1, "no section headings recognised; mark them with '## '"))
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    result.markdown = "---\n" + front + "---\n\n" + "\n\n".join(body) + "\n"
    return result
