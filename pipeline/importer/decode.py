"""Raw bytes -> text: encoding detected by charset-normalizer (or given), any line ends."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import PipelineError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Detectors name the family by its narrowest member; GB18030 decodes all of them.
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs"}


@dataclass(frozen=True)
class Decoded:
    text: str          # LF line ends, no BOM
    encoding: str
    line_ends: str     # what the raw used: "LF", "CRLF", "CR" or "mixed"


def _line_ends(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, count in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if count]
    return kinds[0] if len(kinds) == 1 else ("LF" if not kinds else "mixed")


def detect_encoding(data: bytes) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("cannot tell the text encoding")
    return _WIDEN.get(best.encoding.lower(), best.encoding)


def decode(data: bytes, path: Path, encoding: str | None = None) -> Decoded:
    """Bad bytes are an error at their line, never replaced silently."""
    try:
        name = encoding or detect_encoding(data)
        codecs.lookup(name)
    except LookupError:
        raise PipelineError(f"unknown encoding '{encoding}'", path) from None
    except ValueError:
        raise PipelineError("cannot tell the text encoding; give it with --encoding "
                            "(e.g. --encoding gb18030)", path, 1) from None
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PipelineError(f"not valid {name} (try --encoding)", path, line) from None
    text = text.removeprefix("\ufeff")
    ends = _line_ends(text)
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), name, ends)
