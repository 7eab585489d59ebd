"""Parse a reviewed Markdown source (content/SLUG.md) into an Article of Segments.

markdown-it-py gives a token stream with `token.map` line ranges; we walk it
once and turn each translatable block into a Segment. Front matter (YAML)
carries the article's metadata; its `kicker`, `title`, `subtitle`, `byline` and
`credits` fields are translatable segments too, and so is `publication` when it
is written in Chinese. Paragraphs before the first heading form the
standfirst.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import replace
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cjk import is_cjk
from .errors import PipelineError
from .model import Article, Segment, SegmentKind
from .project import Project
from .standfirst import mark_standfirst

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

FRONT_MATTER_SEGMENTS = (
    ("kicker", SegmentKind.KICKER),
    ("title", SegmentKind.TITLE),
    ("subtitle", SegmentKind.SUBTITLE),
    ("byline", SegmentKind.BYLINE),
    ("credits", SegmentKind.CREDITS),
    ("publication", SegmentKind.PUBLICATION),
)
# Translated only when written in Chinese: a name in Latin letters stays as it is.
_TRANSLATED_IF_CJK = frozenset({"publication"})
# Metadata fields an article may carry; a typo ("titel") must not silently drop a title.
KNOWN_FIELDS = ("lang", "kicker", "title", "subtitle", "byline", "credits", "date",
                "publication", "issue", "pages", "source_url", "translator", "source",
                "tags", "notes")
ID_PREFIX = {
    SegmentKind.STANDFIRST: "s",
    SegmentKind.HEADING: "h",
    SegmentKind.PARAGRAPH: "p",
    SegmentKind.LIST_ITEM: "li",
    SegmentKind.BLOCKQUOTE: "q",
    SegmentKind.TABLE_CELL: "td",
    SegmentKind.IMAGE_ALT: "img",
    SegmentKind.FOOTNOTE: "fn",
}
# Constructs we cannot translate faithfully: reported, never silently dropped.
UNSUPPORTED = {
    "html_block": "raw HTML blocks are not supported; write Markdown instead",
    "html_inline": "inline raw HTML is not supported; write Markdown instead",
    "fence": "code blocks are not supported in articles",
    "code_block": "indented code blocks are not supported (remove the indentation)",
    "hr": "thematic breaks (---, ***) are not supported; use a heading",
}
_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_IMAGE_ONLY = re.compile(r"^!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)$")


def markdown_parser() -> MarkdownIt:
    # html=True only so that raw HTML becomes tokens we can report; it is never rendered.
    # Imported here: a run whose articles are all cached parses no Markdown.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    return (MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
            .use(footnote_plugin, inline=False))


@lru_cache(maxsize=1)
def _shared_parser() -> MarkdownIt:
    """One parser for every article of a run (building one costs more than parsing a
    short article); nothing may change its options: see _refuse_deep_nesting."""
    return markdown_parser()


def read_article(path: Path) -> Article:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PipelineError("no such article source", path) from None
    return parse_article(decode_source(data, path), path)


def decode_source(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PipelineError("not valid UTF-8 (sources must be UTF-8)", path, line) from None


def parse_article(text: str, path: Path) -> Article:
    """Pure: Markdown text -> Article. Raises PipelineError with a line on bad input."""
    text = text.removeprefix("\ufeff")
    _refuse_nul(text, path)
    env: dict[str, Any] = {}
    tokens = _shared_parser().parse(text, env)
    _refuse_deep_nesting(tokens, text, path)
    every_token = tokens
    meta: dict[str, object] = {}
    segments: list[Segment] = []
    if text.startswith("---\n") and not (tokens and tokens[0].type == "front_matter"):
        raise PipelineError("front matter opened here is not closed by a '---' line", path, 1)
    if tokens and tokens[0].type == "front_matter":
        meta = _parse_front_matter(tokens[0], path)
        segments.extend(_front_matter_segments(meta, tokens[0], text))
        tokens = tokens[1:]
    body = _body_segments(tokens, path)
    segments.extend(mark_standfirst(body) if "title" in meta else body)
    _refuse_unread_text(text, every_token, env, path)
    return Article(
        slug=path.stem,
        path=path,
        meta=meta,
        segments=tuple(_assign_ids(segments)),
        source_lang=str(meta.get("lang", "zh-Hans")),
    )


def _parse_front_matter(token: Token, path: Path) -> dict[str, object]:
    import yaml  # with the parser: only when an article is parsed
    try:
        data = yaml.safe_load(token.content) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for '---', +1 for 1-based
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise PipelineError(f"front matter: {problem}", path, line) from None
    if not isinstance(data, dict):
        raise PipelineError("front matter must be a mapping of fields", path, 2)
    for key in data:
        if key not in KNOWN_FIELDS:
            close = get_close_matches(str(key), KNOWN_FIELDS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise PipelineError(f"unknown front matter field '{key}' ({hint}known: "
                                f"{', '.join(KNOWN_FIELDS)})", path,
                                _field_line(token.content, str(key)))
    for key, _kind in FRONT_MATTER_SEGMENTS:
        if key in data and not isinstance(data[key], str):
            raise PipelineError(f"front matter field '{key}' must be a string", path,
                                _field_line(token.content, key))
    _check_metadata_types(data, token.content, path)
    return data


# Metadata that is not translated: the YAML types each field may have.
_METADATA_TYPES: dict[str, tuple[type, ...]] = {
    "date": (str, datetime.date), "publication": (str,), "issue": (str, int),
    "pages": (str, int), "source_url": (str,), "translator": (str,), "lang": (str,),
}


def _check_metadata_types(data: dict[str, object], front_matter: str, path: Path) -> None:
    for key, kinds in _METADATA_TYPES.items():
        if key in data and data[key] is not None and (
                not isinstance(data[key], kinds) or isinstance(data[key], bool)):
            wanted = " or ".join({str: "text", int: "a number",
                                  datetime.date: "a date (YYYY-MM-DD)"}[k] for k in kinds)
            raise PipelineError(f"front matter field '{key}' must be {wanted}", path,
                                _field_line(front_matter, key))
    url = data.get("source_url")
    if isinstance(url, str) and url and not re.match(r"^https?://\S+$", url):
        raise PipelineError("front matter field 'source_url' must be an http(s) URL", path,
                            _field_line(front_matter, "source_url"))


def _field_line(front_matter: str, key: str) -> int:
    for number, line in enumerate(front_matter.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _front_matter_segments(meta: dict[str, object], token: Token, text: str) -> list[Segment]:
    found = []
    for key, kind in FRONT_MATTER_SEGMENTS:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            if key in _TRANSLATED_IF_CJK and not any(is_cjk(c) for c in value):
                continue
            line = _field_line(token.content, key)
            found.append(Segment(id=key, kind=kind, text=" ".join(value.split()),
                                 line_start=line, line_end=line))
    return found


def _normalise_inline(content: str) -> str:
    """Join soft line breaks: nothing between two CJK characters, a space otherwise."""
    content = content.strip()

    def join(match: re.Match[str]) -> str:
        before = content[match.start() - 1] if match.start() else ""
        after = content[match.end()] if match.end() < len(content) else ""
        both_cjk = is_cjk(before) and is_cjk(after)
        return "" if both_cjk else " "

    return _SOFT_BREAK.sub(join, content)


def _body_segments(tokens: list[Token], path: Path) -> list[Segment]:
    segments: list[Segment] = []
    containers: list[str] = []  # open list/blockquote/table tokens
    list_depth = 0
    group = 0
    row = -1
    in_thead = False
    note = ""
    for index, token in enumerate(tokens):
        if token.type in UNSUPPORTED:
            line = token.map[0] + 1 if token.map else _inline_line(tokens, index)
            raise PipelineError(UNSUPPORTED[token.type], path, line)
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if list_depth == 0:
                group += 1
            list_depth += 1
            containers.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            containers.pop()
        elif token.type in ("blockquote_open", "table_open"):
            group += 1
            containers.append(token.type)
            row = -1
        elif token.type in ("blockquote_close", "table_close", "footnote_close"):
            containers.pop()
        elif token.type == "footnote_open":
            group += 1
            containers.append(token.type)
            note = str(token.meta.get("label", ""))
        elif token.type == "thead_open":
            in_thead = True
        elif token.type == "thead_close":
            in_thead = False
        elif token.type == "tr_open":
            row += 1
        elif token.type == "inline":
            for child in token.children or []:
                if child.type in UNSUPPORTED:
                    raise PipelineError(UNSUPPORTED[child.type], path, _inline_line(tokens, index))
            segment = _inline_segment(tokens, index, containers, list_depth, group, row, in_thead)
            if segment is not None and "footnote_open" in containers:
                segment = replace(segment, kind=SegmentKind.FOOTNOTE, note=note,
                                  id=note_id(note))
            if segment is not None:
                segments.append(segment)
    return segments


def note_id(label: str) -> str:
    """`fn-LABEL`, the anchor a `[^LABEL]` in the text links to."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "", label)
    return f"fn-{safe}" if safe == label and label else f"fn-{segment_hash(label)}"


