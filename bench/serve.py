"""Workbench speed, this version beside the current one, in one run.

    python bench/serve.py [--against /work/main] [--rounds 3] [--entries 1000]

Each version runs `bilingual serve` as a translator does (a subprocess, its own
PYTHONPATH) and is timed on the same copies of the same projects, in turns:

- ready: from the process start to its URL printed (what the translator waits for);
- first page: headless Chromium opens the article page, timed to the moment it is
  complete: every entry is in the page (one translation box per segment of the
  catalog, its text in it), the page says it is ready for keys (`body[data-ready]`),
  and a frame has been painted after that. The same definition for both versions,
  on the real project and on a 1,000-entry catalog, right after the URL appears
  (cold) and once more (warm); "first screen usable" is the moment the page
  says its first screen is there to use, painted, while a long catalog's other
  entries are still being drawn (the same as "first page" where a version draws
  all at once);
  "findings shown" adds the wait for the check
  findings where they come later; "empty page" is the floor: the same browser
  opening a one-line page (what no page can beat on this machine); "renderer
  CPU" is the browser's own work for a warm page, from a Chromium trace: the
  main thread's CPU time (thread clock) from navigation to the complete page,
  which a busy machine blurs far less than the wall clock;
- two clocks for each page: the bench's wall time above, from Playwright's
  `goto` to its answer that the page is complete (it includes the round trips
  between this script and the browser, and Playwright's own polling for the
  marks in the page), and the browser's clock ("browser clock"): the page's
  performance.now() (0 = the navigation's start) when the mark is set and when
  the frame after it is out, recorded by a script the bench adds to every page
  of both versions (a MutationObserver on the marks);
- save: one entry of the 1,000-entry catalog through the HTTP API (median).

Goals (issue #31): ready < 1000 ms, first page < 300 ms, save < 100 ms. Rounds
alternate the versions so a busy machine slows both alike; the figure is the
median of the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.catalog.pofile import read_catalog, write_catalog
from pipeline.commands.update import UpdateOptions, update
from pipeline.project import Project
from pipeline.source import read_article

CHROMIUM = Path(os.environ.get("BILINGUAL_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]
GOALS = {"ready": 1000, "page": 300, "save": 100}


@dataclass(frozen=True)
class Version:
    label: str
    root: Path


def copy_project(to: Path) -> Path:
    for name in ("content", "glossary", "locales"):
        shutil.copytree(ROOT / name, to / name)
    if (ROOT / "bilingual.toml").exists():
        shutil.copy(ROOT / "bilingual.toml", to / "bilingual.toml")
    return to


def big_project(root: Path, entries: int) -> Path:
    """A catalog of `entries` real paragraphs: the Shangdang article's translated
    paragraphs, numbered so each is its own entry (glossary terms, numbers and
    findings as in real work), all translated."""
    article = read_article(ROOT / "content" / "shangdang.md")
    done = {e.msgid: e.msgstr for e in read_catalog(
        ROOT / "locales" / "en" / "LC_MESSAGES" / "shangdang.po").po if e.msgstr}
    pairs = [(s.text, done[s.text]) for s in article.segments
             if s.kind.value == "paragraph" and s.text in done]
    (root / "content").mkdir(parents=True)
    (root / "locales" / "en").mkdir(parents=True)
    shutil.copytree(ROOT / "glossary", root / "glossary")
    texts = [f"（{n + 1}）{pairs[n % len(pairs)][0]}" for n in range(entries)]
    (root / "content" / "big.md").write_text("---\ntitle: 大文章\n---\n\n" + "\n\n".join(texts)
                                             + "\n", encoding="utf-8")
    project = Project(root)
    update(project, UpdateOptions(locale="en", create=True, quiet=True, memory=False))
    path = project.catalog_path("big", "en")
    loaded = read_catalog(path)
    english = {t: f"({n + 1}) {pairs[n % len(pairs)][1]}" for n, t in enumerate(texts)}
    for entry in loaded.po:
        entry.msgstr = english.get(entry.msgid, "")
    write_catalog(loaded.po, path)
    return root


@contextmanager
def serving(version: Version, project: Path) -> Iterator[tuple[str, str, float]]:
    """`bilingual serve` of `version` on `project`: (base URL, token, ms to the URL)."""
    env = {**os.environ, "PYTHONPATH": str(version.root), "BILINGUAL_TRANSLATOR": "Bench <b@x.org>"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "-C", str(project), "serve",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=env, cwd=project)
    try:
        url = token = ""
        assert proc.stdout is not None
        for line in proc.stdout:
            if "open http://" in line:
                url, token = line.split("open ", 1)[1].strip().split("/#token=", 1)
                break
        if not url:
            raise RuntimeError(f"{version.label}: serve printed no URL")
        yield url, token, (time.perf_counter() - start) * 1000
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # busy answering a request that timed out
            proc.kill()
            proc.wait()


TIMEOUT_MS = 300_000


# The browser's own clock (performance.now(), 0 at the navigation's start) when the
# page sets each mark, and once the frame after it is out; added to every page.
CLOCK = """(() => {
  const marks = window.__benchMarks = {};
  const seen = () => {
    const body = document.body;
    if (!body) return;
    for (const name of ['firstScreen', 'ready', 'checked']) {
      if (body.dataset[name] === 'true' && !(name in marks)) {
        marks[name] = performance.now();
        requestAnimationFrame(() => setTimeout(() => { marks[name + 'Painted'] = performance.now(); }, 0));
      }
    }
  };
  new MutationObserver(seen).observe(document, { attributes: true, subtree: true,
    attributeFilter: ['data-first-screen', 'data-ready', 'data-checked'] });
})();"""


@dataclass(frozen=True)
class Opened:
    """One page opened: the bench's wall times and the browser's clock, in ms."""
    first: float
    ready: float
    checked: float
    clock_first: float
    clock_ready: float


NOT_SHOWN = Opened(*[float("inf")] * 5)


# Resolves once a frame has been painted after the call (rAF runs before the paint,
# the task after it runs once the frame is out).
PAINTED = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))"


def entries_in(url: str, token: str) -> int:
    """How many segments the page must hold: the API's view of the same catalog."""
    api = url.replace("/articles/", "/api/articles/")
    with urllib.request.urlopen(api, timeout=TIMEOUT_MS / 1000) as answer:
        return len(json.load(answer)["segments"])


