"""`bilingual init`: a new publication, then the whole workflow in it."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.glossary.load import COLUMNS

ARTICLE = ("某某镇概况\n\n记者 王明\n\n某某镇位于县城东部，总面积120平方公里，辖12个行政村。\n\n"
           "一、基本情况\n\n全镇以农业为主,种植小麦、玉米等作物。\n")


def test_init_creates_a_project_and_refuses_to_overwrite_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "mag"
    assert main(["init", str(root), "--name", 'Town "Notes"']) == 0
    assert sorted(p.name for p in root.iterdir()) == [
        ".github", ".gitignore", ".pre-commit-config.yaml", "bilingual.toml", "content",
        "glossary", "locales", "requirements-bilingual.txt"]
    config = tomllib.loads((root / "bilingual.toml").read_text(encoding="utf-8"))
    assert config["publication"]["name"] == 'Town "Notes"'
    with (root / "glossary" / "terms.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == list(COLUMNS)
    ignore = (root / ".gitignore").read_text(encoding="utf-8").split()
    assert {"build/", ".bilingual/", "*.mo"} <= set(ignore)
    capsys.readouterr()
    before = (root / "bilingual.toml").read_bytes()
    assert main(["init", str(root), "--name", "Other"]) == 2
    assert "not overwriting" in capsys.readouterr().err
    assert (root / "bilingual.toml").read_bytes() == before


def test_empty_directory_error_says_to_run_init(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["status"]) == 2
    assert "bilingual init" in capsys.readouterr().err


@pytest.mark.gnu
def test_init_then_import_update_check_build(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "mag"
    assert main(["init", str(root), "--name", "Town Notes"]) == 0
    raw = tmp_path / "town.txt"
    raw.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["import", str(raw), "--slug", "town"]) == 0
    md = (root / "content" / "town.md").read_text(encoding="utf-8")
    assert "byline: 记者 王明" in md and "## 一、基本情况" in md
    assert main(["update", "--locale", "en", "--create"]) == 0
    assert (root / "locales" / "en" / "LC_MESSAGES" / "town.po").is_file()
    assert main(["check"]) in (0, 1)   # untranslated entries are reported, not a crash
    assert main(["build"]) == 0
    assert any((root / "build").glob("town*.html"))


def test_a_new_catalog_names_the_projects_translator(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Not msginit's "FULL NAME <EMAIL@ADDRESS>" when bilingual.toml names the translator."""
    from pipeline.catalog.pofile import read_catalog
    from pipeline.commands.update import UpdateOptions, update
    from pipeline.project import Project

    monkeypatch.delenv("BILINGUAL_TRANSLATOR", raising=False)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("---\ntitle: 标题\n---\n\n一段文字。\n",
                                               encoding="utf-8")
    (tmp_path / "bilingual.toml").write_text(
        '[publication]\ntranslator = "Li Hua <li.hua@example.org>"\n', encoding="utf-8")
    project = Project.at(tmp_path)
    update(project, UpdateOptions(locale="en", create=True, quiet=True, memory=False))
    po = read_catalog(project.catalog_path("a", "en")).po
    assert po.metadata["Last-Translator"] == "Li Hua <li.hua@example.org>"


def test_the_requirement_to_fill_in_is_named_by_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed from a local folder, init cannot know where CI gets bilingual: it names
    the line to edit (an outside tester could not tell what "say where" meant)."""
    from pipeline.ci_config import PLACEHOLDER_REQUIREMENT
    from pipeline.commands import init

    monkeypatch.setattr(init, "installed_requirement", lambda: None)  # as from a folder
    assert init.init_command(init.InitOptions(directory=tmp_path)) == 0
    lines = (tmp_path / "requirements-bilingual.txt").read_text(encoding="utf-8").splitlines()
    line = lines.index(PLACEHOLDER_REQUIREMENT) + 1
    assert f"requirements-bilingual.txt:{line}: edit this line" in capsys.readouterr().err
