"""`bilingual build`: every edition of the registry (render/registry: bilingual and
target-only HTML, Markdown, EPUB) in build/, the editor's proof, the reader's index,
the editors' dashboard, plus .mo files. An unfinished translation (a segment fuzzy
or untranslated) is a draft: its proof is written, its reader's editions only with
`--drafts`.

Articles are independent: each is read, rendered and written by one worker
(parallel.ordered_map, `--jobs`), which hands back only its index entry and the
lines to print; the build prints those and writes the index in article order, so
the pages and the output are the same whatever the number of workers. What all
articles share (glossary, term automaton, the proofs' check context) is built
once per process. An article whose inputs and outputs are as the last build left
them is not built again (.bilingual/cache/build.json; `--no-cache` rebuilds all)."""

from __future__ import annotations

import argparse
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polib

from ..cache import ResultCache, VerdictCache, code_fingerprint, files_digest, key_of
from ..catalog.pofile import read_catalog
from ..catalog.stats import Status, TranslationProgress, translation_progress
from ..errors import PipelineError, display_path
from ..glossary import Glossary, TermMatcher
from ..leftovers import remove_leftovers
from ..model import Article, SegmentKind
from ..parallel import default_jobs, ordered_map
from ..progress import progress
from ..project import Project
from ..render.editions import DASHBOARD_PAGE, PROOF_PAGE, EditionInput, MarkdownStyle, page_name
from ..render.fonts import FONT_DIR, installed_faces, missing_warning, shipped_files
from ..render.html import language_name
from ..render.index import (
    ArticleListing,
    EditionLink,
    LocaleListing,
    render_dashboard_html,
    render_index_html,
)
from ..render.inline import plain
from ..render.pairs import ALL_MARKS, READER_MARKS, Pair, align_policies
from ..render.registry import EDITIONS
from ..source import load_article
from .base import Command, add_jobs, add_no_cache, add_scope, percent, values
from .build_outputs import BuildRecord, OutputRecord, Outputs, copy_images, publish, stat_of
from .common import Message, project_glossary, say
from .inputs import DisplayPaths, read_job
from .proofs import Proofs, reusable_checks


@dataclass(frozen=True)
class BuildOptions:
    article: str | None = None  # None: every article (and the index)
    locale: str | None = None  # None: every locale (and the index)
    min_complete: float | None = None  # skip catalogs translated below this percent
    md_style: MarkdownStyle = MarkdownStyle.INTERLEAVED  # the bilingual Markdown's layout
    quiet: bool = False  # print only warnings
    proof: bool | None = None  # the editor's proof; None: as `[build] proof` says
    jobs: int | None = None  # None: one worker per core (the output is the same)
    use_cache: bool = True  # --no-cache: every article afresh
    drafts: bool = False  # publish unfinished translations too (untranslated in Chinese)


def build(project: Project, options: BuildOptions = BuildOptions()) -> int:
    # The proofs' glossary and langdetect verdicts, as `check` remembers them
    # (.bilingual/cache/langdetect.txt): a build after a check loads neither pypinyin
    # nor langdetect. Verdicts a worker learns are not kept (a miss next time).
    verdicts = VerdictCache.open(project.root, options.use_cache)
    code = _build(project, options, verdicts)
    verdicts.save()  # only when the build went through
    return code


