"""`bilingual build`: bilingual and target-only HTML/Markdown in build/, the editor's
proof, plus .mo files.

Articles are independent: each is read, rendered and written by one worker
(parallel.ordered_map, `--jobs`), which hands back only its index entry and the
lines to print; the build prints those and writes the index in article order, so
the pages and the output are the same whatever the number of workers. What all
articles share (glossary, term automaton, the proofs' check context) is built
once per process. An article whose inputs and outputs are as the last build left
them is not built again (.bilingual/cache/build.json; `--no-cache` rebuilds all)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..atomic import atomic_write_bytes, remove_leftovers
from ..cache import ResultCache, VerdictCache, code_fingerprint, files_digest, key_of
from ..catalog.pofile import read_catalog
from ..catalog.stats import Status, progress
from ..checks.rules import language
from ..errors import PipelineError, display_path
from ..glossary import Glossary, TermMatcher
from ..model import Article, SegmentKind
from ..parallel import default_jobs, ordered_map
from ..progress import progress as progress_bar
from ..project import Project
from ..render.editions import edition_names
from ..render.html import (
    ArticleListing,
    render_bilingual_html,
    render_index_html,
    render_target_html,
)
from ..render.images import MissingImage, local_images
from ..render.markdown import (
    render_bilingual_markdown,
    render_table_markdown,
    render_target_markdown,
)
from ..render.pairs import ALL_MARKS, READER_MARKS, align_policies
from ..source import load_article
from .common import project_glossary, say, warn
from .inputs import read_job, shower
from .proofs import Proofs, reusable_checks


def build(project: Project, article: str | None = None, locale: str | None = None,
          min_complete: float | None = None, md_style: str = "interleaved",
          quiet: bool = False, proof: bool | None = None, jobs: int | None = None,
          use_cache: bool = True) -> int:
    """`proof` None: as `[build] proof` in bilingual.toml says. `jobs` None: one
    worker process per core; the output is the same whatever the number."""
    # The proofs' glossary and langdetect verdicts, as `check` remembers them
    # (.bilingual/cache/langdetect.txt): a build after a check loads neither pypinyin
    # nor langdetect. Verdicts a worker learns are not kept (a miss next time).
    with language.remembered_verdicts(VerdictCache.open(project.root, use_cache)):
        return _build(project, article, locale, min_complete, md_style, quiet, proof, jobs,
                      use_cache)


def _build(project: Project, article: str | None, locale: str | None,
           min_complete: float | None, md_style: str, quiet: bool, proof: bool | None,
           jobs: int | None, use_cache: bool) -> int:
    glossary = project_glossary(project.glossary_dir)
    locales = project.locales(locale)  # once: locales/ holds a .pot per article
    # Leftovers of killed writers, once per output folder (not at each of its files).
    for folder in (project.build_dir, *(project.mo_path("-", loc).parent for loc in locales)):
        remove_leftovers(folder)
    settings = BuildSettings(project, glossary, tuple(locales), min_complete, md_style,
                             project.config.build.proof if proof is None else proof)
    slugs = project.articles(article)
    # An article whose inputs and outputs are as the last build left them is not built
    # again: its pages would be the same bytes (.bilingual/cache/build.json).
    stored = ResultCache.open(project.root, "build", use_cache)
    context = key_of(code_fingerprint(), files_digest(project.glossary_dir),
                     repr(project.config), repr((locales, min_complete, md_style,
                                                 settings.proof)), _assets_digest(project))
    show = shower(project)
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
    with progress_bar("building", len(todo)) as bar:
        fresh = iter(ordered_map(_build_job, todo, default_jobs() if jobs is None else jobs,
                                 _setup, settings, bar))
    built = [result or next(fresh) for result in results]
    for slug, result in zip(slugs, built, strict=True):
        if result.error is None and result.outputs and slug in keys:
            stored.put(slug, keys[slug], _stored(project, result))
    if article is None and locale is None:
        stored.keep_only(slugs)
    stored.save()
    for result in built:  # what each article had to say, in article order
        for to_stderr, message in result.messages:
            if to_stderr:
                warn(message)
            elif not quiet:
                say(message)
        if result.error is not None:  # after what the articles before it said
            raise result.error
    if article is None and locale is None:
        # An article all of whose editions --min-complete held back has nothing to read.
        shown = [r.listing for r in built if r.listing.locales or not r.refused]
        index = render_index_html(shown, project.config.publication)
        _publish(project.build_dir / "index.html", index.encode("utf-8"))
    return 1 if any(r.refused for r in built) else 0


@dataclass(frozen=True)
class BuildSettings:
    """What every article of a build shares (handed to each worker once)."""

    project: Project
    glossary: Glossary
    locales: tuple[str, ...]
    min_complete: float | None
    md_style: str
    proof: bool
    # `bilingual check`'s results the proofs can show as they are (see reusable_checks).
    checked: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleBuilt:
    """One article's editions are written; what is left for the build to do with it."""

    listing: ArticleListing
    refused: bool  # a locale was below --min-complete
    messages: tuple[tuple[bool, str], ...]  # (to stderr?, line), in the order of events
    error: PipelineError | None = None  # why the article could not be built
    outputs: tuple[Path, ...] = ()  # every file written


