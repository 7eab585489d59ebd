"""Does any writer lose an editor's save? An editor process saves a catalog
every PERIOD seconds while one of our writers (the workbench save, `fmt`,
`update`, the memory fill of `update`) rewrites the same file in a loop.

    python tools/race_probe.py --seconds 60 [--writer workbench|fmt|update|fill]

The editor owns K entries and saves them in turn, each save giving one entry a
new value (read the file, change that entry, write a temporary file, rename
it over the catalog: what Poedit does). A save counts as lost when, K saves
later, the entry does not hold the value saved then, or when the entry lacks
its last value once every writer has stopped. A save seen missing at one read
and back at a later one is counted apart (`transient`): that is the moment
between swapping a file in and swapping in its merge with the displaced save.
The editor writes its entry in a form `fmt` rewrites (`msgstr ""` + a
continued line), so that every writer has something to write each time.
`refused` counts our writes that gave up because the file kept changing
(50 merges in a row): the caller is told (exit 2, a 409 on the page), and the
editor's saves are kept.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SLUG, DONOR, LOCALE = "race", "donor", "en"
WRITERS = ("workbench", "fmt", "update", "fill")
OWNED = "编辑者所改段落第{}号。"
FILLER = "译者在工作台上修改的段落第{}号。"
EXTRA = "更新时增减的一个段落。"
DONATED = "记忆库里早已译好的一个段落。"


def owned_text(k: int) -> str:
    return OWNED.format(k)


def article(owned: int, fillers: int, extra: str | None) -> str:
    paragraphs = [owned_text(k) for k in range(owned)]
    paragraphs += [FILLER.format(k) for k in range(fillers)]
    if extra:
        paragraphs.append(extra)
    return "---\ntitle: 竞态测试\n---\n\n" + "\n\n".join(paragraphs) + "\n"


def make_project(root: Path, owned: int, fillers: int = 8) -> Path:
    """A project with the race article translated throughout, and a donor
    article whose catalog holds DONATED translated (for the memory fill)."""
    import polib

    from pipeline.commands.update import UpdateOptions, update
    from pipeline.project import Project
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "locales").mkdir(exist_ok=True)
    (root / "content" / f"{SLUG}.md").write_text(article(owned, fillers, None), encoding="utf-8")
    (root / "content" / f"{DONOR}.md").write_text(f"---\ntitle: 供体\n---\n\n{DONATED}\n",
                                                 encoding="utf-8")
    project = Project(root)
    update(project, UpdateOptions(locale=LOCALE, create=True, quiet=True, jobs=1))
    for slug in (SLUG, DONOR):
        path = project.catalog_path(slug, LOCALE)
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = "start" if entry.msgid.startswith("编辑者") else "A paragraph."
        po.save()
    return root


# -- the editor ----------------------------------------------------------------------


def _entry_pattern(k: int) -> re.Pattern[str]:
    return re.compile(rf'(?m)^msgid "{re.escape(owned_text(k))}"\nmsgstr ((?:"[^\n]*"\n)+)')


def _value(text: str, pattern: re.Pattern[str]) -> str | None:
    match = pattern.search(text)
    if match is None:
        return None
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))


@dataclass
class EditorReport:
    saves: int = 0
    lost: int = 0
    transient: int = 0
    unreadable: int = 0


def editor(path: Path, owned: int, period: float, seconds: float, report: Path) -> None:
    patterns = [_entry_pattern(k) for k in range(owned)]
    mine: dict[int, str] = {}
    seen_missing: set[tuple[int, str]] = set()
    result = EditorReport()
    temp = path.with_name(path.name + ".editor-save")
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        text = path.read_text(encoding="utf-8")
        values = [_value(text, p) for p in patterns]
        k = n % owned
        if values[k] is None:
            result.unreadable += 1
            time.sleep(period)
            continue
        for j, value in mine.items():
            if value != values[j] and (j, value) not in seen_missing:
                seen_missing.add((j, value))
                result.transient += 1
        if k in mine and values[k] != mine[k]:
            result.lost += 1  # not back after a whole round of saves
        new = f"v{n}"
        match = patterns[k].search(text)
        assert match is not None
        text = text[:match.start(1)] + f'""\n"{new}"\n' + text[match.end(1):]
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
        mine[k] = new
        result.saves += 1
        n += 1
        time.sleep(period)
    Path(report).write_text(json.dumps({"report": asdict(result), "mine": mine}),
                            encoding="utf-8")


# -- the writers ---------------------------------------------------------------------


@dataclass
class Run:
    writer: str
    seconds: float
    editor_saves: int
    lost: int
    transient: int
    writes: int
    merges: int  # swaps that displaced an editor's save, merged and swapped again
    refused: int  # our writes that gave up (the file kept changing): said, never silent
    errors: list[str]


def _count_merges(window: float = 0.0) -> list[int]:
    """Count the swaps that displaced something other than what was read. Up to
    `window` seconds (a random wait, as a slow disk would take) pass before each swap:
    on a fast disk a writer that reads just after each of the editor's saves (fmt)
    swaps long before the next one, and the race may not happen in seconds of trying."""
    from pipeline.catalog import pofile
    counter = [0]
    real = getattr(pofile, "replace_verified", None)
    if real is None:  # a version before the verified swap
        return counter

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(random.uniform(0.0, window))
        swap = real(*args, **kwargs)
        if not swap.expected:
            counter[0] += 1
        return swap

    pofile.replace_verified = counting  # type: ignore[assignment]
    return counter


def _write_once(writer: str, root: Path, n: int) -> None:
    from pipeline.commands.fmt import fmt_files
    from pipeline.commands.update import UpdateOptions, update
    from pipeline.project import Project
    project = Project(root)
    path = project.catalog_path(SLUG, LOCALE)
    if writer == "workbench":
        _workbench_save(project, n)
    elif writer == "fmt":
        fmt_files([path], check=False)
    else:  # update and fill: the source gains or loses a paragraph each time
        extra = (EXTRA if writer == "update" else DONATED) if n % 2 == 0 else None
        source = project.source_path(SLUG)
        owned = len(_owned_in(source.read_text(encoding="utf-8")))
        source.write_text(article(owned, 8, extra), encoding="utf-8")
        update(project, UpdateOptions(article=SLUG, locale=LOCALE, quiet=True,
                                      memory=writer == "fill", use_cache=False, jobs=1))


def _owned_in(text: str) -> list[str]:
    return re.findall(r"编辑者所改段落第\d+号。", text)


_workspaces: dict[Path, object] = {}


def _workbench_save(project: object, n: int) -> None:
    from pipeline.serve.models import EntryEdit
    from pipeline.serve.workspace import SaveConflict, Workspace
    assert hasattr(project, "root")
    space = _workspaces.get(project.root)
    if space is None:
        space = _workspaces[project.root] = Workspace(project, translator="Probe")  # type: ignore[arg-type]
    assert isinstance(space, Workspace)
    article = space.article(SLUG)
    fillers = [s for s in article.segments if s.text.startswith("译者")]
    segment = fillers[n % len(fillers)]
    version = space.version(SLUG, LOCALE)
    edit = EntryEdit(segment=segment.id, msgstr=f"Workbench save {n}.", source=segment.text)
    with contextlib.suppress(SaveConflict):  # the page is told; the editor's saves are safe
        space.save(SLUG, LOCALE, version.catalog, [edit])


def run(writer: str, root: Path, seconds: float, period: float = 0.010, owned: int = 40,
        window: float = 0.0) -> Run:
    from pipeline.errors import PipelineError
    from pipeline.project import Project
    make_project(root, owned)
    path = Project(root).catalog_path(SLUG, LOCALE)
    report = root / "editor.json"
    _write_once(writer, root, 1)  # warm up: the first save loads what later ones reuse
    merges = _count_merges(window)
    child = subprocess.Popen([sys.executable, __file__, "editor", str(path), str(owned),
                              str(period), str(seconds), str(report)])
    writes, errors = 0, []
    end = time.monotonic() + seconds
    while child.poll() is None:
        if time.monotonic() > end + 30:
            child.kill()
            break
        try:
            _write_once(writer, root, writes)
        except PipelineError as exc:
            errors.append(str(exc))
        writes += 1
    data = json.loads(report.read_text(encoding="utf-8"))
    result = EditorReport(**data["report"])
    final = path.read_text(encoding="utf-8")
    for k, value in data["mine"].items():
        if _value(final, _entry_pattern(int(k))) != value:
            result.lost += 1
    return Run(writer, seconds, result.saves, result.lost, result.transient, writes, merges[0],
               len(errors), errors[:5])


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "editor":
        path, owned, period, seconds, report = sys.argv[2:7]
        editor(Path(path), int(owned), float(period), float(seconds), Path(report))
        return 0
    import tempfile
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--period", type=float, default=0.010)
    parser.add_argument("--writer", choices=WRITERS, action="append")
    args = parser.parse_args()
    for writer in args.writer or WRITERS:
        with tempfile.TemporaryDirectory() as scratch:
            result = run(writer, Path(scratch), args.seconds, args.period)
        print(json.dumps(asdict(result), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
