"""The project as the workbench sees it: validated names, cached inputs, and the
read-modify-write cycle of a catalog (the only place that touches files).

Only articles found in content/ and locales found in locales/ can be named, and
every path is checked to resolve inside the project, so no request can reach
another file. A save holds a per-catalog lock, compares the client's
fingerprint with the file, applies the edits in memory and writes with
`atomic_write_text(..., expect=fingerprint)`: a file that changed in between is
never overwritten.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import polib

from ..atomic import Fingerprint, atomic_write_text
from ..catalog.merge import merge_catalog
from ..catalog.pofile import LoadedCatalog, parse_catalog, save_catalog
from ..catalog.template import build_template
from ..errors import ConflictError, PipelineError
from ..glossary import Glossary, load_glossary
from ..model import Article, Segment, SegmentKind
from ..po.write import copy_header_form, format_pofile
from ..project import LOCALE, SLUG, Project
from ..source import read_article
from .activity import record_activity
from .checking import CheckContext, Place
from .edits import State, active_entries, apply_edits, entry_state, merge_edits
from .models import (
    ArticleList,
    ArticleSummary,
    CatalogView,
    ConflictEntry,
    ConflictResponse,
    EntryEdit,
    EntryState,
    FindingsView,
    LocaleSummary,
    PurgeResult,
    SaveResult,
    VersionView,
)
from .views import (
    catalog_findings,
    catalog_view,
    place_for,
    progress_view,
    segment_views,
    terms_used,
)

Clock = Callable[[], datetime]
WRITING_SECONDS = 3
log = logging.getLogger(__name__)


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
    data: bytes = b""  # the bytes read (a save keeps their layout)


def _copy_for_edits(po: polib.POFile, msgids: set[str]) -> polib.POFile:
    """A new POFile sharing every entry but the active ones in `msgids`, which are
    copied (edits assign new values to msgstr, flags and comments): the cached,
    shared catalog is never changed, and a save costs no copy of 1,000 entries."""
    out = polib.POFile(wrapwidth=po.wrapwidth, encoding=po.encoding,
                       check_for_duplicates=False)
    out.header, out.metadata = po.header, dict(po.metadata)
    copy_header_form(po, out)
    out.metadata_is_fuzzy = po.metadata_is_fuzzy
    for entry in po:
        if entry.msgid in msgids and not entry.obsolete:
            entry = copy.copy(entry)
            entry.flags = list(entry.flags)
        out.append(entry)
    return out


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
        # Parsed catalogs by file content: a 1,000-entry catalog is parsed once, not per
        # request. Shared by every reader: never changed in place (see _copy_for_edits).
        self._parsed: dict[Path, tuple[Fingerprint, polib.POFile]] = {}
        self._canonical: dict[Path, tuple[Fingerprint, bool]] = {}
        self._views: dict[tuple[Path, bool], tuple[tuple[object, ...], CatalogView]] = {}
        self._pages: dict[Path, tuple[tuple[object, ...], str]] = {}
        # One builder per view: the warm-up and the browser's first request wait for
        # the same work instead of doing it twice, side by side, under one GIL.
        self._building: dict[tuple[Path, bool], threading.RLock] = {}

    # -- names and paths ---------------------------------------------------------------

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def _inside(self, path: Path) -> Path:
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root):
            raise NotFound("not inside the project", path)
        return path

    def slugs(self) -> list[str]:
        return [s for s in self.project.articles() if SLUG.match(s)]

    def locales(self) -> list[str]:
        return [loc for loc in self.project.locales() if LOCALE.match(loc)]

    def source_path(self, slug: str) -> Path:
        if not SLUG.match(slug) or slug not in self.slugs():
            raise NotFound(f"unknown article '{slug}'")
        return self._inside(self.project.source_path(slug))

    def catalog_path(self, slug: str, locale: str) -> Path:
        self.source_path(slug)
        if not LOCALE.match(locale) or locale not in self.locales():
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
        fingerprint = Fingerprint.of_bytes(data)
        with self._mutex:
            cached = self._parsed.get(path)
        if cached is not None and cached[0] == fingerprint:
            po = cached[1]  # read-only: saves edit a copy (_copy_for_edits)
        else:
            po = parse_catalog(data, path).po  # fingerprint and parse from the same bytes
            with self._mutex:
                self._parsed[path] = (fingerprint, po)
        canonical = True
        if judge_form:
            with self._mutex:
                known = self._canonical.get(path)
            if known is not None and known[0] == fingerprint:
                canonical = known[1]
            else:
                canonical = format_pofile(po).encode("utf-8") == data
                with self._mutex:
                    self._canonical[path] = (fingerprint, canonical)
        return Snapshot(article, po, fingerprint, canonical, path,
                        self.relative(path), self.relative(article.path), data)

    def version(self, slug: str, locale: str) -> VersionView:
        path = self.catalog_path(slug, locale)
        stat = self.source_path(slug).stat()
        return VersionView(catalog=Fingerprint.of(path).sha256,
                           source=f"{stat.st_mtime_ns}-{stat.st_size}")

    def place(self, snap: Snapshot, segment: Segment, locale: str) -> Place:
        return place_for(snap.article, segment, snap.file, snap.source_file, locale)

    def catalog(self, slug: str, locale: str, checked: bool = True) -> CatalogView:
        """The catalog's view; `checked`: with the check findings (the page shows the
        entries first and asks for the findings apart: `findings`)."""
        return self._catalog(slug, locale, checked)[0]

    def page(self, slug: str, locale: str, render: Callable[[CatalogView], str]) -> str:
        """The article page's HTML (`render` of the unchecked view), made once per
        version of what it shows: the warm-up makes it before the browser asks."""
        path = self.catalog_path(slug, locale)
        with self._builder(path, False):
            view, key = self._catalog(slug, locale, checked=False)
            key = (*key, tuple(view.notices))
            with self._mutex:
                known = self._pages.get(path)
            if known is not None and known[0] == key:
                return known[1]
            html = render(view)
            with self._mutex:
                self._pages[path] = (key, html)
            return html

    def _builder(self, path: Path, checked: bool) -> threading.RLock:
        with self._mutex:
            return self._building.setdefault((path.resolve(), checked), threading.RLock())

    def _catalog(self, slug: str, locale: str, checked: bool
                 ) -> tuple[CatalogView, tuple[object, ...]]:
        path = self.catalog_path(slug, locale)
        # Whether the file is in canonical form is shown in the whole view (the API)
        # and matters to the page only while another tool may be writing it:
        # formatting 1,000 entries to learn it would hold up the page.
        judge = checked or self._being_written(path)
        with self._builder(path, checked):
            snap = self.snapshot(slug, locale, judge_form=judge)
            ctx, problem = self.checks()
            key = (snap.fingerprint, id(snap.article), id(ctx), checked, snap.canonical)
            with self._mutex:
                known = self._views.get((snap.path, checked))
            if known is not None and known[0] == key:
                view = known[1].model_copy(update={"notices": list(known[1].notices)})
            else:
                view = catalog_view(snap.article, self.live_catalog(snap), ctx, file=snap.file,
                                    source_file=snap.source_file, locale=locale,
                                    fingerprint=snap.fingerprint.sha256,
                                    canonical=snap.canonical, checked=checked)
                with self._mutex:  # the page's view: built once per version of its inputs
                    self._views[(snap.path, checked)] = (key, view.model_copy(
                        update={"notices": list(view.notices)}))
        if not snap.canonical and self._being_written(snap.path):
            view.notices.append(f"{snap.file} is being written by another tool right now "
                                "(it is not in the form we write): wait until it is done "
                                "before saving")
        if problem:
            view.notices.insert(0, problem)
        return view, key

    def findings(self, slug: str, locale: str) -> FindingsView:
        snap = self.snapshot(slug, locale, judge_form=False)
        ctx, _problem = self.checks()
        po = self.live_catalog(snap)
        found = catalog_findings(snap.article, po, ctx, file=snap.file,
                                 source_file=snap.source_file, locale=locale)
        return FindingsView(fingerprint=snap.fingerprint.sha256, findings=found,
                            used=terms_used(snap.article, po, ctx))

    def _being_written(self, path: Path) -> bool:
        """Changed in the last seconds: another tool may still be writing it. Otherwise
        a file not in canonical form is saved keeping its layout (fmt rewraps it)."""
        try:
            return time.time() - path.stat().st_mtime < WRITING_SECONDS
        except OSError:
            return False

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
                        row.progress = progress_view(
                            article, self.snapshot(slug, locale, judge_form=False).po)
                    except PipelineError as exc:
                        row.error = str(exc)
                rows.append(row)
            summaries.append(ArticleSummary(slug=slug, title=article.title,
                                            segments=len(article.segments), locales=rows))
        return ArticleList(articles=summaries, locales=locales)

    # -- saving --------------------------------------------------------------------------

    def save(self, slug: str, locale: str, fingerprint: str, edits: list[EntryEdit],
             allow_reformat: bool = False, translator: str | None = None) -> SaveResult:
        """Merge the edits into the catalog as on disk now, entry by entry (see
        `merge_edits`); only the edited entries and the header are rewritten, in
        msgcat's form, the rest keeps its layout (`allow_reformat` is accepted for
        old clients and no longer needed). Conflicting entries are
        left as on disk and answered with a 409 listing them; the others are saved."""
        article = self.article(slug)
        path = self.catalog_path(slug, locale)
        wanted = self._resolve(article, edits)
        who = translator or self.translator
        with self._lock(path):
            snap = self.snapshot(slug, locale, judge_form=False)
            live = self.live_catalog(snap)
            merged = live is not snap.po  # the source has segments the file lacks
            # Edit a copy of the edited entries only: snap.po stays the base of the
            # three-way merge, and the cached, shared catalog is never changed.
            po = _copy_for_edits(live, {seg.text for seg, _ in wanted} | {
                e.source for _, e in wanted if e.source is not None})
            plan = merge_edits(po, [(seg.text, e) for seg, e in wanted],
                               whole_file_unchanged=snap.fingerprint.sha256 == fingerprint)
            changed = apply_edits(po, plan.apply, self.clock(), who)
            if changed or merged:
                try:
                    outcome = save_catalog(path, LoadedCatalog(path, snap.po, snap.fingerprint),
                                           po, layout_of=snap.data)  # only edits rewritten
                except ConflictError as exc:
                    raise BadEdit(f"{snap.file}: {exc.message}; nothing saved") from None
                lost = {key[1] for key in (c.key for c in outcome.conflicts) if key[0] is None}
                plan.conflicts += [msgid for msgid in changed if msgid in lost]
                changed = [msgid for msgid in changed if msgid not in lost]
                with self._mutex:  # what we wrote need not be parsed again
                    self._parsed[path] = (outcome.fingerprint, outcome.po)
                    # Only the edited entries were rewritten: the file is canonical
                    # if it was (and nothing else was merged in); else judged anew.
                    was = self._canonical.pop(path, None)
                    canonical = bool(was and was == (snap.fingerprint, True)
                                     and not outcome.merged)
                    if canonical:
                        self._canonical[path] = (outcome.fingerprint, True)
                snap = replace(snap, po=outcome.po, fingerprint=outcome.fingerprint,
                               canonical=canonical)
            after = snap
        saved = [s.id for s in article.segments if s.text in set(changed)]
        if changed:
            try:
                record_activity(self.project, self.clock(), who, snap.file, saved,
                                plan.conflicts)
            except OSError as exc:  # the save is done; only its log line is missing
                log.warning("activity log not written: %s", exc)
        if plan.conflicts:
            response = self._conflict(after, [(seg, e) for seg, e in wanted
                                              if seg.text in plan.conflicts])
            response.saved = saved
            raise SaveConflict(response)
        ctx, _problem = self.checks()
        texts = {seg.text for seg, _ in wanted}
        touched = {s.id for s in article.segments if s.text in texts}
        return SaveResult(
            fingerprint=after.fingerprint.sha256, changed=bool(changed), saved=saved,
            segments=segment_views(after.article, after.po, ctx, after.file, after.source_file,
                                   locale, only=touched),
            progress=progress_view(after.article, after.po))

    def purge(self, slug: str, locale: str, fingerprint: str, msgids: list[str]) -> PurgeResult:
        """Remove the obsolete entries with these msgids, if the file is unchanged since
        the page showed them (else a conflict: the page reloads and asks again)."""
        path = self.catalog_path(slug, locale)
        gone = set(msgids)
        with self._lock(path):
            snap = self.snapshot(slug, locale, judge_form=False)
            if snap.fingerprint.sha256 != fingerprint:
                raise SaveConflict(ConflictResponse(
                    detail=f"{snap.file} changed since the page showed it; nothing purged. "
                           "Reload and look again.", file=snap.file,
                    fingerprint=snap.fingerprint.sha256, conflicts=[]))
            kept = _copy_for_edits(snap.po, set())
            kept[:] = [e for e in snap.po if not (e.obsolete and e.msgid in gone)]
            purged = len(snap.po) - len(kept)
            written = snap.fingerprint
            if purged:
                text = format_pofile(kept)
                try:
                    atomic_write_text(path, text, expect=snap.fingerprint)
                except ConflictError:
                    raise SaveConflict(ConflictResponse(
                        detail=f"{snap.file} changed while purging; nothing purged",
                        file=snap.file, fingerprint=snap.fingerprint.sha256,
                        conflicts=[])) from None
                written = Fingerprint.of_bytes(text.encode("utf-8"))
                with self._mutex:
                    self._parsed[path] = (written, kept)
                    self._canonical[path] = (written, True)
        return PurgeResult(fingerprint=written.sha256, purged=purged)

    def live_catalog(self, snap: Snapshot) -> polib.POFile:
        """The catalog merged with the current source, in memory, when the source
        has segments the catalog lacks (what `bilingual update` would write);
        otherwise `snap.po` itself."""
        entries = active_entries(snap.po)
        if all(seg.text in entries for seg in snap.article.segments):
            return snap.po
        ctx_glossary = self.checks()[0].glossary
        template = build_template(snap.article, self.project.source_ref(snap.article.slug),
                                  ctx_glossary)
        return merge_catalog(snap.po, template)

    def _resolve(self, article: Article, edits: list[EntryEdit]
                 ) -> list[tuple[Segment, EntryEdit]]:
        wanted: list[tuple[Segment, EntryEdit]] = []
        seen: dict[str, str] = {}
        for edit in edits:
            try:
                segment = self.segment(article, edit.segment)
            except NotFound:
                if edit.source is None:
                    raise
                # The source changed since the page loaded: the segment is known
                # by the text the page showed (its entry has moved on).
                segment = Segment(id=edit.segment, kind=SegmentKind.PARAGRAPH,
                                  text=edit.source, line_start=0, line_end=0)
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