class ArticleBuilder:
    """Writes one article's editions in every locale; built once per process, with
    what every article shares (the term automaton, the proofs' check context)."""

    def __init__(self, settings: BuildSettings) -> None:
        self.settings = settings
        self.matcher = TermMatcher(settings.glossary)
        self.proofs = (Proofs(settings.project, settings.glossary, settings.checked)
                       if settings.proof else None)

    def build(self, slug: str) -> ArticleBuilt:
        project, settings = self.settings.project, self.settings
        out_dir, publication = project.build_dir, project.config.publication
        messages: list[tuple[bool, str]] = []
        refused = False
        art = load_article(project, slug)
        source = art.source_lang.split("-")[0]
        listing = ArticleListing(slug, art.title, [], source=source)
        for loc in settings.locales:
            path = project.catalog_path(slug, loc)
            po = None
            if path.exists():
                po = read_catalog(path).po
            else:  # a new article: shown untranslated rather than left out
                messages.append((True, f"{display_path(path)}: no catalog yet; built with the "
                                       f"source text (run `bilingual update --locale {loc}`)"))
            done = progress(art, po)
            outputs = edition_paths(out_dir, slug, source, loc)
            proof_path = out_dir / edition_names(slug, source, loc).proof_html
            if settings.min_complete is not None and done.percent < settings.min_complete:
                messages.append((True, f"{display_path(path)}: {done.percent:.1f}% translated, "
                                       f"below --min-complete {settings.min_complete:g}%; "
                                       "not built"))
                for stale in (*outputs, proof_path):
                    stale.unlink(missing_ok=True)  # never leave an older edition that looks current
                refused = True
                continue
            listing.locales.append((loc, done.percent, slug))
            # The reader's marks and (for the proof) every mention, from one term search.
            policies = (READER_MARKS, ALL_MARKS) if self.proofs is not None else (READER_MARKS,)
            pairs, *proof_pairs = align_policies(art, po, settings.glossary, policies,
                                                 self.matcher)
            title = next((p for p in pairs if p.segment.kind == SegmentKind.TITLE), None)
            if title is not None and not title.is_fallback:
                listing.translated_titles[loc] = title.target
            md = (render_table_markdown if settings.md_style == "table"
                  else render_bilingual_markdown)
            texts = (render_bilingual_html(art, pairs, loc, publication), md(art, pairs, loc),
                     render_target_html(art, pairs, loc, publication),
                     render_target_markdown(art, pairs, loc))
            for target, text in zip(outputs, texts, strict=False):
                _publish(target, text.encode("utf-8"))
            if self.proofs is not None:
                proof_html = self.proofs.render(art, po, loc, proof_pairs[0])
                _publish(proof_path, proof_html.encode("utf-8"))
            else:
                proof_path.unlink(missing_ok=True)  # never leave a stale proof behind
            messages += [(True, m) for m in copy_images(project, art, out_dir)]
            if po is not None:
                _publish(project.mo_path(slug, loc), po.to_binary())
            fallback = done.total_segments - done.segments[Status.TRANSLATED]
            messages.append((False, f"{display_path(outputs[0])}: {done.total_segments} "
                                    f"segments, {math.floor(done.percent)}% translated"
                             + (f", {fallback} shown in the source language" if fallback
                                else "")))
        return ArticleBuilt(listing, refused, tuple(messages))


