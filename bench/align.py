"""Sentence alignment measured on professional translations (WMT21 news, zh->en).

    python bench/align.py [--part dev|held-out|both] [--seed 1] [--threshold 0.5]

The WMT21 documents in ../shared/corpora/parallel-dev are sentence-aligned by
construction (one line per sentence on both sides). Runs of 2-10 consecutive
lines are joined into paragraphs on both sides (a heading, or a line that does
not end as a sentence on both sides, ends a run: a byline, or an English line
that lost its full stop, would not sit inside a real paragraph), aligned
with `align_pair`, and the links are compared with the lines they came from:

- link precision and recall, for lines whose sentences are 1-1 and for those
  the splitters cut into several on one side (many-to-one); a predicted link is
  right when it joins exactly the sentences of one line on each side;
- deleted-sentence detection: one line is deleted from one side of every
  paragraph; it is caught when the sentence left without its counterpart is in
  a 1-0 / 0-1 link at the gate's confidence;
- false findings: 1-0 / 0-1 links at that confidence in intact paragraphs and
  in the single-line entries (per 1,000 entries).

Detection and false findings go through the gate's own shortcut
(`screen.plainly_paired`: a pair whose sentences plainly pair off is not aligned).

The split into a dev part (tuned on) and a held-out part (reported, never tuned
on) is by article, fixed: SHA-256 of the article id, modulo 3, 0 = held-out.
Without ../shared the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import corpora_root
from pipeline.checks.align import Alignment, Params, align_pair
from pipeline.checks.align.screen import plainly_paired
from pipeline.checks.align.split import split_chinese, split_english
from pipeline.checks.rules.sentences import GATE_CONFIDENCE

CORPUS = corpora_root() / "parallel-dev"


@dataclass(frozen=True)
class Line:
    zh: str
    en: str


@dataclass(frozen=True)
class Paragraph:
    """Lines joined; `drop` names a line deleted on one side ("zh"/"en")."""

    lines: tuple[Line, ...]
    drop: tuple[str, int] | None = None

    def side(self, lang: str) -> tuple[str, list[tuple[int, int, int]]]:
        """The joined text and (start, end, line) of each line kept on that side."""
        text, spans = "", []
        for k, line in enumerate(self.lines):
            if self.drop == (lang, k):
                continue
            piece = line.zh if lang == "zh" else line.en
            if text and lang == "en":
                text += " "
            spans.append((len(text), len(text) + len(piece), k))
            text += piece
        return text, spans


def part_of(article: str) -> str:
    return "held-out" if int(hashlib.sha256(article.encode()).hexdigest(), 16) % 3 == 0 \
        else "dev"


def articles(corpus: Path = CORPUS) -> dict[str, list[Line | None]]:
    """WMT articles: their lines in order, None for a heading (it ends a paragraph)."""
    found: dict[str, list[Line | None]] = {}
    for raw in (corpus / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(raw)
        if not row["article"].startswith("wmt21"):
            continue  # xuexi-gov: paragraph pairs, adapted rewrites: no sentence truth
        found.setdefault(row["article"], []).append(
            None if row["heading"] else Line(row["zh"].strip(), row["en"].strip()))
    return found


def _sentence_like(line: Line) -> bool:
    """A line that ends as a sentence ends on both sides. A dateline, byline or photo
    credit ("新华社发 商海春 作") is a paragraph of its own in any real article, and an
    English line that lost its full stop would run into the next one when joined."""
    return (line.zh.rstrip("”’」』）)》 ").endswith(tuple("。！？；!?…"))
            and line.en.rstrip("”’\"') ").endswith(tuple(".!?;:…")))


def paragraphs(lines: list[Line | None], rng: random.Random) -> Iterator[Paragraph]:
    run: list[Line] = []
    size = rng.randint(2, 10)
    for line in [*lines, None]:
        if line is not None and not _sentence_like(line):
            line = None
        if line is not None:
            run.append(line)
        if line is None or len(run) == size:
            if len(run) >= 2:
                yield Paragraph(tuple(run))
            run, size = [], rng.randint(2, 10)


def _line_of(spans: list[tuple[int, int, int]], start: int, end: int) -> frozenset[int]:
    return frozenset(k for s, e, k in spans if start < e and s < end)


def line_links(alignment: Alignment, zh_spans: list[tuple[int, int, int]],
               en_spans: list[tuple[int, int, int]]) -> list[tuple[frozenset[int],
                                                                   frozenset[int], int, float]]:
    """Predicted links projected onto lines and merged where they share a line:
    (zh lines, en lines, sentences in it, lowest confidence)."""
    groups: list[tuple[set[int], set[int], int, float]] = []
    for link in alignment.links:
        zh: set[int] = set()
        en: set[int] = set()
        for i in link.source:
            zh |= _line_of(zh_spans, alignment.source[i].start, alignment.source[i].end)
        for j in link.target:
            en |= _line_of(en_spans, alignment.target[j].start, alignment.target[j].end)
        size = len(link.source) + len(link.target)
        merged = [g for g in groups if g[0] & zh or g[1] & en]
        for g in merged:
            groups.remove(g)
            zh |= g[0]
            en |= g[1]
            size += g[2]
        conf = min([link.confidence, *(g[3] for g in merged)])
        groups.append((zh, en, size, conf))
    return [(frozenset(z), frozenset(e), s, c) for z, e, s, c in groups]


@dataclass
class Tally:
    right: dict[str, int] = field(default_factory=lambda: {"1-1": 0, "many": 0})
    predicted: dict[str, int] = field(default_factory=lambda: {"1-1": 0, "many": 0})
    gold: dict[str, int] = field(default_factory=lambda: {"1-1": 0, "many": 0})
    found: dict[str, int] = field(default_factory=lambda: {"1-1": 0, "many": 0})
    deleted: int = 0
    caught: int = 0
    false_in_deleted: int = 0
    paragraphs: int = 0
    false_paragraph: int = 0
    entries: int = 0
    false_entry: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    # Confidences, to read the gate at other thresholds: of the best 1-0/0-1 on the
    # deleted line (0 if none), and of every 1-0/0-1 that is not on it.
    caught_at: list[float] = field(default_factory=list)
    false_at: list[float] = field(default_factory=list)
    single_at: list[float] = field(default_factory=list)
    # The gate's screen: pairs it passed (intact and cut paragraphs), and of those the
    # ones in which the aligner, run anyway, reports a lone sentence (should be 0).
    screened: int = 0
    screen_lost: int = 0
    lost: list[str] = field(default_factory=list)


def _shape(line: Line) -> str:
    return "1-1" if len(split_chinese(line.zh)) == len(split_english(line.en)) == 1 else "many"


def _gate(zh: str, en: str, params: Params | None) -> Alignment:
    """The alignment as the gate sees it: none when the pair plainly pairs off."""
    if plainly_paired(zh, en):
        return align_pair("", "")
    return align_pair(zh, en, params=params)


def _screened(tally: Tally, alignment: Alignment, threshold: float) -> bool:
    """Whether the gate's screen passes the pair (and so the gate reports nothing)."""
    if not plainly_paired(alignment.source_text, alignment.target_text):
        return False
    tally.screened += 1
    if _flags(alignment, threshold):
        tally.screen_lost += 1
        tally.lost.append("screened, but:\n" + _example(alignment))
    return True


