"""The manual's architecture page names every module of the package, so a
newcomer can find any behaviour from it; the stages import in one direction; and no
function of the package or the benchmarks is longer than a screen."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import reference

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"


def test_every_module_is_in_the_picture() -> None:
    """The page's table is generated: it names every module, each under a stage and
    with the first sentence of its docstring as its one job."""
    page = (ROOT / "docs" / "manual" / "architecture.md").read_text(encoding="utf-8")
    assert "<!-- reference: modules -->" in page
    table = reference.modules_table()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name.startswith("_") or "static" in path.parts:
            continue
        name = path.relative_to(PACKAGE).with_suffix("").as_posix()
        job = reference.summary(path)
        assert len(job) > 10, f"{name}: its docstring's first sentence says its job"
        assert f"| `{name}` | {job.replace('|', chr(92) + '|')} |" in table, name


def test_a_new_package_must_name_its_stage() -> None:
    assert reference.stage_of("checks/numbers/compare") == "checks/numbers"
    assert reference.stage_of("checks/runner") == "checks"
    assert reference.stage_of("atomic") == ""
    with pytest.raises(KeyError, match="pipeline/newstage/ has no stage"):
        reference.stage_of("newstage/thing")


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


FUNCTION_LINES = 60  # the developers' guide: a function a reader takes in at once
# A function ends before the next `def` or `class` at its indentation or less (or at
# the end of the file). Only a file with such a stretch over the limit is parsed to
# measure exactly: parsing every file would take a third of a second.
_BLOCK_START = re.compile(r"([ \t]*)(?:async[ \t]+)?(?:def|class)[ \t]")


def _may_have_a_long_function(text: str) -> bool:
    lines = text.split("\n")
    starts = [(number, len(found.group(1))) for number, line in enumerate(lines)
              if (found := _BLOCK_START.match(line))]
    return any(next((later for later, inner in starts[k + 1:] if inner <= indent), len(lines))
               - number > FUNCTION_LINES for k, (number, indent) in enumerate(starts))


def _functions(body: list[ast.stmt]) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Every function of these statements, nested ones too (never in an expression)."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node
        for part in ("body", "orelse", "finalbody", "handlers", "cases"):
            yield from _functions(getattr(node, part, []))


def test_no_function_is_over_60_lines() -> None:
    """In pipeline/ and bench/, from its `def` to its last line (decorators aside)."""
    long = []
    for path in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "bench").rglob("*.py")]):
        text = path.read_text(encoding="utf-8")
        if not _may_have_a_long_function(text):
            continue
        for node in _functions(ast.parse(text).body):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > FUNCTION_LINES:
                long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {lines}")
    assert long == [], long