def _build(project: Project, options: BuildOptions, verdicts: VerdictCache) -> int:
    article, locale, use_cache = options.article, options.locale, options.use_cache
    min_complete, md_style, drafts = options.min_complete, options.md_style, options.drafts
    glossary = project_glossary(project.glossary_dir)
    locales = project.locales(locale)  # once: locales/ holds a .pot per article
    # Leftovers of killed writers, once per output folder (not at each of its files).
    for folder in (project.build_dir, *(project.mo_path("-", loc).parent for loc in locales)):
        remove_leftovers(folder)
    settings = BuildSettings(project, glossary, tuple(locales), min_complete, md_style,
                             project.config.build.proof if options.proof is None
                             else options.proof, drafts, verdicts=verdicts)
    slugs = project.articles(article)
    # An article whose inputs and outputs are as the last build left them is not built
    # again: its pages would be the same bytes (.bilingual/cache/build.json).
    stored = ResultCache.open(project.root, "build", use_cache)
    context = key_of(code_fingerprint(), files_digest(project.glossary_dir),
                     repr(project.config), repr((locales, min_complete, md_style.value,
                                                 settings.proof, drafts)), _assets_digest(project),
                     repr(installed_faces()))  # the pages name the fonts only where shipped
    show = DisplayPaths(project)
    results: list[ArticleBuilt | None] = []
    keys: dict[str, str] = {}
    for slug in slugs:
        try:
            keys[slug] = read_job(project, slug, locales, show).key(context, show)
        except PipelineError:  # the build reports it in article order
            results.append(None)
            continue
        known = stored.get(slug, keys[slug])
        results.append(_replayed(project, known) if known is not None else None)
    todo = [slug for slug, result in zip(slugs, results, strict=True) if result is None]
    if settings.proof and use_cache and todo:
        settings = replace(settings, checked=reusable_checks(project, todo))
    with progress("building", len(todo)) as bar:
        fresh = iter(ordered_map(_build_job, todo,
                                 default_jobs() if options.jobs is None else options.jobs,
                                 ArticleBuilder, settings, bar))
    built = [result or next(fresh) for result in results]
    for slug, result in zip(slugs, built, strict=True):
        if result.error is None and result.outputs and slug in keys:
            stored.put(slug, keys[slug], _recorded(project, result).to_json())
    if article is None and locale is None:
        stored.keep_only(slugs)
    stored.save()
    for folder in {project.mo_path("-", loc).parent for loc in locales}:
        for gone in _stale_mo_files(folder):
            say(f"{display_path(gone)}: removed (its catalog is gone)")
    for result in built:  # what each article had to say, in article order
        for message in result.messages:
            message.show(options.quiet)
        if result.error is not None:  # after what the articles before it said
            raise result.error
    _ship_fonts(project, built, options.quiet)
    if article is None and locale is None:
        _write_indexes(project, [r.listing for r in built])
    return 1 if any(r.refused for r in built) else 0


def _write_indexes(project: Project, listings: list[ArticleListing]) -> None:
    """The index lists what readers can read; the dashboard every article."""
    publication = project.config.publication
    publish(project.build_dir / "index.html",
            render_index_html(listings, publication).encode("utf-8"))
    publish(project.build_dir / DASHBOARD_PAGE,
            render_dashboard_html(listings, publication).encode("utf-8"))


@dataclass(frozen=True)
class BuildSettings:
    """What every article of a build shares (handed to each worker once)."""

    project: Project
    glossary: Glossary
    locales: tuple[str, ...]
    min_complete: float | None
    md_style: MarkdownStyle
    proof: bool
    drafts: bool = False  # publish unfinished translations too
    # `bilingual check`'s results the proofs can show as they are (see reusable_checks).
    checked: Mapping[str, Any] = field(default_factory=dict)
    verdicts: VerdictCache | None = None  # the proofs' remembered langdetect/pypinyin answers


@dataclass(frozen=True)
class ArticleBuilt:
    """One article's editions are written; what is left for the build to do with it."""

    listing: ArticleListing
    refused: bool  # a locale was below --min-complete
    messages: tuple[Message, ...]  # in the order of events
    error: PipelineError | None = None  # why the article could not be built
    outputs: tuple[Path, ...] = ()  # every file written