def empty_page(browser: object) -> float:
    """ms for the same browser to open and paint a one-line page: the floor."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto("data:text/html,<!DOCTYPE html><title>empty</title><p>empty</p>",
                  wait_until="commit")
        page.wait_for_selector("p", state="attached")
        page.evaluate(PAINTED)
        return (time.perf_counter() - start) * 1000
    finally:
        context.close()


def open_page(browser: object, url: str, token: str) -> Opened:
    """ms until the first screen is usable (it says so, or is complete, and is
    painted), until the page is complete (every entry in it, ready, painted), and
    until the findings are shown too (infinity: not within TIMEOUT_MS); and the
    first two by the browser's clock."""
    from playwright.sync_api import TimeoutError as PageTimeout

    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    context.add_init_script(CLOCK)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        start = time.perf_counter()
        page.goto(f"{url}#token={token}", wait_until="commit")
        # Versions that draw all at once have no first screen of their own: it is ready.
        page.wait_for_selector("body[data-first-screen='true'], body[data-ready='true']",
                               state="attached")
        page.evaluate(PAINTED)
        first = (time.perf_counter() - start) * 1000
        page.wait_for_selector("body[data-ready='true']", state="attached")
        page.evaluate(PAINTED)
        ready = (time.perf_counter() - start) * 1000
        shown = page.evaluate("document.querySelectorAll('textarea.msgstr').length")
        # Versions without lazy findings show them with the entries.
        page.wait_for_function("() => !document.body.dataset.checked"
                               " || document.body.dataset.checked === 'true'")
        checked = (time.perf_counter() - start) * 1000
        if shown != entries_in(url, token):  # ready before every entry was in the page
            raise RuntimeError(f"{url}: {shown} of {entries_in(url, token)} entries in the page")
        page.wait_for_function("() => 'readyPainted' in window.__benchMarks")
        marks = page.evaluate("window.__benchMarks")
        # A version that draws all at once has no first screen of its own: it is ready.
        return Opened(first, ready, checked, marks.get("firstScreenPainted", marks["readyPainted"]),
                      marks["readyPainted"])
    except PageTimeout:
        return NOT_SHOWN
    finally:
        context.close()


