"""How far `bilingual check` can be trusted on professional translations.

    python bench/check_quality.py [--split dev|held-out|all] [--show CODE] [--planted]

Reads the parallel corpus beside the project (`../shared/corpora/parallel-dev`:
1,976 real professional zh→en pairs, see its README and ORIGINS.md) and prints,
for the DEV part and the HELD-OUT part (fixed up front: a hash of the pair id,
70/30), the error findings per 1,000 entries per rule (with an empty glossary and
with the corpus glossary), the share the judged sample calls false, the recall of
planted errors (scale ×10, a changed digit, a wrong year/month/day, a dropped
number, a wrong name) caught as errors, and the errors on the correct glossary
project `check-dev/mag-correct` (run through the real `bilingual check`). Skips
cleanly (exit 0, one line) when the corpus is not there.

The issue's goals: ≤ 40 error findings per 1,000 entries, ≤ 5 of them false; ≥ 95%
of planted number errors caught as errors; no error on mag-correct.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpora import corpora_root
from bench.planting import PLANTS, Plant, plants_for
from pipeline.checks.findings import Finding, Severity
from pipeline.checks.rules.base import EntryView
from pipeline.checks.runner import EntryContext, check_entry
from pipeline.glossary import Glossary, parse_glossary


def find_corpora() -> Path:
    return corpora_root()


CORPORA = find_corpora()
PARALLEL = CORPORA / "parallel-dev"
MAG_CORRECT = CORPORA / "check-dev" / "mag-correct"
NUMBER_CODES = frozenset({"BL401", "BL402", "BL403"})


@dataclass(frozen=True)
class Pair:
    article: str
    index: int
    zh: str
    en: str

    @property
    def pid(self) -> str:
        return f"{self.article}:{self.index}"

    @property
    def held_out(self) -> bool:
        """30% of the pairs, by a hash of the id: never looked at while tuning."""
        return int(hashlib.sha256(self.pid.encode()).hexdigest(), 16) % 10 >= 7


def load_pairs() -> list[Pair]:
    pairs = []
    with (PARALLEL / "pairs.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            pairs.append(Pair(row["article"], row["i"], row["zh"], row["en"]))
    return pairs


def split(pairs: list[Pair], which: str) -> list[Pair]:
    if which == "all":
        return pairs
    return [p for p in pairs if p.held_out == (which == "held-out")]


def corpus_glossary() -> Glossary:
    path = PARALLEL / "glossary.csv"
    return parse_glossary(path.read_text(encoding="utf-8"), path)


def entry_findings(pair: Pair, en: str, ctx: EntryContext) -> list[Finding]:
    entry = polib.POEntry(msgid=pair.zh, msgstr=en)
    return check_entry(EntryView(f"{pair.article}.po", pair.index, pair.article, "en", entry), ctx)


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


@dataclass(frozen=True)
class Verdict:
    verdict: str  # "true" (a real error or reference problem) or "false" (a false alarm)
    why: str


def load_judgments(own: bool = True) -> dict[tuple[str, str, str], Verdict]:
    """(code, zh, en) -> verdict, from the corpus's judged sample and our own
    judgments of later findings (bench/check_quality_judged.csv: pair ids only)."""
    judged: dict[tuple[str, str, str], Verdict] = {}
    with (PARALLEL / "judgments.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["code"].startswith("BL"):
                judged[(row["code"], row["zh"], row["en"])] = Verdict(row["verdict"], row["why"])
    ours = ROOT / "bench" / "check_quality_judged.csv"
    if own and ours.exists():
        by_id = {p.pid: p for p in load_pairs()}
        with ours.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                pair = by_id.get(row["pair"])
                if pair is not None:
                    judged[(row["code"], pair.zh, pair.en)] = Verdict(row["verdict"], row["why"])
    return judged


def rate(count: int, entries: int) -> str:
    return f"{1000 * count / max(entries, 1):6.1f}"


def report_findings(name: str, pairs: list[Pair], ctx: EntryContext,
                    judged: dict[tuple[str, str, str], Verdict], show: set[str]) -> None:
    per_rule: Counter[str] = Counter()
    verdicts: Counter[tuple[str, str]] = Counter()
    for pair in pairs:
        for f in errors(entry_findings(pair, pair.en, ctx)):
            per_rule[f.code] += 1
            v = judged.get((f.code, pair.zh, pair.en))
            verdicts[(f.code, v.verdict if v else "unjudged")] += 1
            if f.code in show or "all" in show:
                mark = v.verdict if v else "UNJUDGED"
                print(f"  [{mark}] {pair.pid} {f.code} {f.message}\n      zh: {pair.zh}\n"
                      f"      en: {pair.en}")
    total = sum(per_rule.values())
    false = sum(n for (_, v), n in verdicts.items() if v == "false")
    print(f"{name}: {len(pairs)} entries, {rate(total, len(pairs))} errors/1,000 "
          f"(judged false {rate(false, len(pairs))}/1,000; unjudged "
          f"{sum(n for (_, v), n in verdicts.items() if v == 'unjudged')})   [goal ≤ 40, ≤ 5 false]")
    for code, n in sorted(per_rule.items()):
        parts = ", ".join(f"{v} {verdicts[(code, v)]}" for v in ("true", "false", "unjudged")
                          if verdicts[(code, v)])
        print(f"    {code} {rate(n, len(pairs))}/1,000  ({n}: {parts})")


def report_planted(name: str, pairs: list[Pair], ctx: EntryContext, verbose: bool) -> None:
    caught: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    for pair in pairs:
        before = Counter((f.code, f.message) for f in errors(entry_findings(pair, pair.en, ctx)))
        for plant in plants_for(pair.zh, pair.en, ctx.matcher.glossary):
            tried[plant.kind] += 1
            after = Counter((f.code, f.message) for f in errors(entry_findings(pair, plant.en, ctx)))
            if after - before:
                caught[plant.kind] += 1
            elif verbose:
                _show_missed(pair, plant)
    number_tried = sum(n for k, n in tried.items() if k != "name")
    number_caught = sum(n for k, n in caught.items() if k != "name")
    pct = 100 * number_caught / max(number_tried, 1)
    print(f"{name} planted number errors caught as errors: {number_caught}/{number_tried} "
          f"({pct:.1f}%)   [goal ≥ 95%]")
    for kind in PLANTS:
        if tried[kind]:
            print(f"    {kind:<8} {caught[kind]}/{tried[kind]}")


def _show_missed(pair: Pair, plant: Plant) -> None:
    print(f"  MISSED {plant.kind} {pair.pid}: {plant.what}\n      zh: {pair.zh}\n"
          f"      en: {plant.en}")


def mag_correct_errors() -> list[str]:
    """Error lines of the real `bilingual check` on a copy of mag-correct."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "mag-correct"
        shutil.copytree(MAG_CORRECT, project)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        out = subprocess.run([sys.executable, "-m", "pipeline.cli", "-C", str(project), "check",
                              "--no-cache", "--severity", "error"],
                             capture_output=True, text=True, env=env, check=False)
        return [line for line in out.stdout.splitlines() if "error[" in line]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "held-out", "all", "both"], default="both")
    parser.add_argument("--show", action="append", default=[],
                        help="print the error findings of this code (or 'all')")
    parser.add_argument("--no-planted", action="store_true")
    parser.add_argument("--missed", action="store_true", help="print planted errors missed")
    args = parser.parse_args(argv)
    if not (PARALLEL / "pairs.jsonl").exists():
        print(f"skipped: no corpus at {PARALLEL}")
        return 0
    pairs = load_pairs()
    judged = load_judgments()
    empty = EntryContext.of(Glossary([]))
    glossed = EntryContext.of(corpus_glossary())
    parts = ["dev", "held-out"] if args.split == "both" else [args.split]
    for part in parts:
        chosen = split(pairs, part)
        report_findings(f"[{part}] empty glossary", chosen, empty, judged, set(args.show))
        report_findings(f"[{part}] corpus glossary", chosen, glossed, judged, set(args.show))
        if not args.no_planted:
            report_planted(f"[{part}]", chosen, glossed, args.missed)
    bad = mag_correct_errors() if MAG_CORRECT.exists() else []
    print(f"mag-correct: {len(bad)} error(s)   [goal 0]")
    for line in bad:
        print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__: list[str] = ["Pair", "load_pairs", "main"]