class ArticleBuilder:
    """Writes one article's editions in every locale; built once per process, with
    what every article shares (the term automaton, the proofs' check context)."""

    def __init__(self, settings: BuildSettings) -> None:
        self.settings = settings
        self.matcher = TermMatcher(settings.glossary)
        self.proofs = (Proofs(settings.project, settings.glossary, settings.checked,
                              settings.verdicts)
                       if settings.proof else None)

    def build(self, slug: str) -> ArticleBuilt:
        project, settings = self.settings.project, self.settings
        messages: list[Message] = []
        outputs = Outputs()
        refused = False
        art = load_article(project, slug)
        first = _first_of_kinds(art)
        listing = ArticleListing(slug, art.title, art.source_lang.split("-")[0], art.source_lang,
                                 first.get(SegmentKind.KICKER, ""),
                                 first.get(SegmentKind.STANDFIRST, ""), art.info.date)
        for loc in settings.locales:
            path = project.catalog_path(slug, loc)
            po = None
            if path.exists():
                po = read_catalog(path).po
            else:  # a new article: shown untranslated rather than left out
                messages.append(Message(f"{display_path(path)}: no catalog yet; built with "
                                        f"the source text (run `bilingual update --locale "
                                        f"{loc}`)", warning=True))
            done = translation_progress(art, po)
            if settings.min_complete is not None and done.percent < settings.min_complete:
                messages.append(Message(f"{display_path(path)}: {done.percent:.1f}% "
                                        f"translated, below --min-complete "
                                        f"{settings.min_complete:g}%; not built", warning=True))
                self._remove(art, loc, proof=True)  # never leave an older edition that looks current
                refused = True
                continue
            row, said = self._build_locale(art, po, loc, done, outputs)
            listing.locales.append(row)
            messages += said
        return ArticleBuilt(listing, refused, tuple(messages), outputs=tuple(outputs.paths))

    def _build_locale(self, art: Article, po: polib.POFile | None, loc: str,
                      done: TranslationProgress, outputs: Outputs
                      ) -> tuple[LocaleListing, list[Message]]:
        """One locale's editions (a draft's only with --drafts), proof and .mo."""
        project, settings = self.settings.project, self.settings
        out_dir, source = project.build_dir, art.source_lang.split("-")[0]
        messages: list[Message] = []
        # The reader's marks and (for the proof) every mention, from one term search.
        policies = (READER_MARKS, ALL_MARKS) if self.proofs is not None else (READER_MARKS,)
        pairs, *proof_pairs = align_policies(art, po, settings.glossary, policies, self.matcher)
        finished = done.segments[Status.TRANSLATED] == done.total_segments
        publish = finished or settings.drafts
        links: list[EditionLink] = []
        if publish:
            links = self._write_editions(art, pairs, loc, outputs)
            messages += copy_images(art, project.content_dir, out_dir, outputs)
        else:
            self._remove(art, loc, proof=False)  # a draft: an older edition would look current
        proof_name, open_items, errors = "", 0, 0
        if self.proofs is not None:
            proof_name = page_name(PROOF_PAGE, art.slug, source, loc)
            page = self.proofs.render(art, po, loc, proof_pairs[0])
            outputs.publish(out_dir / proof_name, page.html.encode("utf-8"))
            open_items, errors = page.open_items, page.errors
        else:
            self._remove_proof(art, loc)  # never leave a stale proof behind
        if po is not None:
            outputs.publish(project.mo_path(art.slug, loc), po.to_binary())
        translated = {p.segment.kind: plain(p.target) for p in reversed(pairs) if not p.is_fallback}
        row = LocaleListing(loc, done.percent, publish, translated.get(SegmentKind.TITLE, ""),
                            translated.get(SegmentKind.KICKER, ""),
                            translated.get(SegmentKind.STANDFIRST, ""), tuple(links),
                            proof_name, open_items, errors)
        first_name = EDITIONS[0].file_name(art.slug, source, loc)
        fallback = done.total_segments - done.segments[Status.TRANSLATED]
        if publish:
            messages.append(Message(f"{display_path(out_dir / first_name)}: "
                                    f"{done.total_segments} segments, "
                                    f"{math.floor(done.percent)}% of the text translated"
                                    + (f", {fallback} shown in the source language"
                                       if fallback else "")))
            if errors:  # published all the same (check is the gate); the editor should know
                messages.append(Message(
                    f"{display_path(project.catalog_path(art.slug, loc))}: published with "
                    f"{errors} check error{'s' if errors != 1 else ''}; the proof "
                    f"({proof_name}) and `bilingual check` show them", warning=True))
        else:
            messages.append(Message(f"{display_path(project.catalog_path(art.slug, loc))}: "
                                    f"{math.floor(done.percent)}% of the text translated "
                                    f"(by characters), {fallback} of "
                                    f"{done.total_segments} segments unfinished: a draft, not "
                                    "published (`--drafts` publishes it)"))
        return row, messages

    def _write_editions(self, art: Article, pairs: list[Pair], loc: str,
                        outputs: Outputs) -> list[EditionLink]:
        """Every edition in the registry, written; the index's links to those it links."""
        out_dir, source = self.settings.project.build_dir, art.source_lang.split("-")[0]
        made = EditionInput(art, pairs, loc, self.settings.project.config.publication,
                            self.settings.md_style)
        links: list[EditionLink] = []
        for edition in EDITIONS:
            name = edition.file_name(art.slug, source, loc)
            text = edition.render(made)
            outputs.publish(out_dir / name, text.encode("utf-8") if isinstance(text, str) else text)
            if edition.link:
                links.append(EditionLink(edition.link.format(language=language_name(loc)), name))
        return links

    def _remove(self, art: Article, loc: str, proof: bool) -> None:
        """Delete the reader's editions (and the proof) an earlier build left."""
        out_dir, source = self.settings.project.build_dir, art.source_lang.split("-")[0]
        for edition in EDITIONS:
            (out_dir / edition.file_name(art.slug, source, loc)).unlink(missing_ok=True)
        if proof:
            self._remove_proof(art, loc)

    def _remove_proof(self, art: Article, loc: str) -> None:
        source = art.source_lang.split("-")[0]
        (self.settings.project.build_dir / page_name(PROOF_PAGE, art.slug, source, loc)
         ).unlink(missing_ok=True)