def _stored(project: Project, built: ArticleBuilt) -> dict[str, Any]:
    """What a later build replays when nothing changed, and how it knows the outputs
    are still the ones written (size and modification time: a touched page is rebuilt)."""
    listing = built.listing
    return {"listing": [listing.slug, listing.title, listing.locales,
                        listing.translated_titles, listing.source],
            "refused": built.refused, "messages": built.messages,
            "outputs": [[path.relative_to(project.root).as_posix(), *_stat(path)]
                        for path in built.outputs]}


def _stat(path: Path) -> tuple[int, int]:
    try:
        found = path.stat()
    except FileNotFoundError:
        return (-1, -1)
    return (found.st_size, found.st_mtime_ns)


def _replayed(project: Project, known: dict[str, Any]) -> ArticleBuilt | None:
    """The cached build of an article, if every file it wrote is still as it was."""
    outputs = tuple(project.root / rel for rel, _, _ in known["outputs"])
    if any(list(_stat(path)) != [size, mtime]
           for path, (_, size, mtime) in zip(outputs, known["outputs"], strict=True)):
        return None
    slug, title, locales, titles, source = known["listing"]
    listing = ArticleListing(slug, title, [tuple(row) for row in locales], titles, source)
    return ArticleBuilt(listing, known["refused"],
                        tuple((bool(e), str(m)) for e, m in known["messages"]), None, outputs)


def _assets_digest(project: Project) -> str:
    """Images and other files beside the sources, by name, size and time (a build
    copies them; a changed one rebuilds every article, which is rare and safe)."""
    parts: list[bytes | str | None] = []
    if project.content_dir.is_dir():
        for path in sorted(project.content_dir.rglob("*")):
            if path.is_file() and path.suffix != ".md":
                parts += [path.relative_to(project.content_dir).as_posix(),
                          repr(_stat(path))]
    return key_of(*parts)


_builder: ArticleBuilder | None = None  # this process's (see parallel.ordered_map)


def _setup(settings: BuildSettings) -> None:
    global _builder
    _builder = ArticleBuilder(settings)


def _build_job(slug: str) -> ArticleBuilt:
    assert _builder is not None
    _written.clear()
    try:
        built = _builder.build(slug)
    except PipelineError as exc:  # reported in article order, as a serial build would
        return ArticleBuilt(ArticleListing(slug, slug, []), False, (), exc)
    return replace(built, outputs=tuple(_written))


_written: list[Path] = []  # the files this process wrote for the article being built


def _publish(path: Path, data: bytes) -> None:
    """A build output is derived from the sources: written atomically but without
    fsync (as msgfmt writes a .mo; 6 fsyncs an article cost more than rendering it),
    into a folder whose leftovers `build` removed when it started."""
    atomic_write_bytes(path, data, durable=False, sweep=False)
    _written.append(path)


def edition_paths(out_dir: Path, slug: str, source: str, locale: str) -> tuple[Path, ...]:
    """Bilingual HTML, bilingual Markdown, target-only HTML, target-only Markdown."""
    return tuple(out_dir / name for name in edition_names(slug, source, locale))


def copy_images(project: Project, article: Article, out_dir: Path) -> list[str]:
    """Relative images sit beside the pages, so the editions stay self-contained.
    Returns a warning for each image that is not there."""
    missing = []
    for image in local_images(article, project.content_dir):
        if isinstance(image, MissingImage):
            missing.append(f"{display_path(article.path)}:{image.line}: image '{image.src}' "
                           "not found in content/")
        else:
            atomic_write_bytes(out_dir / image.target, image.source.read_bytes(), durable=False)
            _written.append(out_dir / image.target)
    return missing
