"""The manual's reference sections, made from the registries and docstrings when the site
is built, so a new command, edition, rule or module needs no edit to the manual.

A page holds a section between `<!-- reference: NAME -->` and `<!-- /reference -->`, so
it reads complete on a code host too. `python -m pipeline.reference` rewrites every page
of docs/manual whose sections are out of date (a test fails, naming that command, when
one is), and `docs/hooks.py` (a MkDocs hook) fills them again when the site is built, so
the site is never stale. The sections:

- `commands`: every row of commands/registry.py, with its `-h` description, usage and
  flags as argparse declares them;
- `editions`: render/registry.py's `EDITIONS`;
- `check-codes`: checks/registry.py's rules;
- `modules`: every module of the package with the first sentence of its docstring,
  grouped by stage.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re
import tokenize
from collections.abc import Callable, Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
MARKER = re.compile(r"^<!-- reference: ([a-z-]+) -->$", re.MULTILINE)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


# Commands

def _flag_rows(parser: argparse.ArgumentParser) -> Iterator[str]:
    """One table row per flag or positional argparse would list in `-h` (the parser's
    actions: argparse has no public accessor, and every docs generator reads these)."""
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue
        if action.help == argparse.SUPPRESS:
            continue
        if action.option_strings:
            metavar = action.metavar or (action.dest.upper() if action.nargs != 0 else "")
            names = ", ".join(f"{o} {metavar}".strip() for o in action.option_strings)
        else:
            names = str(action.metavar or action.dest)
        help_text = (action.help or "") % {"default": action.default, "prog": parser.prog}
        if action.choices and action.option_strings:
            help_text += " (" + " | ".join(str(c) for c in action.choices) + ")"
        yield f"| `{names}` | {_cell(help_text)} |"


def _command_section(prog: str, summary: str, description: str | None,
                     parser: argparse.ArgumentParser) -> list[str]:
    lines = [f"### `{prog}`", "", description or summary, "", "```text",
             parser.format_usage().strip(), "```", ""]
    rows = list(_flag_rows(parser))
    if rows:
        lines += ["| flag | meaning |", "|---|---|", *rows, ""]
    return lines


def commands_reference() -> str:
    """A summary table of every command, then a section each (sub-actions included)."""
    from .commands.base import CommandGroup
    from .commands.registry import COMMANDS, load

    lines = ["| command | what it does |", "|---|---|"]
    lines += [f"| [`bilingual {e.name}`](#bilingual-{e.name}) | {_cell(e.help)} |"
              for e in COMMANDS]
    lines.append("")
    for entry in COMMANDS:
        command = load(entry)
        prog = f"bilingual {entry.name}"
        if isinstance(command, CommandGroup):
            lines += [f"### `{prog}`", "", command.description or entry.help, ""]
            for name, action in command.actions.items():
                sub = argparse.ArgumentParser(prog=f"{prog} {name}")
                action.command.configure(sub)
                section = _command_section(f"{prog} {name}", action.help,
                                           action.command.description, sub)
                lines += ["#" + section[0], *section[1:]]
        else:
            parser = argparse.ArgumentParser(prog=prog)
            command.configure(parser)
            lines += _command_section(prog, entry.help, command.description, parser)
    return "\n".join(lines).rstrip() + "\n"


# Editions and check codes

def editions_table() -> str:
    from .render.registry import EDITIONS

    rows = ["| edition | file | on the reader's index |", "|---|---|---|"]
    for edition in EDITIONS:
        name = edition.file_name("SLUG", "zh", "en")
        link = edition.link.format(language="English") if edition.link else "—"
        rows.append(f"| {edition.name} | `{name}` | {link} |")
    return "\n".join(rows) + "\n"


def check_codes_table() -> str:
    from .checks.registry import markdown_table

    return markdown_table()


# Modules

# The stage a module belongs to, by the longest matching path prefix, in the order the
# architecture page lists them. A new package needs its line here (a test says so).
STAGES: tuple[tuple[str, str], ...] = (
    ("importer", "1. import: raw text, PDF, .docx or web page → reviewed Markdown"),
    ("", "2. source and shared ground"),
    ("glossary", "terminology (used by every later stage)"),
    ("catalog", "3. catalog: Article → .pot → .po"),
    ("po", "the .po format itself"),
    ("memory", "translation memory"),
    ("checks", "4. checks: catalogs → findings"),
    ("checks/align", "sentence alignment (BL308/BL309, `bilingual align`, the pages)"),
    ("checks/numbers", "number models (BL401–BL403)"),
    ("checks/langid", "language identification (BL502/BL503)"),
    ("checks/rules", "rule families"),
    ("render", "5. render: catalogs → editions"),
    ("serve", "the workbench"),
    ("commands", "commands: parse, call, report"),
)


def modules() -> list[Path]:
    """The package's modules a reader looks for (not `__init__`, not the static files)."""
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if not p.name.startswith("_") and "static" not in p.relative_to(PACKAGE).parts]


