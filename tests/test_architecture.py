"""The manual's architecture page names every module of the package, so a
newcomer can find any behaviour from it; and the stages import in one direction."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"


def _architecture() -> str:
    page = (ROOT / "docs" / "manual" / "architecture.md").read_text(encoding="utf-8")
    return page.split("\n## Layout", 1)[0]


def test_every_module_is_in_the_picture() -> None:
    picture = _architecture()
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name.startswith("_") or "static" in path.parts:
            continue
        name = path.stem
        if name not in picture:
            missing.append(path.relative_to(ROOT).as_posix())
    assert missing == [], f"docs/manual/architecture.md does not name: {missing}"


# A lower stage never imports a higher one (render may read checks, not vice versa).
ORDER = ["importer", "source", "glossary", "catalog", "checks", "memory", "render",
         "serve", "commands"]
LOWER_THAN = {stage: set(ORDER[i + 1:]) for i, stage in enumerate(ORDER)}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.level:  # relative: resolve against the package path
                base = path.relative_to(PACKAGE).parts[:-1]
                parts = list(base[: len(base) - (node.level - 1)]) + node.module.split(".")
            else:
                parts = node.module.split(".")[1:] if node.module.startswith("pipeline") else []
            if parts:
                found.add(parts[0].removesuffix(".py"))
    return found


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_stages_import_downwards_only() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        stage = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if stage not in LOWER_THAN:
            continue
        for imported in _imports(path) & LOWER_THAN[stage]:
            wrong.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert sorted(wrong) == [], wrong