def _flags(alignment: Alignment, threshold: float) -> int:
    return len(alignment.omitted(threshold)) + len(alignment.added(threshold))


def measure(paras: list[Paragraph], threshold: float, rng: random.Random,
            params: Params | None = None) -> Tally:
    tally = Tally()
    start = time.perf_counter()
    for para in paras:
        zh, zh_spans = para.side("zh")
        en, en_spans = para.side("en")
        alignment = align_pair(zh, en, params=params)
        gated = alignment if not _screened(tally, alignment, threshold) else align_pair("", "")
        tally.paragraphs += 1
        tally.false_paragraph += _flags(gated, threshold)
        tally.false_at += [k.confidence for k in gated.omitted() + gated.added()]
        if _flags(gated, threshold) and len(tally.misses) < 40:
            tally.misses.append("false:\n" + _example(gated))
        shapes = [_shape(line) for line in para.lines]
        for shape in shapes:
            tally.gold[shape] += 1
        for zl, el, _size, _conf in line_links(alignment, zh_spans, en_spans):
            shape = shapes[min(zl | el)] if len(zl) == len(el) == 1 and zl == el else (
                "1-1" if len(zl | el) == 1 else "many")
            tally.predicted[shape] += 1
            if zl == el and len(zl) == 1:
                tally.right[shape] += 1
                tally.found[shape] += 1
            elif len(tally.examples) < 30:
                tally.examples.append(_example(alignment))
        # The same paragraph with one line deleted on one side.
        lang, k = rng.choice(["zh", "en"]), rng.randrange(len(para.lines))
        cut = Paragraph(para.lines, (lang, k))
        zh, zh_spans = cut.side("zh")
        en, en_spans = cut.side("en")
        alignment = align_pair(zh, en, params=params)
        if _screened(tally, alignment, threshold):
            alignment = align_pair("", "")
        tally.deleted += 1
        lone_spans = zh_spans if lang == "en" else en_spans
        sentences = alignment.source if lang == "en" else alignment.target
        every = alignment.omitted() if lang == "en" else alignment.added()
        on_line = [link for link in every
                   if k in _line_of(lone_spans, sentences[(link.source or link.target)[0]].start,
                                    sentences[(link.source or link.target)[0]].end)]
        tally.caught_at.append(max((link.confidence for link in on_line), default=0.0))
        other = alignment.added() if lang == "en" else alignment.omitted()
        tally.false_at += [x.confidence for x in every + other if x not in on_line]
        lone = [link for link in every if link.confidence >= threshold]
        hits = [link for link in on_line if link.confidence >= threshold]
        tally.caught += bool(hits)
        if not hits and len(tally.misses) < 40:
            tally.misses.append(f"deleted {lang} line {k}:\n" + _example(alignment))
        if len(lone) > len(hits) and len(tally.misses) < 40:
            tally.misses.append(f"false with deletion {lang} line {k}:\n" + _example(alignment))
        tally.false_in_deleted += len(lone) - len(hits) + (
            len(alignment.added(threshold)) if lang == "en" else len(alignment.omitted(threshold)))
    tally.seconds = time.perf_counter() - start
    return tally