def _first_of_kinds(art: Article) -> dict[SegmentKind, str]:
    """The first kicker, title, standfirst… of the source, as plain text."""
    found: dict[SegmentKind, str] = {}
    for segment in art.segments:
        found.setdefault(segment.kind, plain(segment.text))
    return found


def _stale_mo_files(folder: Path) -> list[Path]:
    """Compiled catalogs whose .po is gone (removed with its catalog, as msgfmt's
    output would be by hand): a stale .mo would keep serving the old translation."""
    gone = []
    for mo in sorted(folder.glob("*.mo")) if folder.is_dir() else []:
        if not mo.with_suffix(".po").exists():
            mo.unlink(missing_ok=True)
            gone.append(mo)
    return gone


def _replayed(project: Project, known: dict[str, Any]) -> ArticleBuilt | None:
    """The cached build of an article, if every file it wrote is still as it was."""
    record = BuildRecord.from_json(known)
    if record is None or not record.replayable(project.root):
        return None
    return ArticleBuilt(record.listing, record.refused, record.messages, None,
                        tuple(project.root / output.path for output in record.outputs))


def _recorded(project: Project, built: ArticleBuilt) -> BuildRecord:
    return BuildRecord(built.listing, built.refused, built.messages,
                       tuple(OutputRecord.of(project.root, path) for path in built.outputs))


def _assets_digest(project: Project) -> str:
    """Images and other files beside the sources, by name, size and time (a build
    copies them; a changed one rebuilds every article, which is rare and safe)."""
    parts: list[bytes | str | None] = []
    if project.content_dir.is_dir():
        for path in sorted(project.content_dir.rglob("*")):
            if path.is_file() and path.suffix != ".md":
                parts += [path.relative_to(project.content_dir).as_posix(),
                          repr(stat_of(path))]
    return key_of(*parts)


def _ship_fonts(project: Project, built: list[ArticleBuilt], quiet: bool) -> None:
    """The shipped faces beside the pages (render/fonts), rewritten only when their
    bytes change; where the machine has none, a warning and pages that do without."""
    if not any(r.outputs for r in built):
        return
    faces = installed_faces()
    if not faces:
        Message(missing_warning(), warning=True).show(quiet)
        return
    folder = project.build_dir / FONT_DIR
    for font in shipped_files(faces):
        path = folder / font.name
        if not path.is_file() or path.read_bytes() != font.data:
            publish(path, font.data)


def _build_job(builder: ArticleBuilder, slug: str) -> ArticleBuilt:
    """In a worker: one article, with the process's builder (parallel.ordered_map)."""
    try:
        return builder.build(slug)
    except PipelineError as exc:  # reported in article order, as a serial build would
        return ArticleBuilt(ArticleListing(slug, slug), False, (), exc)


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_scope(parser)
    parser.add_argument("--min-complete", type=percent, metavar="PCT",
                        help="skip catalogs translated below PCT percent (by source characters)")
    parser.add_argument("--drafts", action="store_true",
                        help="publish unfinished translations too (their untranslated passages "
                             "in the original); by default a draft gets only its proof")
    parser.add_argument("--md-style", choices=values(MarkdownStyle), default="interleaved",
                        help="bilingual Markdown layout (default: interleaved)")
    parser.add_argument("--no-proof", dest="proof", action="store_false", default=None,
                        help="do not write the editor's proof (SLUG.zh-L.proof.html); "
                             "default: [build] proof in bilingual.toml")
    add_no_cache(parser)
    add_jobs(parser)


DESCRIPTION = (  # the -h text, and the manual's entry (pipeline/reference.py)
    "Write every edition of each article to build/ (bilingual and target-only HTML, "
    "Markdown and EPUB), the editor's proof SLUG.zh-L.proof.html, the reader's "
    "index and the editors' dashboard, and compile locales/L/LC_MESSAGES/SLUG.mo. A "
    "translation with a fuzzy or untranslated segment is a draft: it gets its proof "
    "and .mo, and its reader's editions only with --drafts. Relative images under "
    "content/ are copied beside the pages. The pages are the same whatever --jobs; "
    "they are written atomically but not fsynced, since they are rebuilt from the "
    "sources.")
COMMAND = Command(BuildOptions, _arguments, build,
                  description=DESCRIPTION)