def module_name(path: Path) -> str:
    return path.relative_to(PACKAGE).with_suffix("").as_posix()


def stage_of(name: str) -> str:
    """The stage prefix a module belongs to ("" for a top-level module); KeyError for a
    module in a package STAGES does not name."""
    package = name.rpartition("/")[0]
    prefixes = [p for p, _ in STAGES if p and (package == p or package.startswith(p + "/"))]
    if prefixes:
        return max(prefixes, key=len)
    if package:
        raise KeyError(f"pipeline/{package}/ has no stage in pipeline/reference.py STAGES")
    return ""


def docstring(path: Path) -> str:
    """A module's docstring, read from its first tokens (not a parse of the whole file:
    the page lists some 200 modules)."""
    with tokenize.open(path) as source:
        for token in tokenize.generate_tokens(source.readline):
            if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE):
                continue
            if token.type == tokenize.STRING:
                return inspect.cleandoc(ast.literal_eval(token.string))
            return ""
    return ""


def summary(path: Path) -> str:
    """A module's one job: its docstring's first sentence."""
    doc = docstring(path)
    paragraph = " ".join(doc.split("\n\n", 1)[0].split())
    return re.split(r"(?<=\.)\s+(?=[A-Z`(])", paragraph, maxsplit=1)[0]


def modules_table() -> str:
    by_stage: dict[str, list[Path]] = {prefix: [] for prefix, _ in STAGES}
    for path in modules():
        by_stage[stage_of(module_name(path))].append(path)
    rows = ["| stage | module | its one job |", "|---|---|---|"]
    for prefix, title in STAGES:
        for i, path in enumerate(by_stage[prefix]):
            rows.append(f"| {title if i == 0 else ''} | `{module_name(path)}` | "
                        f"{_cell(summary(path))} |")
    return "\n".join(rows) + "\n"


SECTIONS: dict[str, Callable[[], str]] = {
    "commands": commands_reference,
    "editions": editions_table,
    "check-codes": check_codes_table,
    "modules": modules_table,
}


MANUAL = PACKAGE.parent / "docs" / "manual"
END = "<!-- /reference -->"
BLOCK = re.compile(r"^<!-- reference: ([a-z-]+) -->\n(?:.*?^<!-- /reference -->$)?",
                   re.MULTILINE | re.DOTALL)


def fill(markdown: str) -> str:
    """A page with each reference section (its opening line, and what stands before its
    closing line if it has one) made afresh from the registries."""
    def section(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in SECTIONS:
            raise KeyError(f"no reference section {name!r} (known: {', '.join(SECTIONS)})")
        return f"<!-- reference: {name} -->\n{SECTIONS[name]().rstrip()}\n{END}"
    return BLOCK.sub(section, markdown)


def for_site(markdown: str) -> str:
    """The page as the built site shows it: sections fresh, their marker lines gone."""
    return re.sub(r"^<!-- (?:reference: [a-z-]+|/reference) -->\n", "", fill(markdown),
                  flags=re.MULTILINE)


def stale_pages(manual: Path = MANUAL) -> list[Path]:
    """The manual's pages whose reference sections differ from the registries."""
    return [page for page in sorted(manual.glob("*.md"))
            if fill(text := page.read_text(encoding="utf-8")) != text]


def main() -> int:
    """Rewrite the stale pages of docs/manual; say which."""
    for page in stale_pages():
        page.write_text(fill(page.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"{page.relative_to(PACKAGE.parent)}: reference sections rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