def _refuse_nul(text: str, path: Path) -> None:
    """A NUL is no text (markdown-it would turn it into U+FFFD without a word)."""
    if "\x00" in text:
        raise PipelineError("NUL character in the source (a binary file, or damaged "
                            "text?); remove it", path, text[: text.index("\x00")].count("\n") + 1)


def _refuse_unread_text(text: str, tokens: list[Token], env: dict[str, Any],
                        path: Path) -> None:
    """Every line of text must end up in a segment (or be a link definition a
    segment uses, holding no Chinese): what markdown-it reads as anything else
    (a link definition, an unused footnote) would vanish from every edition."""
    covered: set[int] = set()
    for token in tokens:
        if token.map:
            covered.update(range(token.map[0], token.map[1]))
    used = _used_labels(tokens)
    lines = text.split("\n")
    for label, reference in env.get("references", {}).items():
        start, end = reference.get("map") or (0, 0)
        covered.update(range(start, end))
        holds = " ".join(lines[start:end])
        if label not in used:
            if _has_chinese(holds):
                raise PipelineError("this line is read as a link definition ('[label]: "
                                    "address'), so its text would be in no segment and no "
                                    "page; if it is a footnote write '[^label]: text', "
                                    "otherwise escape the bracket ('\\[')", path, start + 1)
        elif _has_chinese(str(reference.get("title", ""))):
            raise PipelineError("a link definition's title is never translated; put the "
                                "text in the paragraph instead", path, start + 1)
    for number, line in enumerate(lines):
        if number not in covered and line.strip():
            what = ("a footnote nothing refers to" if re.match(r"\s*\[\^[^\]]+\]:", line)
                    else "text the extractor does not read")
            raise PipelineError(f"{what}: it would be in no segment and no page "
                                "(refer to it, or remove it)", path, number + 1)


