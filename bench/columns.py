"""How often the bilingual page's columns end level, on real professional translations.

    python bench/columns.py build/shangdang.zh-en.html [--part dev|held-out|both]
        [--variant NAME=CSS ...]

The built bilingual page is opened in headless Chromium (Debian's) at 1280 px, with
the fonts it ships; its body is replaced by paragraphs made from the WMT21 zh-en
documents in ../shared/corpora/parallel-dev (three consecutive sentences of one
document a paragraph, each side joined as its language writes it), each set in a
copy of the page's own paragraph pair. It prints, for the page's CSS and for each
variant (extra CSS laid over it), how many pairs end within 40 px (the goal of
issue 30: two thirds), and the page's own article's figure. The split is the one
bench/align.py uses: SHA-256 of the document id modulo 3, 0 = held-out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import corpora_root

CORPUS = corpora_root() / "parallel-dev" / "pairs.jsonl"
CHROMIUM = "/usr/bin/chromium"
SENTENCES = 3  # a news paragraph's usual length

LEVELS = """() => Array.from(document.querySelectorAll(
    '.article__body .pair--paragraph, .pair--standfirst')).map(p => {
  const zh = p.querySelector(':scope > .zh'), target = p.querySelector(':scope > .target');
  return zh && target ? Math.round(target.getBoundingClientRect().bottom
                                   - zh.getBoundingClientRect().bottom) : null;
}).filter(d => d !== null)"""

FILL = """paragraphs => {
  const body = document.querySelector('.article__body');
  const model = body.querySelector('.pair--paragraph').cloneNode(true);
  model.querySelectorAll('.reader-note, .pnum').forEach(e => e.remove());
  body.replaceChildren(...paragraphs.map(([zh, en]) => {
    const pair = model.cloneNode(true);
    pair.querySelector('.zh').textContent = zh;
    pair.querySelector('.target').textContent = en;
    return pair; }));
  document.querySelectorAll('.pair--standfirst').forEach(e => e.remove());
}"""


def part_of(article: str) -> str:
    return "held-out" if int(hashlib.sha256(article.encode()).hexdigest(), 16) % 3 == 0 \
        else "dev"


def paragraphs(part: str) -> list[tuple[str, str]]:
    """Consecutive body sentences of each WMT document, SENTENCES to a paragraph."""
    documents: dict[str, list[tuple[str, str]]] = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["article"].startswith("wmt") and not row["heading"] \
                and part in ("both", part_of(row["article"])):
            documents.setdefault(row["article"], []).append((row["zh"], row["en"]))
    out = []
    for sentences in documents.values():
        for start in range(0, len(sentences) - SENTENCES + 1, SENTENCES):
            group = sentences[start:start + SENTENCES]
            out.append(("".join(zh for zh, _en in group), " ".join(en for _zh, en in group)))
    return out


def level(ends: list[int]) -> str:
    within = sum(1 for d in ends if abs(d) <= 40)
    return f"{within} of {len(ends)} within 40 px ({within / max(len(ends), 1):.0%})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--part", choices=["dev", "held-out", "both"], default="both")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=CSS")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is not there: nothing to measure", file=sys.stderr)
        return 0
    from playwright.sync_api import sync_playwright
    variants = [("page", ""), *(tuple(v.split("=", 1)) for v in args.variant)]
    parts = ["dev", "held-out"] if args.part == "both" else [args.part]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        for name, css in variants:
            for part in [None, *parts]:
                page.goto(args.page.resolve().as_uri())
                page.evaluate("css => { const s = document.createElement('style');"
                              " s.textContent = css; document.head.append(s); }", css)
                if part is not None:
                    page.evaluate(FILL, paragraphs(part))
                page.evaluate("document.fonts.ready")
                ends = page.evaluate(LEVELS)
                print(f"{name:>12} {part or 'the article':>11}: {level(ends)}, "
                      f"median |d| {sorted(abs(d) for d in ends)[len(ends) // 2]} px, "
                      f"median English - Chinese {sorted(ends)[len(ends) // 2]} px")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
