"""A seeded corpus of N articles of varied real text, where no entry repeats (for timing `check`).

`bench/corpus.py` draws every segment from the project's one article (14
paragraphs), so at 1,000 articles most entries are repeats and any cache keyed by
text flatters the figure. Here the text comes from the parallel corpus beside the
project (`../shared/corpora/parallel-dev`: 1,976 professional Chinese-English
sentence pairs in 37 news documents) plus the project's own article:

- a paragraph is 1-3 sentences of one document, chosen within six consecutive
  ones and kept in order (their translations joined likewise); a heading is one
  short sentence; the title is a document's headline;
- every entry's source text is distinct in the whole corpus (retried until it is);
- a sentence used again has its figures changed (each ASCII run of three digits
  or more that its translation also has is replaced, the same way in both), so a
  sentence with a figure is new text each time.

Without `../shared` the units are the project's own paragraphs (a fallback that
still never repeats an entry, but repeats sentences far more: the stats say so).
`stats.json` in the corpus says how varied it came out.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from corpus import CREDITS, REAL_SLUG, ROOT, finish_corpus, real_blocks, start_corpus

SEGMENTS = 40
WINDOW = 6  # a paragraph's sentences come from this many consecutive ones
DIGITS = re.compile(r"\d+")
# A line that markdown would read as something else than a paragraph, or inline markup.
MARKUP = re.compile(r"^\s*(\d+[.)]|[#>*+\-|=])|[*_`\[\]<>|\\]")


@dataclass(frozen=True)
class Pair:
    zh: str
    en: str
    heading: bool


def find_parallel() -> Path | None:
    """`../shared/corpora/parallel-dev/pairs.jsonl` beside the clone or the worktree."""
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "corpora" / "parallel-dev" / "pairs.jsonl"
        if path.exists():
            return path
    return None


def documents(parallel: Path | None) -> list[list[Pair]]:
    """The source documents as lists of sentence pairs (the project's article last)."""
    docs: dict[str, list[Pair]] = {}
    if parallel is not None:
        for line in parallel.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["zh"].strip() and row["en"].strip() and not MARKUP.search(row["zh"] + row["en"]):
                docs.setdefault(row["article"], []).append(
                    Pair(row["zh"].strip(), row["en"].strip(), bool(row["heading"])))
    blocks, _ = real_blocks()
    docs[REAL_SLUG] = [Pair(b.source, b.target, b.kind == "heading") for b in blocks]
    return list(docs.values())


class Varied:
    """Draws distinct segments; a pair used again gets new figures."""

    def __init__(self, docs: list[list[Pair]], rng: random.Random) -> None:
        self.docs, self.rng = docs, rng
        self.uses: Counter[Pair] = Counter()
        self.seen: set[str] = set()
        self.translations: dict[str, str] = {}
        self.short = [p for d in docs for p in d if len(p.zh) <= 30]
        self.headlines = [p for d in docs for p in d if p.heading] or self.short

    def _fresh(self, pair: Pair) -> Pair:
        """The pair as used now: from its second use on, its shared figures changed."""
        used = self.uses[pair]
        self.uses[pair] += 1
        if not used:
            return pair
        zh, en = pair.zh, pair.en
        # Runs of three digits or more (a day or a month changed would be a real error).
        shared = {r for r in DIGITS.findall(zh) if len(r) >= 3} & set(DIGITS.findall(en))
        for run in sorted(shared, key=len, reverse=True):
            new = str(self.rng.randint(10 ** (len(run) - 1), 10 ** len(run) - 1))
            pattern = re.compile(rf"(?<!\d){run}(?!\d)")
            zh, en = pattern.sub(new, zh), pattern.sub(new, en)
        return Pair(zh, en, pair.heading)

    def _take(self, pairs: list[Pair]) -> tuple[str, str] | None:
        fresh = [self._fresh(p) for p in pairs]
        zh = "".join(p.zh for p in fresh)
        if zh in self.seen:
            return None
        self.seen.add(zh)
        self.translations[zh] = " ".join(p.en for p in fresh)
        return zh, self.translations[zh]

    def paragraph(self) -> str:
        while True:
            doc = self.rng.choice(self.docs)
            start = self.rng.randrange(len(doc))
            window = doc[start:start + WINDOW]
            k = min(len(window), self.rng.choice((1, 2, 2, 3)))
            picked = sorted(self.rng.sample(range(len(window)), k))
            got = self._take([window[i] for i in picked])
            if got is not None:
                return got[0]

    def line(self, pool: list[Pair], prefix: str = "") -> str:
        while True:
            got = self._take([self.rng.choice(pool)])
            if got is not None:
                return prefix + got[0]

    def article(self, number: int) -> str:
        title = self.line(self.headlines)
        body = [self.line(self.short, "## ") if self.rng.random() < 0.1 else self.paragraph()
                for _ in range(SEGMENTS)]
        front = ("---\nlang: zh-Hans\nkicker: 上党区\n"
                 f"title: {json.dumps(title, ensure_ascii=False)}\n"
                 f"credits: {CREDITS}\n---\n\n")
        return front + "\n\n".join(body) + "\n"


def make_varied_corpus(dest: Path, articles: int, terms: int = 200, seed: int = 16) -> Path:
    """content/, glossary/, locales/ with complete English catalogs and stats.json."""
    rng = random.Random(seed)
    parallel = find_parallel()
    docs = documents(parallel)
    varied = Varied(docs, rng)
    start_corpus(dest, rng, terms, parallel.parent / "glossary.csv" if parallel else None)
    for number in range(1, articles + 1):
        (dest / "content" / f"article-{number:05d}.md").write_text(
            varied.article(number), encoding="utf-8")
    _, known = real_blocks()
    entries, translated = finish_corpus(dest, {**known, **varied.translations})
    uses = sorted(varied.uses.values())
    stats = {"source": "parallel-dev + the project's article" if parallel else
             "the project's article only (no ../shared/corpora/parallel-dev)",
             "articles": articles, "entries": entries, "translated": translated,
             "distinct_segments": len(varied.seen), "sentence_pairs": len(uses),
             "uses_per_pair_median": uses[len(uses) // 2] if uses else 0}
    (dest / "stats.json").write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
    return dest
