"""Raw PDF text extraction -> Markdown source for editors to review.

Pure: `import_raw(text)` returns the Markdown and a report of every change it
made and everything it could not decide (flags). Heuristics, each a named
function: headline fragments at the top, section headings (short, unpunctuated
lines), the credits line (role/names), paragraphs cut by a page break, and
half-width punctuation inside Chinese text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

CJK_CLASS = "\u3400-\u9fff\uf900-\ufaff"
CJK_CONTEXT = rf"[{CJK_CLASS}\u3000-\u303f\uff00-\uffef“”‘’]"
SENTENCE_END = tuple("。！？；…”』」）")
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
CREDIT_ROLE = re.compile(r"(策划|统筹|文字|文|摄影|图|设计|编辑|责编|撰稿|记者|通讯员|校对)\s*[/／:：]")
HEADING_MAX = 30
PARAGRAPH_MIN = 40
FRAGMENT_MAX = 8


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
    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "".join(self.lines)


def split_blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line:
            current = None
            continue
        if current is None:
            current = _Block(number, [])
            blocks.append(current)
        current.lines.append(line)
    return blocks


def is_credits(text: str) -> bool:
    return len(CREDIT_ROLE.findall(text)) >= 2


def is_heading(text: str) -> bool:
    return (len(text) <= HEADING_MAX and not text.endswith(SENTENCE_END)
            and "，" not in text and "," not in text and not is_credits(text))


def is_cut_paragraph(block: _Block, following: _Block | None) -> bool:
    """Long text with no sentence-final punctuation, continued by the next block."""
    return (following is not None and len(block.text) >= PARAGRAPH_MIN
            and not block.text.endswith(SENTENCE_END)
            and re.match(CJK_CONTEXT, following.text[0]) is not None
            and not is_heading(following.text))


def headline_fragments(blocks: list[_Block]) -> list[_Block]:
    """Leading blocks made only of short lines: the display headline, as extracted."""
    fragments = []
    for block in blocks:
        if all(len(line) <= FRAGMENT_MAX for line in block.lines) and \
                not block.text.endswith(SENTENCE_END):
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


def normalise_punctuation(text: str, line: int) -> tuple[str, list[Note]]:
    notes = []
    chars = list(text)
    for index, char in enumerate(chars):
        if char not in FULL_WIDTH:
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if re.match(CJK_CONTEXT, before) or re.match(CJK_CONTEXT, after):
            chars[index] = FULL_WIDTH[char]
            notes.append(Note(line, f"'{char}' -> '{FULL_WIDTH[char]}' in Chinese text at "
                                    f"column {index + 1} (…{text[max(0, index - 6):index + 7]}…)"))
    return "".join(chars), notes


def import_raw(text: str) -> ImportResult:
    result = ImportResult(markdown="")
    blocks = split_blocks(text.removeprefix("\ufeff"))
    fragments = headline_fragments(blocks)
    blocks = blocks[len(fragments):]
    meta: dict[str, object] = {"lang": "zh-Hans"}
    if fragments:
        lines = [line for block in fragments for line in block.lines]
        meta["title"] = " ".join(lines)
        shown = " / ".join(lines)
        message = (f"headline: the extraction left {len(lines)} display fragments ({shown}); "
                   "their order and grouping cannot be decided from text. Set `title:` "
                   "(and `kicker:`) in the front matter by hand")
        suggestion = scattered_suggestion(lines)
        if suggestion:
            message += f"; the short last fragment suggests scattered characters: '{suggestion}'"
        result.flags.append(Note(fragments[0].line, message))
    body: list[tuple[str, int]] = []  # (markdown block, raw line)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        joined_text = block.text
        if is_cut_paragraph(block, following):
            assert following is not None
            result.changes.append(Note(block.line, f"joined a paragraph cut by a page break "
                                       f"(line {block.line} '…{block.text[-6:]}' + line "
                                       f"{following.line} '{following.text[:6]}…')"))
            joined_text += following.text
            index += 1
        fixed, notes = normalise_punctuation(joined_text, block.line)
        result.changes.extend(notes)
        if is_credits(fixed):
            meta["credits"] = " ".join(fixed.split())
            result.changes.append(Note(block.line, "credits line moved to front matter `credits`"))
        elif is_heading(fixed):
            body.append((f"## {fixed}", block.line))
            result.changes.append(Note(block.line, f"section heading: {fixed}"))
        else:
            body.append((fixed, block.line))
        index += 1
    if not any(b.startswith("## ") for b, _ in body):
        result.flags.append(Note(1, "no section headings recognised; mark them with '## '"))
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    result.markdown = "---\n" + front + "---\n\n" + "\n\n".join(b for b, _ in body) + "\n"
    return result
