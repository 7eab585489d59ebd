"""The imported article as Markdown source: YAML front matter, escaped body text."""

from __future__ import annotations

import re

import yaml

from .structure import Article, Kind

# Markdown would read these as markup at the start of a block, or anywhere inline.
ORDERED = re.compile(r"^(\d{1,9})([.)])(\s|$)")
BLOCK_MARKER = re.compile(r"^(#{1,6}(\s|$)|>|[-+*](\s|$)|={3,}|-{3,}|\|)")
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>])")
FRONT_ORDER = ("lang", "kicker", "title", "subtitle", "byline", "date", "credits")


def escape_markdown(text: str) -> str:
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    if ORDERED.match(text):
        return ORDERED.sub(r"\1\\\2\3", text, count=1)
    return "\\" + text if BLOCK_MARKER.match(text) else text


def render_table(rows: tuple[tuple[str, ...], ...]) -> str:
    """A pipe table: the first row is the header; short rows padded; inside a cell only
    inline markup and pipes need escaping."""
    width = max(len(row) for row in rows)
    cells = [[_INLINE_MARKUP.sub(r"\\\1", " ".join(c.split())).replace("|", "\\|") for c in row]
             + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(row) + " |" for row in cells]
    lines.insert(1, "|" + "---|" * width)
    return "\n".join(lines)


def render(article: Article) -> str:
    meta = {key: article.meta[key] for key in FRONT_ORDER if key in article.meta}
    meta.update({k: v for k, v in article.meta.items() if k not in meta})
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    body = []
    for element in article.body:
        text = escape_markdown(element.text)
        if element.kind is Kind.HEADING:
            body.append(f"{'#' * element.level} {text}")
        elif element.kind is Kind.TABLE and element.rows:
            body.append(render_table(element.rows))
        elif element.kind is Kind.CAPTION:
            body.append(f"*{text}*")  # a caption: an emphasised paragraph of its own
        else:
            body.append(text)
    return "---\n" + str(front) + "---\n\n" + "\n\n".join(body) + "\n"
