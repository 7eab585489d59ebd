"""What a build writes and remembers: the files one article wrote (`Outputs`, its
images among them: `copy_images`), each file's record (`OutputRecord`) and an
article's build as `.bilingual/cache/build.json` keeps it (`BuildRecord`), so that
an unchanged article is replayed, not rebuilt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import Fingerprint, atomic_write_bytes
from ..errors import display_path
from ..model import Article
from ..render.images import MissingImage, local_images
from ..render.index import ArticleListing
from .common import Message


def publish(path: Path, data: bytes) -> None:
    """A build output is derived from the sources: written atomically but without
    fsync (as msgfmt writes a .mo; 6 fsyncs an article cost more than rendering it),
    into a folder whose leftovers `build` removed when it started."""
    atomic_write_bytes(path, data, durable=False, sweep=False)


class Outputs:
    """The files one article's build wrote, in the order written (what a later build
    checks before it replays the article)."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def publish(self, path: Path, data: bytes) -> None:
        publish(path, data)
        self.paths.append(path)

    def copy(self, path: Path, data: bytes) -> None:
        """An image beside the pages (its folder may have leftovers: swept)."""
        atomic_write_bytes(path, data, durable=False)
        self.paths.append(path)


def stat_of(path: Path) -> tuple[int, int, int]:
    """Size, modification time and change time (-1s: no such file)."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return (-1, -1, -1)
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def _sha256(path: Path) -> str | None:
    try:
        return Fingerprint.of_bytes(path.read_bytes()).sha256
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class OutputRecord:
    """One file a build wrote: its stat, and the SHA-256 of the bytes written."""

    path: str  # relative to the project root, with /
    size: int
    mtime_ns: int
    ctime_ns: int
    sha256: str  # "": the file was gone when recorded

    @classmethod
    def of(cls, root: Path, path: Path) -> OutputRecord:
        size, mtime, ctime = stat_of(path)
        return cls(path.relative_to(root).as_posix(), size, mtime, ctime, _sha256(path) or "")

    def unchanged(self, root: Path) -> bool:
        """Still the file the build wrote: its stat alone says so when even its change
        time (which no program can set back) is the same; otherwise its bytes decide
        (a page damaged with the same size and modification time is rebuilt)."""
        path = root / self.path
        now = stat_of(path)
        if now == (self.size, self.mtime_ns, self.ctime_ns):
            return True
        return now[0] == self.size and _sha256(path) == self.sha256

    def to_json(self) -> list[Any]:
        return [self.path, self.size, self.mtime_ns, self.ctime_ns, self.sha256]

    @classmethod
    def from_json(cls, row: list[Any]) -> OutputRecord | None:
        """None for a row of another layout (an older cache): the article is rebuilt."""
        if len(row) != 5:
            return None
        path, size, mtime, ctime, sha256 = row
        return cls(str(path), int(size), int(mtime), int(ctime), str(sha256))


@dataclass(frozen=True)
class BuildRecord:
    """What a later build replays when nothing changed, and how it knows the outputs
    are still the ones written (`OutputRecord.unchanged`)."""

    listing: ArticleListing
    refused: bool  # a locale was below --min-complete
    messages: tuple[Message, ...]
    outputs: tuple[OutputRecord, ...]

    def to_json(self) -> dict[str, Any]:
        return {"listing": self.listing.to_json(), "refused": self.refused,
                "messages": [message.to_json() for message in self.messages],
                "outputs": [output.to_json() for output in self.outputs]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BuildRecord | None:
        outputs = [OutputRecord.from_json(row) for row in data["outputs"]]
        if any(output is None for output in outputs):
            return None
        return cls(ArticleListing.from_json(data["listing"]), bool(data["refused"]),
                   tuple(Message.from_json(row) for row in data["messages"]),
                   tuple(output for output in outputs if output is not None))

    def replayable(self, root: Path) -> bool:
        """Every file it wrote is still as it was."""
        return all(output.unchanged(root) for output in self.outputs)


def copy_images(article: Article, content_dir: Path, out_dir: Path, outputs: Outputs
                ) -> list[Message]:
    """Relative images sit beside the pages, so the editions stay self-contained.
    Returns a warning for each image that is not there."""
    missing = []
    for image in local_images(article, content_dir):
        if isinstance(image, MissingImage):
            missing.append(Message(f"{display_path(article.path)}:{image.line}: image "
                                   f"'{image.src}' not found in content/", warning=True))
        else:
            outputs.copy(out_dir / image.target, image.source.read_bytes())
    return missing