def _used_labels(tokens: list[Token]) -> set[str]:
    """Link labels the text refers to (`[text][label]`, `[label][]`, `[label]`)."""
    from markdown_it.common.utils import normalizeReference
    used: set[str] = set()
    for token in tokens:
        if token.type == "inline":
            for label in re.findall(r"\[((?:[^\[\]\\]|\\.)*)\]", token.content):
                used.add(normalizeReference(label))
    return used


def _has_chinese(text: str) -> bool:
    from urllib.parse import unquote
    return any(is_cjk(ch) for ch in unquote(text))


def _refuse_deep_nesting(tokens: list[Token], text: str, path: Path) -> None:
    """markdown-it stops parsing (silently) at its nesting limit, dropping what is
    inside deeply nested lists and quotes: refuse such a source, with the line of
    the first lost text (found by parsing again with a higher limit)."""
    limit = int(_shared_parser().options.get("maxNesting", 20))
    if not any(token.level >= limit - 2 for token in tokens):
        return
    parser = markdown_parser()  # its own: the shared one keeps its limit
    parser.options["maxNesting"] = limit + 64
    kept = {(t.map[0] if t.map else -1, t.content) for t in tokens if t.type == "inline"}
    for token in parser.parse(text):
        if token.type == "inline" and (token.map[0] if token.map else -1, token.content) not in kept:
            raise PipelineError(f"lists or quotes nested too deeply (markdown-it reads at most "
                                f"{limit} levels; the text here would be lost)", path,
                                (token.map[0] + 1) if token.map else 1)


def _inline_line(tokens: list[Token], index: int) -> int:
    for token in reversed(tokens[: index + 1]):
        if token.map:
            return token.map[0] + 1
    return 1


def _inline_segment(tokens: list[Token], index: int, containers: list[str], list_depth: int,
                    group: int, row: int, in_thead: bool) -> Segment | None:
    token = tokens[index]
    opener = tokens[index - 1]
    text = _normalise_inline(token.content)
    if not text:
        return None
    assert token.map is not None
    start, end = token.map[0] + 1, token.map[1]
    inner = containers[-1] if containers else ""
    base = Segment(id="", kind=SegmentKind.PARAGRAPH, text=text, line_start=start, line_end=end,
                   group=group if containers else 0)
    if opener.type == "heading_open":
        return replace(base, kind=SegmentKind.HEADING, level=int(opener.tag[1]))
    if opener.type in ("th_open", "td_open"):
        return replace(base, kind=SegmentKind.TABLE_CELL, header=in_thead, row=row)
    if inner in ("bullet_list_open", "ordered_list_open"):
        return replace(base, kind=SegmentKind.LIST_ITEM, level=list_depth,
                       ordered=inner == "ordered_list_open")
    if inner == "blockquote_open":
        return replace(base, kind=SegmentKind.BLOCKQUOTE)
    image = _IMAGE_ONLY.match(text)
    if image:
        return replace(base, kind=SegmentKind.IMAGE_ALT, text=image.group("alt"),
                       image_src=image.group("src"))
    return base


def segment_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


def _assign_ids(segments: list[Segment]) -> list[Segment]:
    """IDs come from content, not position, so inserting a paragraph renumbers nothing."""
    used: dict[str, int] = {}
    result = []
    for seg in segments:
        base = seg.id or f"{ID_PREFIX[seg.kind]}-{segment_hash(seg.text)}"
        used[base] = used.get(base, 0) + 1
        seg_id = base if used[base] == 1 else f"{base}-{used[base]}"
        result.append(replace(seg, id=seg_id))
    return result


def load_article(project: Project, slug: str) -> Article:
    """The article `slug` of a project; a source linked from outside it is refused."""
    return read_article(article_path(project, slug))


def article_path(project: Project, slug: str) -> Path:
    """Where article `slug` is read from; a source linked from outside the project is refused."""
    path = project.source_path(slug)
    if not path.resolve().is_relative_to(project.root.resolve()):
        # A symlink out of the project would publish (or leak) any file it names.
        raise PipelineError("article source is a link to a file outside the project; "
                            "copy the file into content/ instead", path)
    return path