def _example(alignment: Alignment, width: int = 60) -> str:
    return "\n".join(f"  {k.shape} {k.confidence:.2f} {alignment.source_of(k)[:width]} | "
                     f"{alignment.target_of(k)[:width * 3]}" for k in alignment.links)


def single_entries(lines: list[Line], tally: Tally, threshold: float) -> None:
    """The corpus's own entries (one WMT line each), as `check` sees them."""
    for line in lines:
        alignment = _gate(line.zh, line.en, None)
        tally.entries += 1
        tally.false_entry += _flags(alignment, threshold)
        tally.single_at += [k.confidence for k in alignment.omitted() + alignment.added()]


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def report(name: str, tally: Tally) -> None:
    print(f"{name}: {tally.paragraphs} paragraphs, {sum(tally.gold.values())} lines, "
          f"{tally.seconds:.1f} s")
    for shape in ("1-1", "many"):
        p = tally.right[shape] / max(1, tally.predicted[shape])
        r = tally.found[shape] / max(1, tally.gold[shape])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {shape:>4} links: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} "
              f"({tally.gold[shape]} gold)")
    right, pred, gold = (sum(d.values()) for d in (tally.right, tally.predicted, tally.gold))
    p, r = right / max(1, pred), right / max(1, gold)
    print(f"   all links: precision {p:.3f} recall {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}")
    print(f"  deleted sentence caught: {tally.caught}/{tally.deleted} "
          f"({_ratio(tally.caught, tally.deleted)}); other findings in those paragraphs "
          f"{tally.false_in_deleted}")
    print(f"  false findings: {1000 * tally.false_paragraph / max(1, tally.paragraphs):.2f} "
          f"per 1,000 paragraphs; {1000 * tally.false_entry / max(1, tally.entries):.2f} per "
          f"1,000 single-line entries ({tally.false_entry}/{tally.entries})")
    print(f"  screen: {tally.screened} of {2 * tally.paragraphs} paragraphs (intact and cut) "
          f"not aligned; the aligner finds a lone sentence in {tally.screen_lost} of them")
    for at in (0.5, 0.6, 0.7, 0.8, 0.9):
        caught = sum(c >= at for c in tally.caught_at)
        false = sum(c >= at for c in tally.false_at)
        single = sum(c >= at for c in tally.single_at)
        print(f"  at confidence {at}: caught {caught / max(1, len(tally.caught_at)):.3f}, "
              f"false {1000 * false / max(1, 2 * tally.paragraphs):.2f} per 1,000 paragraphs "
              "(intact and cut), "
              f"{1000 * single / max(1, tally.entries):.2f} per 1,000 entries")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["dev", "held-out", "both"], default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=float, default=GATE_CONFIDENCE)
    parser.add_argument("--examples", action="store_true", help="print wrong alignments")
    args = parser.parse_args(argv)
    if not (CORPUS / "pairs.jsonl").exists():
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    found = articles()
    for part in (["dev", "held-out"] if args.part == "both" else [args.part]):
        rng = random.Random(args.seed)
        chosen = {a: lines for a, lines in sorted(found.items()) if part_of(a) == part}
        paras = [p for lines in chosen.values() for p in paragraphs(lines, rng)]
        tally = measure(paras, args.threshold, rng)
        singles = [line for lines in chosen.values() for line in lines if line is not None]
        single_entries(singles, tally, args.threshold)
        report(f"{part} ({len(chosen)} articles)", tally)
        if args.examples:
            print("\n\n".join(tally.examples))
            print("\n\n".join(tally.misses))
            print("\n\n".join(tally.lost))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
