"""The manual builds as a site with no warning (so a broken link or a page left
out of the navigation fails CI), and every relative link in the README leads to
a file that exists."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_readme_links_lead_to_files() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", readme)
    assert targets, "the README links to the manual"
    missing = [t for t in targets if not (ROOT / t).exists()]
    assert missing == []


def test_readme_is_a_front_door() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 150
    headings = [line for line in readme.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Quick start"


@pytest.mark.slow
def test_manual_builds_strictly(tmp_path: Path) -> None:
    if shutil.which("mkdocs") is None:
        pytest.skip("mkdocs is not installed (pip install -e '.[test]')")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-f", str(ROOT / "docs" / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    # The hook filled every reference section from the registries.
    built = {page: (site / page / "index.html").read_text(encoding="utf-8")
             for page in ("commands", "publishing", "checks", "architecture")}
    assert "usage: bilingual xliff import" in built["commands"]
    assert "SLUG.zh-en.epub" in built["publishing"]
    assert "BL902" in built["checks"]
    assert "<code>reference</code>" in built["architecture"]
    assert not any("<!-- reference:" in page for page in built.values())
