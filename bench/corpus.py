"""A seeded corpus of N articles built from the real article's segments.

Each article keeps the real front matter shape, a numbered title and about 40
body segments drawn from the real headings and paragraphs: single paragraphs and
pairs of paragraphs joined (their translations joined likewise), in a seeded
order, so every article is different but every segment has a real translation.
Catalogs are complete; the glossary holds the real terms plus generated ones.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
REAL_SLUG = "shangdang"
SEGMENTS = 40
CREDITS = "策划/冯波 邵盼 统筹/李建义 文字/白雪峰 李敏 周旭 成静"
CREDITS_EN = ("Planning: Feng Bo, Shao Pan · Coordination: Li Jianyi · "
              "Text: Bai Xuefeng, Li Min, Zhou Xu, Cheng Jing")
CJK_POOL = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" or "paragraph"
    source: str
    target: str


def real_blocks(root: Path = ROOT) -> tuple[list[Block], dict[str, str]]:
    """Headings and paragraphs of the real catalog, and every msgid -> msgstr."""
    po = polib.pofile(str(root / "locales" / "en" / "LC_MESSAGES" / f"{REAL_SLUG}.po"))
    blocks, known = [], {}
    for entry in po:
        known[entry.msgid] = entry.msgstr
        first = entry.comment.split("\n")[0]
        kind = first.split("(")[-1].rstrip(")") if first.startswith("segment:") else ""
        if kind in ("heading", "paragraph") and entry.msgstr:
            blocks.append(Block(kind, entry.msgid, entry.msgstr))
    return blocks, known


def article_markdown(number: int, rng: random.Random, blocks: list[Block],
                     translations: dict[str, str]) -> str:
    headings = [b for b in blocks if b.kind == "heading"]
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    title = f"产业焕新姿 蝶变向新行 第{number}篇"
    translations[title] = f"Industry Renewed, a Transformation Taking Flight, part {number}"
    body, seen = [], set()
    while len(body) < SEGMENTS:
        roll = rng.random()
        if roll < 0.1:
            block = rng.choice(headings)
            text, target, line = block.source, block.target, f"## {block.source}"
        elif roll < 0.55:
            block = rng.choice(paragraphs)
            text, target, line = block.source, block.target, block.source
        else:
            first, second = rng.sample(paragraphs, 2)
            text = first.source + second.source
            target = f"{first.target} {second.target}"
            line = text
        if text in seen:
            continue
        seen.add(text)
        translations[text] = target
        body.append(line)
    front = ("---\nlang: zh-Hans\nkicker: 上党区\n"
             f"title: {title}\n"
             f"credits: {CREDITS}\n---\n\n")
    return front + "\n\n".join(body) + "\n"


def glossary_csv(real: Path, extra: int, rng: random.Random) -> str:
    """The real glossary plus `extra` generated terms (3-4 characters, rarely in the text)."""
    text = real.read_text(encoding="utf-8")
    have = {row["term"] for row in csv.DictReader(io.StringIO(text))}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    made = 0
    while made < extra:
        term = "".join(rng.choices(CJK_POOL, k=rng.randint(3, 4)))
        if term in have:
            continue
        have.add(term)
        writer.writerow([term, f"Generated Term {made}", "", "", "industry-term", "", ""])
        made += 1
    return text.rstrip("\n") + "\n" + out.getvalue()


def start_corpus(dest: Path, rng: random.Random, terms: int, more: Path | None = None) -> None:
    """An empty corpus at `dest`: content/ and glossary/ (the real glossary, the rows of
    `more` when given, and `terms` generated terms)."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content").mkdir(parents=True)
    (dest / "glossary").mkdir()
    text = glossary_csv(ROOT / "glossary" / "terms.csv", terms, rng)
    if more is not None:  # its rows for terms not already there
        have = {row["term"] for row in csv.DictReader(io.StringIO(text))}
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for row in csv.reader(io.StringIO(more.read_text(encoding="utf-8"))):
            if row and row[0] != "term" and row[0] not in have:
                writer.writerow(row)
        text += out.getvalue()
    (dest / "glossary" / "terms.csv").write_text(text, encoding="utf-8")


def finish_corpus(dest: Path, translations: dict[str, str]) -> tuple[int, int]:
    """English catalogs for every article, filled from `translations`; returns the
    number of entries and of those translated."""
    from pipeline.catalog.pofile import read_catalog, write_catalog
    from pipeline.commands.update import UpdateOptions, update
    from pipeline.project import Project

    translations = {**translations, CREDITS: CREDITS_EN}
    project = Project(dest)
    update(project, UpdateOptions(locale="en", create=True, quiet=True))
    entries = translated = 0
    for slug in project.articles():
        path = project.catalog_path(slug, "en")
        po = read_catalog(path).po
        for entry in po:
            entry.msgstr = translations.get(entry.msgid, entry.msgstr)
            entries += 1
            translated += bool(entry.msgstr)
        write_catalog(po, path)
    return entries, translated


def make_corpus(dest: Path, articles: int, terms: int = 200, seed: int = 16) -> Path:
    """content/, glossary/, locales/ with complete English catalogs; returns dest."""
    rng = random.Random(seed)
    blocks, known = real_blocks()
    translations = dict(known)  # kicker and the like keep their real translations
    start_corpus(dest, rng, terms)
    for number in range(1, articles + 1):
        (dest / "content" / f"article-{number:05d}.md").write_text(
            article_markdown(number, rng, blocks, translations), encoding="utf-8")
    finish_corpus(dest, translations)
    return dest


def with_glossary(corpus: Path, dest: Path, terms: int, seed: int = 16) -> Path:
    """A copy of `corpus` whose glossary has `terms` generated terms."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(corpus, dest, ignore=shutil.ignore_patterns("build", ".bilingual"))
    (dest / "glossary" / "terms.csv").write_text(
        glossary_csv(ROOT / "glossary" / "terms.csv", terms, random.Random(seed)),
        encoding="utf-8")
    return dest
