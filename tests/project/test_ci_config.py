"""`bilingual init` writes CI configuration that runs as written: pre-commit hooks
(run here with pre-commit itself), a GitHub workflow (its shell steps run here), and
the manual (docs/manual/workflows.md, CI) quotes both files word for word."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from pipeline.ci_config import PRE_COMMIT_CONFIG, WORKFLOW
from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "---\ntitle: 题\n---\n\n煤炭产业一直是全区的支柱产业。\n"


def _yaml_blocks(text: str) -> list[str]:
    return [block.split("\n", 1)[1] for block in text.split("```")[1::2]
            if block.startswith("yaml\n")]


def test_the_manual_quotes_the_files_init_writes() -> None:
    page = (ROOT / "docs" / "manual" / "workflows.md").read_text(encoding="utf-8")
    blocks = _yaml_blocks(page)
    assert PRE_COMMIT_CONFIG in blocks and WORKFLOW in blocks
    for text in (page, (ROOT / "README.md").read_text(encoding="utf-8")):
        assert "example.org/bilingual" not in text


def _project(tmp_path: Path, *extra: str) -> Path:
    root = tmp_path / "mag"
    assert main(["init", str(root), "--name", "Town Notes", *extra]) == 0
    (root / "content" / "a.md").write_text(ARTICLE, encoding="utf-8")
    assert main(["-C", str(root), "update", "--locale", "en", "--create"]) == 0
    return root


def test_init_writes_ci_configuration(tmp_path: Path) -> None:
    root = _project(tmp_path, "--install-from", "bilingual @ git+https://git.example/b@v1")
    assert (root / ".pre-commit-config.yaml").read_text(encoding="utf-8") == PRE_COMMIT_CONFIG
    assert (root / ".github/workflows/bilingual.yml").read_text(encoding="utf-8") == WORKFLOW
    assert (root / "requirements-bilingual.txt").read_text(encoding="utf-8").endswith(
        "\nbilingual @ git+https://git.example/b@v1\n")
    workflow = yaml.safe_load(WORKFLOW)
    steps = workflow["jobs"]["check"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert workflow["permissions"]["security-events"] == "write"
    config = yaml.safe_load(PRE_COMMIT_CONFIG)
    assert [h["id"] for h in config["repos"][0]["hooks"]] == ["bilingual-fmt", "bilingual-check"]
    bare = tmp_path / "bare"
    assert main(["init", str(bare), "--no-ci"]) == 0
    assert not (bare / ".pre-commit-config.yaml").exists() and not (bare / ".github").exists()


def _env() -> dict[str, str]:
    # The `bilingual` on PATH imports this checkout (the package may be installed
    # from another one).
    return {**os.environ, "PYTHONPATH": str(ROOT), "PRE_COMMIT_COLOR": "never"}


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_the_workflows_shell_steps_run_as_written(tmp_path: Path) -> None:
    if shutil.which("bilingual") is None:
        pytest.skip("no bilingual on PATH")
    root = _project(tmp_path)
    steps = yaml.safe_load(WORKFLOW)["jobs"]["check"]["steps"]
    runs = [s["run"] for s in steps if "run" in s and not s["run"].startswith("pip install")]
    for command in runs:
        proc = subprocess.run(["bash", "-e", "-c", command], cwd=root, env=_env(),
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, (command, proc.stderr)
    sarif = json.loads((root / "bilingual.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    # A finding fails the gate, and the SARIF step still writes its report.
    (root / "glossary" / "terms.csv").write_text(
        "term,english,variants,forbidden,type,pinyin,note,gloss\n"
        "支柱产业,pillar industry,,mainstay industry,industry-term,,,\n", encoding="utf-8")
    po = root / "locales/en/LC_MESSAGES/a.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "煤炭产业一直是全区的支柱产业。"\nmsgstr ""',
        'msgid "煤炭产业一直是全区的支柱产业。"\nmsgstr "Coal has always been the mainstay '
        'industry."'), encoding="utf-8")
    results = [subprocess.run(["bash", "-e", "-c", c], cwd=root, env=_env(),
                              capture_output=True, text=True, check=False).returncode
               for c in runs]
    assert results == [1, 0]
    sarif = json.loads((root / "bilingual.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]


@pytest.mark.slow
def test_pre_commit_runs_the_hooks_in_a_fresh_project(tmp_path: Path) -> None:
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git not installed")
    root = _project(tmp_path)
    env = {**_env(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=root, env=env, capture_output=True, text=True,
                              check=False)
    assert run("git", "init", "-q").returncode == 0
    run("git", "add", "-A")
    first = run("pre-commit", "run", "--all-files")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "bilingual fmt" in first.stdout and "Passed" in first.stdout
    po = root / "locales/en/LC_MESSAGES/a.po"
    canonical = po.read_text(encoding="utf-8")
    po.write_text(canonical.replace("\n\n", "\n\n\n", 1), encoding="utf-8")  # not canonical
    run("git", "add", "-A")
    second = run("pre-commit", "run", "--all-files")
    assert second.returncode == 1 and "files were modified by this hook" in second.stdout
    assert po.read_text(encoding="utf-8") == canonical
