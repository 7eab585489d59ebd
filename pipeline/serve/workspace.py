"""The project as the workbench sees it: validated names, cached inputs, and the
read-modify-write cycle of a catalog under a per-catalog lock (writing: `saving`).

Only articles found in content/ and locales found in locales/ can be named, and
every path is checked to resolve inside the project, so no request can reach
another file.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import polib

from ..atomic import Fingerprint
from ..catalog.pofile import SaveOutcome, parse_catalog
from ..errors import PipelineError
from ..glossary import Glossary, load_glossary
from ..model import Article, Segment
from ..po.write import format_pofile
from ..project import LOCALE, SLUG, Project
from ..source import read_article
from . import saving
from .activity import record_activity
from .checking import CheckContext, Place
from .edits import apply_edits, merge_edits
from .models import (
    ArticleList,
    ArticleSummary,
    CatalogView,
    EntryEdit,
    FindingsView,
    LocaleSummary,
    PurgeResult,
    SaveResult,
    VersionView,
)
from .saving import BadEdit as BadEdit
from .saving import SaveConflict as SaveConflict
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


def utc_now() -> datetime:
    return datetime.now(UTC)


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
        # request. Shared by every reader: never changed in place (see saving.copy_for_edits).
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
            po = cached[1]  # read-only: saves edit a copy (copy_for_edits)
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

    def page(self, slug: str, locale: str, render: Callable[[CatalogView, str], str]) -> str:
        """The article page's HTML (`render` of the unchecked view and the source's
        version it was made from), made once per version of what it shows: the
        warm-up makes it before the browser asks."""
        path = self.catalog_path(slug, locale)
        with self._builder(path, False):
            view, key = self._catalog(slug, locale, checked=False)
            key = (*key, tuple(view.notices))
            with self._mutex:
                known = self._pages.get(path)
            if known is not None and known[0] == key:
                return known[1]
            with self._mutex:  # the source version the view was made from
                made = self._articles[slug][0]
            html = render(view, f"{made[0]}-{made[1]}")
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
        wanted = saving.resolve_edits(article, edits, self.segment)
        who = translator or self.translator
        with self._lock(path):
            snap = self.snapshot(slug, locale, judge_form=False)
            live = self.live_catalog(snap)
            merged = live is not snap.po  # the source has segments the file lacks
            # Edit a copy of the edited entries only: snap.po stays the base of the
            # three-way merge, and the cached, shared catalog is never changed.
            po = saving.copy_for_edits(live, {seg.text for seg, _ in wanted} | {
                e.source for _, e in wanted if e.source is not None})
            plan = merge_edits(po, [(seg.text, e) for seg, e in wanted],
                               whole_file_unchanged=snap.fingerprint.sha256 == fingerprint)
            changed = apply_edits(po, plan.apply, self.clock(), who)
            if changed or merged:
                outcome = saving.write_edited(path, snap, po)
                lost = {key[1] for key in (c.key for c in outcome.conflicts) if key[0] is None}
                plan.conflicts += [msgid for msgid in changed if msgid in lost]
                changed = [msgid for msgid in changed if msgid not in lost]
                snap = self._remember(snap, outcome)
            after = snap
        done = set(changed)
        saved = [s.id for s in article.segments if s.text in done]
        if changed:
            try:
                record_activity(self.project, self.clock(), who, snap.file, saved,
                                plan.conflicts)
            except OSError as exc:  # the save is done; only its log line is missing
                log.warning("activity log not written: %s", exc)
        if plan.conflicts:
            response = saving.conflict_response(after, [(seg, e) for seg, e in wanted
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

    def _remember(self, snap: Snapshot, outcome: SaveOutcome) -> Snapshot:
        """The catalog as just saved, cached: what we wrote need not be parsed again."""
        with self._mutex:
            self._parsed[snap.path] = (outcome.fingerprint, outcome.po)
            # Only the edited entries were rewritten: the file is canonical
            # if it was (and nothing else was merged in); else judged anew.
            was = self._canonical.pop(snap.path, None)
            canonical = bool(was and was == (snap.fingerprint, True) and not outcome.merged)
            if canonical:
                self._canonical[snap.path] = (outcome.fingerprint, True)
        return replace(snap, po=outcome.po, fingerprint=outcome.fingerprint,
                       canonical=canonical)

    def purge(self, slug: str, locale: str, fingerprint: str, msgids: list[str]) -> PurgeResult:
        """Remove the obsolete entries with these msgids, if the file is unchanged since
        the page showed them (else a conflict: the page reloads and asks again)."""
        path = self.catalog_path(slug, locale)
        with self._lock(path):
            snap = self.snapshot(slug, locale, judge_form=False)
            written, kept, purged = saving.write_purged(path, snap, fingerprint, set(msgids))
            if purged:
                with self._mutex:
                    self._parsed[path] = (written, kept)
                    self._canonical[path] = (written, True)
        return PurgeResult(fingerprint=written.sha256, purged=purged)

    def live_catalog(self, snap: Snapshot) -> polib.POFile:
        """The catalog merged with the current source, in memory, when the source
        has segments the catalog lacks (what `bilingual update` would write);
        otherwise `snap.po` itself."""
        return saving.live_catalog(snap, self.project, lambda: self.checks()[0].glossary)