def renderer_cpu(browser: object, url: str, token: str) -> float:
    """ms of CPU on the page's main thread (thread clock), opening to complete."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    with tempfile.TemporaryDirectory() as tmp:
        trace = Path(tmp) / "trace.json"
        browser.start_tracing(page=page, path=str(trace),  # type: ignore[attr-defined]
                              categories=["devtools.timeline",
                                          "disabled-by-default-devtools.timeline"])
        try:
            page.goto(f"{url}#token={token}", wait_until="commit")
            page.wait_for_selector("body[data-ready='true']", state="attached")
            page.evaluate(PAINTED)
        finally:
            browser.stop_tracing()  # type: ignore[attr-defined]
            context.close()
        loaded = json.loads(trace.read_text(encoding="utf-8"))
    events = loaded["traceEvents"] if isinstance(loaded, dict) else loaded
    # The page's main thread: where its HTML was parsed.
    main = next((e["pid"], e["tid"]) for e in events if e.get("name") == "ParseHTML"
                and "/articles/" in json.dumps(e.get("args", {})))
    return sum(e.get("tdur", 0) for e in events if (e.get("pid"), e.get("tid")) == main
               and e.get("ph") == "X" and e.get("name") == "RunTask") / 1000


def save_times(url: str, token: str, saves: int) -> list[float]:
    api = f"{url}/api/articles/big/en"
    with urllib.request.urlopen(api, timeout=TIMEOUT_MS / 1000) as answer:
        view = json.load(answer)
    segments = [s for s in view["segments"] if s["in_catalog"]]
    times = []
    for k in range(saves):
        seg = segments[(k * 37) % len(segments)]
        body = json.dumps({"fingerprint": view["fingerprint"], "edits": [{
            "segment": seg["id"], "msgstr": f"Edited {k}.", "source": seg["source"],
            "base": {"msgstr": seg["msgstr"], "fuzzy": seg["fuzzy"],
                     "comment": seg["comment"]}}]}).encode()
        request = urllib.request.Request(api, data=body, method="PATCH", headers={
            "Content-Type": "application/json", "X-Bilingual-Token": token})
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=TIMEOUT_MS / 1000) as answer:
            answer.read()
        times.append((time.perf_counter() - start) * 1000)
        seg["msgstr"] = f"Edited {k}."
    return times


def record(out: dict[str, float], which: str, opened: Opened) -> None:
    """One page's figures under their names (`which`: "warm (real)" and the like)."""
    out[f"  first screen usable, {which}"] = opened.first
    out[f"first page, {which}"] = opened.ready
    out[f"  browser clock: first screen, {which}"] = opened.clock_first
    out[f"  browser clock: first page, {which}"] = opened.clock_ready
    out[f"  findings shown, {which}"] = opened.checked


def one_round(version: Version, browser: object, real: Path, big: Path, saves: int
              ) -> dict[str, float]:
    out: dict[str, float] = {}
    out["empty page (the floor)"] = empty_page(browser)
    with serving(version, real) as (url, token, ready):
        out["ready (real project)"] = ready
        page = f"{url}/articles/shangdang/en"
        cold = open_page(browser, page, token)
        record(out, "cold (real)", cold)
        record(out, "warm (real)", open_page(browser, page, token))
        out["  renderer CPU, warm (real)"] = renderer_cpu(browser, page, token)
        # What the translator waits for in all: the command started -> entries shown.
        out["start -> page shown, cold (real)"] = ready + cold.ready
    with serving(version, big) as (url, token, _ready):
        page = f"{url}/articles/big/en"
        record(out, "cold (1,000)", open_page(browser, page, token))
        record(out, "warm (1,000)", open_page(browser, page, token))
        out["  renderer CPU, warm (1,000)"] = renderer_cpu(browser, page, token)
        try:
            out["save (1,000, median)"] = statistics.median(save_times(url, token, saves))
        except OSError:  # timed out
            out["save (1,000, median)"] = float("inf")
    print(f"  {version.label}: " + ", ".join(f"{k.strip()} {v:.0f}" for k, v in out.items()),
          file=sys.stderr, flush=True)
    return out


def goal(name: str) -> str:
    if name.startswith(("start", "empty")):
        return ""
    kind = "ready" if name.startswith("ready") else "save" if name.startswith("save") else "page"
    return f"< {GOALS[kind]} ms" if not name.startswith("  ") else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, default=Path("/work/main"),
                        help="the current version's checkout (default /work/main)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds a page may take before it counts as not shown")
    args = parser.parse_args()
    global TIMEOUT_MS
    TIMEOUT_MS = int(args.timeout * 1000)
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    versions = [Version("current", args.against.resolve()), Version("this", ROOT)]
    versions = [v for v in versions if (v.root / "pipeline").is_dir()]
    results: dict[str, dict[str, list[float]]] = {v.label: defaultdict(list) for v in versions}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        big = big_project(Path(tmp) / "big-template", args.entries)
        for n in range(args.rounds):
            for version in versions if n % 2 == 0 else versions[::-1]:
                # Fresh copies: no version reads back the other's caches.
                real = copy_project(Path(tmp) / f"real-{version.label}-{n}")
                mine = Path(tmp) / f"big-{version.label}-{n}"
                shutil.copytree(big, mine)
                for name, value in one_round(version, browser, real, mine, args.saves).items():
                    results[version.label][name].append(value)
        browser.close()
    names = list(results[versions[-1].label])
    print(f"{'':46}" + "".join(f"{v.label:>12}" for v in versions) + "   goal")
    for name in names:
        row = [statistics.median(results[v.label][name]) for v in versions]
        print(f"{name:46}" + "".join(f"{x:10.0f} ms" for x in row) + f"   {goal(name)}")
    print(f"(median of {args.rounds} rounds; {args.entries} entries; current = {args.against})")


if __name__ == "__main__":
    main()
