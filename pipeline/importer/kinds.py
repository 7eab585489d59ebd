"""What kind of file an editor gave `bilingual import`, by its bytes (not its name), and
one clear error for the kinds it cannot read."""

from __future__ import annotations

import enum
import io
import re
import zipfile
from pathlib import Path

from ..errors import PipelineError


class FileKind(enum.Enum):
    """Each kind with the suffix its verbatim copy keeps (content/SLUG.raw.*)."""

    PDF = ".pdf"
    DOCX = ".docx"
    HTML = ".html"
    TEXT = ".txt"


_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)[\s>]",
                   re.I | re.S)
_REFUSED = (
    (b"\xd0\xcf\x11\xe0", "an old Word .doc (or other OLE) file: save it as .docx and "
                          "import that"),
    (b"{\\rtf", "an RTF file: save it as .docx and import that"),
    (b"\x89PNG", "an image (PNG): run OCR first and import its text"),
    (b"\xff\xd8\xff", "an image (JPEG): run OCR first and import its text"),
    (b"GIF8", "an image (GIF): run OCR first and import its text"),
)


def _zip_kind(data: bytes, path: Path) -> FileKind:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise PipelineError("a damaged zip file (is this .docx complete?)", path) from None
    if "word/document.xml" in names:
        return FileKind.DOCX
    if "content.xml" in names:
        raise PipelineError("an OpenDocument file: save it as .docx and import that", path)
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise PipelineError("a spreadsheet or presentation, not an article: save the text "
                            "as .docx or .txt", path)
    raise PipelineError("a zip archive, not a Word file: import the document inside it", path)


def _named(kind: FileKind, path: Path) -> FileKind:
    """A PDF or Word file under the other's name is refused: which one the editor meant
    to give is theirs to say (a .docx saved as report.pdf)."""
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".docx") and suffix != kind.value:
        raise PipelineError(f"a {kind.value[1:].upper()} file named {suffix}: rename it to "
                            f"{kind.value} (or give the file you meant)", path)
    return kind


def sniff(data: bytes, path: Path) -> FileKind:
    if data.startswith(b"%PDF"):
        return _named(FileKind.PDF, path)
    if data.startswith(b"PK\x03\x04"):
        return _named(_zip_kind(data, path), path)
    for magic, message in _REFUSED:
        if data.startswith(magic):
            raise PipelineError(f"cannot import {message}", path)
    if path.suffix.lower() in (".pdf", ".docx"):
        raise PipelineError(f"not a {path.suffix.lower()[1:].upper()} file (damaged, or "
                            "misnamed?)", path)
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if _HTML.match(head) or (path.suffix.lower() in (".html", ".htm", ".xhtml")
                             and b"<" in head):
        return FileKind.HTML
    return FileKind.TEXT
