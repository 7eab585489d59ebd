"""Workbench speed: start-up, first page and a save.

    python bench/serve.py

Goals (issue #17): `bilingual serve` ready in under 1 s on the real project,
its first page in under 300 ms, a save under 100 ms on a 1,000-entry catalog.
Each line prints the measured time and the goal.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.catalog.pofile import read_catalog, write_catalog
from pipeline.commands.update import update
from pipeline.project import Project
from pipeline.serve import create_app

TOKEN = "bench-token-0123456789abcdefghijkl"


def copy_project(to: Path) -> Path:
    for name in ("content", "glossary", "locales"):
        shutil.copytree(ROOT / name, to / name)
    if (ROOT / "bilingual.toml").exists():
        shutil.copy(ROOT / "bilingual.toml", to / "bilingual.toml")
    return to


def startup_and_first_page(project: Path) -> tuple[float, float]:
    """Ready = the URL printed (the socket listens then); first page = requested
    at once, while the warm-up thread may still be loading language profiles."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "-C", str(project), "serve",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=env)
    try:
        url = ""
        assert proc.stdout is not None
        for line in proc.stdout:
            if "open http://" in line:
                url = line.split("open ", 1)[1].split("/#", 1)[0]
                break
        ready = time.perf_counter() - start
        begin = time.perf_counter()
        with urllib.request.urlopen(f"{url}/articles/shangdang/en") as answer:
            answer.read()
        first = time.perf_counter() - begin
        begin = time.perf_counter()
        with urllib.request.urlopen(f"{url}/articles/shangdang/en") as answer:
            answer.read()
        print(f"page again (warm)               {(time.perf_counter() - begin) * 1000:7.0f} ms")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return ready, first


def big_project(root: Path, entries: int) -> Project:
    (root / "content").mkdir(parents=True)
    (root / "locales").mkdir()
    paras = [f"第{i}段：上党区推进产业发展，第{i}项工作按计划完成。" for i in range(entries)]
    (root / "content" / "big.md").write_text("---\ntitle: 大文章\n---\n\n" + "\n\n".join(paras)
                                             + "\n", encoding="utf-8")
    project = Project(root)
    update(project, locale="en", create=True, quiet=True)
    path = project.catalog_path("big", "en")
    loaded = read_catalog(path)
    for n, entry in enumerate(loaded.po):
        entry.msgstr = f"Paragraph {n}: work item {n} in Shangdang is done."
    write_catalog(loaded.po, path)
    return project


def save_times(project: Project, saves: int = 30) -> list[float]:
    from starlette.testclient import TestClient
    app = create_app(project, token=TOKEN, translator="Bench <b@example.org>")
    api_path = "/api/articles/big/en"
    times = []
    with TestClient(app, base_url="http://127.0.0.1:8765") as api:
        view = api.get(api_path).json()
        segments = [s for s in view["segments"] if s["in_catalog"]]
        for k in range(saves):
            seg = segments[(k * 37) % len(segments)]
            body = {"fingerprint": view["fingerprint"], "edits": [{
                "segment": seg["id"], "msgstr": f"Edited {k}.", "source": seg["source"],
                "base": {"msgstr": seg["msgstr"], "fuzzy": seg["fuzzy"],
                         "comment": seg["comment"]}}]}
            start = time.perf_counter()
            answer = api.patch(api_path, json=body, headers={"X-Bilingual-Token": TOKEN})
            times.append(time.perf_counter() - start)
            assert answer.status_code == 200, answer.text
            seg["msgstr"] = f"Edited {k}."
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ready, first = startup_and_first_page(copy_project(Path(tmp) / "real"))
        print(f"serve ready (real project)      {ready * 1000:7.0f} ms   goal < 1000 ms")
        print(f"first page (real project)       {first * 1000:7.0f} ms   goal <  300 ms")
        project = big_project(Path(tmp) / "big", 1000)
        times = save_times(project)
        print(f"save, 1,000-entry catalog       {statistics.median(times) * 1000:7.0f} ms "
              f"(median of {len(times)}; max {max(times) * 1000:.0f} ms)   goal < 100 ms")


if __name__ == "__main__":
    main()
