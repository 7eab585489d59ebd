"""The JSON shapes of the workbench API (pydantic): what `/openapi.json` describes.

Request models validate everything a client can send: segment IDs by pattern,
text by length and by content (no NUL or other C0 control characters except tab
and newline, no lone surrogates: nothing that could not be written to a UTF-8
.po file and read back the same).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SEGMENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
FINGERPRINT_PATTERN = r"^[0-9a-f]{64}$"
MAX_TEXT = 65_536
MAX_COMMENT = 16_384
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

StatusName = Literal["translated", "fuzzy", "untranslated"]
SeverityName = Literal["error", "warning", "info"]


def _clean_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(value):
        raise ValueError("control characters (other than tab and newline) are not allowed")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text is not valid Unicode (lone surrogate)") from None
    return value


CleanText = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_clean_text)]
CleanComment = Annotated[str, Field(max_length=MAX_COMMENT), AfterValidator(_clean_text)]
SegmentId = Annotated[str, Field(pattern=SEGMENT_ID_PATTERN, description="segment ID, "
                                 "as in the source's HTML anchors (e.g. p-1a2b3c4d, title)")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorResponse(BaseModel):
    detail: str


class ProgressView(BaseModel):
    translated: int
    fuzzy: int
    untranslated: int
    total: int
    percent: float = Field(description="completeness by source characters, 0–100")


class LocaleSummary(BaseModel):
    locale: str
    file: str = Field(description="the catalog, relative to the project root")
    exists: bool
    progress: ProgressView | None = None
    error: str | None = Field(default=None, description="why the catalog cannot be read")


class ArticleSummary(BaseModel):
    slug: str
    title: str
    segments: int
    locales: list[LocaleSummary]
    error: str | None = Field(default=None, description="why the source cannot be read")


class ArticleList(BaseModel):
    articles: list[ArticleSummary]
    locales: list[str]


class TermInfo(BaseModel):
    term: str = Field(description="the Chinese term as found in the source")
    english: str = Field(description="the approved rendering")
    variants: list[str]
    forbidden: list[str]
    type: str
    pinyin: str
    note: str
    present: bool = Field(description="an accepted rendering occurs in the translation")


class TermSpan(BaseModel):
    start: int = Field(description="where a glossary term starts in the source (characters)")
    end: int
    term: str


class FindingView(BaseModel):
    code: str
    severity: SeverityName
    message: str
    term: str = ""
    expected: str = ""
    found: str = ""


class DiffOp(BaseModel):
    op: Literal["equal", "insert", "delete"]
    text: str


class EntryState(BaseModel):
    msgstr: str
    fuzzy: bool
    comment: str


class SegmentView(BaseModel):
    id: str
    kind: str
    source: str
    source_line: int
    in_catalog: bool = Field(description="false: the catalog is out of date "
                             "(run `bilingual update`); the segment cannot be saved")
    entry_line: int
    msgstr: str
    fuzzy: bool
    comment: str = Field(description="the translator comment (# lines)")
    status: StatusName
    reviewed: bool = Field(default=False, description="translated and reviewed since its "
                           "last change (a `# reviewed:` line, see the manual, Workflows)")
    reviewed_by: str = ""
    reviewed_on: str = Field(default="", description="YYYY-MM-DD")
    previous_source: str | None = Field(description="#| msgid: the source the fuzzy "
                                        "translation was made for")
    source_diff: list[DiffOp] = Field(description="previous_source → source, by character")
    terms: list[TermInfo]
    term_spans: list[TermSpan] = Field(default_factory=list,
                                       description="where the terms are in the source")
    findings: list[FindingView]
    shared_with: list[str] = Field(description="other segments with the same text "
                                   "(one catalog entry)")


class ObsoleteView(BaseModel):
    msgid: str = Field(description="the source text that is gone from the article")
    msgstr: str
    line: int = Field(description="the #~ entry's line in the catalog")


class PurgeRequest(Strict):
    fingerprint: str = Field(pattern=r"^[0-9a-f]{64}$",
                             description="the catalog as the page showed it")
    msgids: list[CleanText] = Field(description="the obsolete entries to remove")


class PurgeResult(BaseModel):
    fingerprint: str
    purged: int


class CatalogView(BaseModel):
    slug: str
    locale: str
    title: str
    file: str
    fingerprint: str = Field(description="sha256 of the catalog file: send it back when saving")
    canonical: bool = Field(description="the file is in GNU canonical form (as msgcat "
                            "writes it); otherwise saving needs allow_reformat")
    progress: ProgressView
    segments: list[SegmentView]
    obsolete: list[ObsoleteView] = Field(default_factory=list,
                                         description="#~ entries: their source is gone")
    notices: list[str]


class FindingsView(BaseModel):
    fingerprint: str = Field(description="sha256 of the catalog file the findings are for")
    findings: dict[str, list[FindingView]] = Field(
        description="segment ID -> what `bilingual check` says about its entry")
    used: dict[str, list[str]] = Field(
        default_factory=dict,
        description="segment ID -> the source's terms whose rendering the translation uses")


class VersionView(BaseModel):
    catalog: str = Field(description="sha256 of the catalog file")
    source: str = Field(description="the source file's mtime and size")


class CheckRequest(Strict):
    segment: SegmentId
    msgstr: CleanText
    fuzzy: bool = False
    comment: CleanComment | None = Field(default=None, description="proposed translator "
                                         "comment (exceptions `# check: ignore …` apply)")


class CheckResult(BaseModel):
    segment: str
    status: StatusName
    findings: list[FindingView]
    terms: list[TermInfo]


class BaseState(Strict):
    msgstr: CleanText
    fuzzy: bool = False
    comment: CleanText = ""


class EntryEdit(Strict):
    segment: SegmentId
    msgstr: CleanText
    fuzzy: bool = False
    comment: CleanComment | None = Field(default=None, description="null: leave unchanged")
    base: BaseState | None = Field(default=None, description="the entry as the page loaded "
                                   "it: the save is merged per entry against it (a change "
                                   "on disk to this entry alone is a conflict); null: the "
                                   "whole file must still match `fingerprint`")
    reviewed: bool | None = Field(default=None, description="true: mark the entry reviewed "
                                  "(by the translator saving); false: clear it; null: keep "
                                  "(a changed text clears it anyway)")
    source: CleanText | None = Field(default=None, description="the source text the page "
                                     "showed; if the source changed since, the edit is "
                                     "saved as fuzzy on the entry that replaced it")


class SaveRequest(Strict):
    fingerprint: str = Field(pattern=FINGERPRINT_PATTERN,
                             description="the catalog's sha256 as loaded by the client "
                             "(used for edits sent without `base`)")
    translator: CleanText | None = Field(default=None, max_length=200,
                                         description="who saves (recorded in the activity "
                                         "log and Last-Translator)")
    edits: list[EntryEdit] = Field(min_length=1, max_length=500)
    allow_reformat: bool = Field(default=False, description="save even though the file is "
                                 "not in GNU canonical form (every line msgcat would write "
                                 "differently changes too)")


class SaveResult(BaseModel):
    fingerprint: str
    changed: bool = Field(description="false: the edits matched the file; nothing written")
    saved: list[str] = Field(description="segments whose entries changed")
    segments: list[SegmentView] = Field(description="the edited segments (and those "
                                        "sharing their entries) as now on disk")
    progress: ProgressView


class ConflictEntry(BaseModel):
    segment: str
    yours: EntryState
    disk: EntryState | None = Field(description="null: the entry is gone from the file")


class ConflictResponse(BaseModel):
    detail: str
    file: str
    saved: list[str] = Field(default_factory=list, description="segments of the same "
                             "request that did not conflict and were saved")
    fingerprint: str = Field(description="the file's sha256 now; resend with it to keep "
                             "your version (after looking at the disk one)")
    conflicts: list[ConflictEntry]
