"""The project as the workbench sees it: validated names, cached inputs, and the
read-modify-write cycle of a catalog (the only place that touches files).

Only articles found in content/ and locales found in locales/ can be named, and
every path is checked to resolve inside the project, so no request can reach
another file. A save holds a per-catalog lock, compares the client's
fingerprint with the file, applies the edits in memory and writes with
`write_catalog(..., expect=fingerprint)`: a file that changed in between is
never overwritten.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polib

from ..atomic import Fingerprint
from ..catalog.pofile import parse_catalog, read_catalog, write_catalog
from ..errors import ConflictError, PipelineError
from ..glossary import Glossary, load_glossary
from ..model import Article, Segment
from ..po.gnu_format import format_pofile
from ..project import Project
from ..source import read_article
from .checking import CheckContext, Place
from .edits import Edit, State, active_entries, apply_edits, entry_state
from .models import (
    ArticleList,
    ArticleSummary,
    CatalogView,
    ConflictEntry,
    ConflictResponse,
    EntryEdit,
    EntryState,
    LocaleSummary,
    SaveResult,
)
from .views import catalog_view, place_for, progress_view, segment_views

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*(?:@[A-Za-z0-9]{1,16})?$")
Clock = Callable[[], datetime]


class NotFound(PipelineError):
    """An article, locale, catalog or segment the project does not have (HTTP 404)."""


class BadEdit(PipelineError):
    """A save that cannot be applied as asked (HTTP 400)."""


class SaveConflict(Exception):
    """The catalog changed on disk since the client loaded it (HTTP 409)."""

    def __init__(self, response: ConflictResponse):
        super().__init__(response.detail)
        self.response = response


@dataclass(frozen=True)
class Snapshot:
    """One catalog as read from disk, with what it was read against."""

    article: Article
    po: polib.POFile
    fingerprint: Fingerprint
    canonical: bool
    path: Path
    file: str  # project-relative, POSIX
    source_file: str


def utc_now() -> datetime:
    return datetime.now(UTC)


def _state(state: State) -> EntryState:
    return EntryState(msgstr=state.msgstr, fuzzy=state.fuzzy, comment=state.comment)


class Workspace:
    def __init__(self, project: Project, translator: str | None = None,
                 clock: Clock = utc_now):
        self.project = project
        self.root = project.root.resolve()
        self.translator = translator
        self.clock = clock
        self._mutex = threading.Lock()
        self._locks: dict[Path, threading.Lock] = {}
        self._articles: dict[str, tuple[tuple[int, int], Article]] = {}
        self._glossary: tuple[tuple[object, ...], CheckContext, str | None] | None = None

    # -- names and paths ---------------------------------------------------------------

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def _inside(self, path: Path) -> Path:
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root):
            raise NotFound("not inside the project", path)
        return path

    def slugs(self) -> list[str]:
        return [s for s in self.project.articles() if _SLUG.match(s)]

    def locales(self) -> list[str]:
        return [loc for loc in self.project.locales() if _LOCALE.match(loc)]

    def source_path(self, slug: str) -> Path:
        if not _SLUG.match(slug) or slug not in self.slugs():
            raise NotFound(f"unknown article '{slug}'")
        return self._inside(self.project.source_path(slug))

    def catalog_path(self, slug: str, locale: str) -> Path:
        self.source_path(slug)
        if not _LOCALE.match(locale) or locale not in self.locales():
            raise NotFound(f"unknown locale '{locale}'")
        path = self._inside(self.project.catalog_path(slug, locale))
        if not path.is_file():
            raise NotFound(f"no {locale} catalog for '{slug}' ({self.relative(path)}); run "
                           f"`bilingual update --article {slug} --locale {locale}`")
        return path

    # -- cached inputs -----------------------------------------------------------------

    def article(self, slug: str) -> Article:
        path = self.source_path(slug)
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        with self._mutex:
            cached = self._articles.get(slug)
        if cached is not None and cached[0] == key:
            return cached[1]
        article = read_article(path)
        with self._mutex:
            self._articles[slug] = (key, article)
        return article

    def checks(self) -> tuple[CheckContext, str | None]:
        """The glossary's check context, and why it could not be loaded (if so):
        a broken glossary leaves the workbench usable, without term checks."""
        directory = self.project.glossary_dir
        files = sorted(directory.glob("*.csv")) if directory.is_dir() else []
        key = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
        with self._mutex:
            cached = self._glossary
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        problem = None
        try:
            glossary = load_glossary(directory) if files else Glossary(())
        except PipelineError as exc:
            glossary, problem = Glossary(()), f"glossary not loaded, terms not checked: {exc}"
        context = CheckContext.of(glossary, self.project.config.style)
        with self._mutex:
            self._glossary = (key, context, problem)
        return context, problem

    def segment(self, article: Article, segment_id: str) -> Segment:
        try:
            return article.segment(segment_id)
        except KeyError:
            raise NotFound(f"no segment '{segment_id}' in '{article.slug}'") from None

    def _lock(self, path: Path) -> threading.Lock:
        with self._mutex:
            return self._locks.setdefault(path.resolve(), threading.Lock())

    # -- reading -------------------------------------------------------------------------

    def snapshot(self, slug: str, locale: str, judge_form: bool = True) -> Snapshot:
        """The catalog as on disk now; `judge_form`: also find out whether it is in
        GNU canonical form (otherwise `canonical` is reported True)."""
        article = self.article(slug)
        path = self.catalog_path(slug, locale)
        data = path.read_bytes()
        loaded = parse_catalog(data, path)  # fingerprint and parse from the same bytes
        canonical = not judge_form or format_pofile(loaded.po).encode("utf-8") == data
        return Snapshot(article, loaded.po, loaded.fingerprint, canonical, path,
                        self.relative(path), self.relative(article.path))

    def place(self, snap: Snapshot, segment: Segment, locale: str) -> Place:
        return place_for(snap.article, segment, snap.file, snap.source_file, locale)

    def catalog(self, slug: str, locale: str) -> CatalogView:
        snap = self.snapshot(slug, locale)
        ctx, problem = self.checks()
        view = catalog_view(snap.article, snap.po, ctx, file=snap.file,
                            source_file=snap.source_file, locale=locale,
                            fingerprint=snap.fingerprint.sha256, canonical=snap.canonical)
        if problem:
            view.notices.insert(0, problem)
        return view

    def listing(self) -> ArticleList:
        locales = self.locales()
        summaries = []
        for slug in self.slugs():
            try:
                article = self.article(slug)
            except PipelineError as exc:
                summaries.append(ArticleSummary(slug=slug, title=slug, segments=0, locales=[],
                                                error=str(exc)))
                continue
            rows = []
            for locale in locales:
                path = self.project.catalog_path(slug, locale)
                row = LocaleSummary(locale=locale, file=self.relative(path),
                                    exists=path.is_file())
                if row.exists:
                    try:
                        row.progress = progress_view(article, read_catalog(path).po)
                    except PipelineError as exc:
                        row.error = str(exc)
                rows.append(row)
            summaries.append(ArticleSummary(slug=slug, title=article.title,
                                            segments=len(article.segments), locales=rows))
        return ArticleList(articles=summaries, locales=locales)

    # -- saving --------------------------------------------------------------------------

    def save(self, slug: str, locale: str, fingerprint: str, edits: list[EntryEdit],
             allow_reformat: bool = False) -> SaveResult:
        article = self.article(slug)
        path = self.catalog_path(slug, locale)
        wanted = self._resolve(article, edits)
        with self._lock(path):
            snap = self.snapshot(slug, locale)
            if snap.fingerprint.sha256 != fingerprint:
                raise SaveConflict(self._conflict(snap, wanted))
            entries = active_entries(snap.po)
            missing = [seg.id for seg, _ in wanted if seg.text not in entries]
            if missing:
                raise BadEdit(f"segment(s) {', '.join(missing)} have no entry in {snap.file}; "
                              f"run `bilingual update --article {slug} --locale {locale}`")
            if not snap.canonical and not allow_reformat:
                raise BadEdit(f"{snap.file} is not in GNU canonical form, so saving would "
                              f"rewrap other entries too; run `bilingual fmt {snap.file}` and "
                              "reload, or save with allow_reformat")
            changed = apply_edits(snap.po, [Edit(seg.text, e.msgstr, e.fuzzy, e.comment)
                                            for seg, e in wanted], self.clock(), self.translator)
            if changed:
                try:
                    write_catalog(snap.po, path, expect=snap.fingerprint)
                except ConflictError:
                    raise SaveConflict(self._conflict(self.snapshot(slug, locale),
                                                      wanted)) from None
            after = self.snapshot(slug, locale)
        ctx, _problem = self.checks()
        texts = {seg.text for seg, _ in wanted}
        touched = {s.id for s in article.segments if s.text in texts}
        return SaveResult(
            fingerprint=after.fingerprint.sha256, changed=bool(changed),
            saved=[s.id for s in article.segments if s.text in set(changed)],
            segments=segment_views(after.article, after.po, ctx, after.file, after.source_file,
                                   locale, only=touched),
            progress=progress_view(after.article, after.po))

    def _resolve(self, article: Article, edits: list[EntryEdit]
                 ) -> list[tuple[Segment, EntryEdit]]:
        wanted: list[tuple[Segment, EntryEdit]] = []
        seen: dict[str, str] = {}
        for edit in edits:
            segment = self.segment(article, edit.segment)
            if segment.text in seen:
                raise BadEdit(f"segments {seen[segment.text]} and {segment.id} share one "
                              "catalog entry; send one edit for it")
            seen[segment.text] = segment.id
            wanted.append((segment, edit))
        return wanted

    def _conflict(self, snap: Snapshot, wanted: list[tuple[Segment, EntryEdit]]
                  ) -> ConflictResponse:
        entries = active_entries(snap.po)
        conflicts = []
        for segment, edit in wanted:
            entry = entries.get(segment.text)
            disk = entry_state(entry) if entry is not None else None
            comment = edit.comment if edit.comment is not None else (disk.comment if disk else "")
            conflicts.append(ConflictEntry(
                segment=segment.id,
                yours=EntryState(msgstr=edit.msgstr, fuzzy=edit.fuzzy, comment=comment),
                disk=_state(disk) if disk is not None else None))
        return ConflictResponse(
            detail=f"{snap.file} changed on disk since you loaded it; nothing was saved. "
                   "Compare your version with the one on disk, then keep one.",
            file=snap.file, fingerprint=snap.fingerprint.sha256, conflicts=conflicts)
