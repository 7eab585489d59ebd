"""The image policy of the editions: pages are self-contained, so only images kept
under content/ are shown; remote and script addresses are never loaded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Article, SegmentKind

# Addresses a page must not load: the network, inline data and script URLs.
BLOCKED_IMAGE_PREFIXES = ("http://", "https://", "//", "data:", "javascript:", "vbscript:",
                          "file:")


def is_local_image(src: str) -> bool:
    """True for a relative address a page may load (it is copied beside the page).

    >>> is_local_image("img/photo.jpg"), is_local_image("https://x.org/a.png")
    (True, False)
    """
    address = src.strip().lower()
    return bool(address) and "://" not in address and not address.startswith(
        BLOCKED_IMAGE_PREFIXES)


@dataclass(frozen=True)
class ImageCopy:
    """An image file to put beside the pages (`target` is relative to the output)."""

    source: Path
    target: Path
    line: int


@dataclass(frozen=True)
class MissingImage:
    src: str
    line: int


def local_images(article: Article, content_dir: Path) -> Iterator[ImageCopy | MissingImage]:
    """The article's images under content_dir, in order; remote or outside ones are skipped."""
    content = content_dir.resolve()
    for segment in article.segments:
        if segment.kind != SegmentKind.IMAGE_ALT or not is_local_image(segment.image_src):
            continue
        source = (content_dir / segment.image_src).resolve()
        if not source.is_relative_to(content):
            continue
        if source.is_file():
            yield ImageCopy(source, source.relative_to(content), segment.line_start)
        else:
            yield MissingImage(segment.image_src, segment.line_start)
