"""The typeface the editions ship: a free (OFL) serif installed on the build machine,
subset with fontTools to the Latin repertoire English and pinyin use and written as
WOFF2 beside the pages, with its licence, so the English sets in the face its column
widths were measured with on every reader's machine.

The faces are Noto Serif (Debian's fonts-noto-core). Where it is not installed the
pages carry no @font-face at all and the stylesheet's stack falls back to the
reader's own serif; the build says so once. Chinese is not shipped: a CJK glyph is
one em wide in every face, so the columns' measure holds on the reader's CJK face,
and a CJK subset costs seconds to minutes of every build (see docs/manual/editions.md).

A subset depends only on the face file and the repertoire, so it is made once per
machine and kept in the user's cache (pipeline/machine_cache.py: ~/.cache/bilingual/fonts)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..atomic import atomic_write_bytes
from ..errors import PipelineError
from ..machine_cache import cache_dir

FAMILY = "Edition Serif"  # a name no installed font has: absent files never shadow one
FONT_DIR = "fonts"  # beside the pages: fonts/edition-serif-regular.woff2
LICENCE_NAME = "LICENSE-NotoSerif.txt"
# Where Debian (fonts-noto-core), Fedora and Arch put the faces.
SOURCE_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/google-noto"),
               Path("/usr/share/fonts/noto"))
LICENCE_SOURCES = (Path("/usr/share/doc/fonts-noto-core/copyright"),)
INSTALL_HINT = "Debian: apt-get install fonts-noto-core"
SUBSET_VERSION = "3"  # bump when the repertoire or the options change

# Basic Latin, Latin-1, Latin Extended-A, the pinyin vowels with a caron (ǎ ǐ ǒ ǔ ǖ
# ǘ ǚ ǜ), ǹ, combining tone marks, the typographic punctuation, superscript figures
# (endnote numbers), €, №, ™, arrows and the minus sign.
REPERTOIRE: tuple[tuple[int, int], ...] = (
    (0x20, 0x7E), (0xA0, 0x17F), (0x1CD, 0x1DC), (0x1F8, 0x1F9), (0x2C6, 0x2C7),
    (0x2C9, 0x2C9), (0x2D8, 0x2DD), (0x300, 0x304), (0x308, 0x308), (0x30C, 0x30C),
    (0x2010, 0x2027), (0x2030, 0x203A), (0x2044, 0x2044), (0x2070, 0x2070),
    (0x2074, 0x2079), (0x20AC, 0x20AC), (0x2116, 0x2116), (0x2122, 0x2122),
    (0x2190, 0x2193), (0x2212, 0x2212),
)


@dataclass(frozen=True)
class Face:
    """One style of the shipped family: where it comes from and what it is called."""

    weight: int
    italic: bool
    source: str  # the installed file's name
    file: str  # the WOFF2's name under fonts/


FACES: tuple[Face, ...] = (
    Face(400, False, "NotoSerif-Regular.ttf", "edition-serif-regular.woff2"),
    Face(400, True, "NotoSerif-Italic.ttf", "edition-serif-italic.woff2"),
    Face(700, False, "NotoSerif-Bold.ttf", "edition-serif-bold.woff2"),
    Face(700, True, "NotoSerif-BoldItalic.ttf", "edition-serif-bold-italic.woff2"),
)


@dataclass(frozen=True)
class Installed:
    """A face found on this machine."""

    face: Face
    path: Path


def _find(name: str) -> Path | None:
    for folder in SOURCE_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


@cache  # the machine's fonts do not change during a run
def installed_faces() -> tuple[Installed, ...]:
    """The faces this machine can ship: all of them or none (a family with half its
    styles would set bold in one face and roman in another)."""
    try:
        import brotli  # noqa: F401  (WOFF2 compression)
        import fontTools  # noqa: F401
    except ImportError:
        return ()
    found = [(face, _find(face.source)) for face in FACES]
    if any(path is None for _face, path in found):
        return ()
    return tuple(Installed(face, path) for face, path in found if path is not None)


def font_face_css(faces: tuple[Installed, ...]) -> str:
    """The @font-face rules for the shipped faces ("" when none is installed)."""
    return "".join(
        f'@font-face {{ font-family: "{FAMILY}"; font-style: '
        f'{"italic" if f.face.italic else "normal"}; font-weight: {f.face.weight}; '
        f'font-display: swap; src: url("{FONT_DIR}/{f.face.file}") format("woff2"); }}\n'
        for f in faces)


def _repertoire() -> list[int]:
    return [code for low, high in REPERTOIRE for code in range(low, high + 1)]


def _cache_dir() -> Path:
    return cache_dir() / "fonts"


def _key(installed: Installed) -> str:
    from fontTools import version
    stat = installed.path.stat()
    parts = (SUBSET_VERSION, version, str(installed.path), str(stat.st_size),
             str(stat.st_mtime_ns))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:24]


def _subset(path: Path) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and licence names
    options.hinting = False  # a third of the bytes; screens today scale outlines unhinted
    font = TTFont(str(path))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_repertoire())
    subsetter.subset(font)
    font.flavor = "woff2"  # Brotli-compressed, as every browser reads it
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def woff2(installed: Installed) -> bytes:
    """The face's subset, from the user's cache or made (and kept) now."""
    cached = _cache_dir() / f"{installed.face.file[:-6]}-{_key(installed)}.woff2"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = _subset(installed.path)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cached, data, durable=False)
    except (OSError, PipelineError):  # a read-only home: the next build subsets again
        pass
    return data


def licence_text() -> str:
    for path in LICENCE_SOURCES:
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    return ("Noto Serif is licensed under the SIL Open Font License, Version 1.1: "
            "https://openfontlicense.org\n")


@dataclass(frozen=True)
class ShippedFont:
    """A file the build writes under fonts/."""

    name: str
    data: bytes


def shipped_files(faces: tuple[Installed, ...]) -> list[ShippedFont]:
    """The WOFF2 files and the licence that go beside the pages."""
    if not faces:
        return []
    header = ("The WOFF2 files in this folder are subsets of Noto Serif, made with "
              "fontTools; they are licensed under the SIL Open Font License 1.1, "
              "as follows.\n\n")
    return [*(ShippedFont(f.face.file, woff2(f)) for f in faces),
            ShippedFont(LICENCE_NAME, (header + licence_text()).encode("utf-8"))]


def missing_warning() -> str:
    return (f"fonts: Noto Serif is not installed ({INSTALL_HINT}); the pages ship no "
            "font and fall back to the reader's serif")
