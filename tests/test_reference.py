"""The manual's reference sections come from the registries: every command, edition
and flag the code declares is in them, with its help, without an edit to the manual."""

from __future__ import annotations

import re

import pytest

from pipeline import reference
from pipeline.commands.registry import COMMANDS
from pipeline.render.registry import EDITIONS


@pytest.fixture(scope="module")
def commands_page() -> str:
    return reference.commands_reference()


def test_every_command_has_its_section_with_usage(commands_page: str) -> None:
    text = commands_page
    for entry in COMMANDS:
        assert f"| [`bilingual {entry.name}`](#bilingual-{entry.name}) |" in text
        assert f"### `bilingual {entry.name}`" in text
    assert "usage: bilingual memory lookup" in text
    assert "usage: bilingual fmt [-h] [--check] [--force] FILE [FILE ...]" in text


def test_every_flag_says_what_it_does(commands_page: str) -> None:
    """An empty cell in the manual is a flag whose `-h` says nothing either."""
    empty = [line for line in commands_page.splitlines()
             if re.fullmatch(r"\| `[^`]+` \|\s*\|", line)]
    assert empty == []


def test_choices_are_listed(commands_page: str) -> None:
    assert r"(text \| json \| github \| sarif)" in commands_page


def test_every_edition_is_listed_with_its_file() -> None:
    table = reference.editions_table()
    for edition in EDITIONS:
        assert f"| {edition.name} | `{edition.file_name('SLUG', 'zh', 'en')}` |" in table


def test_sections_are_filled_in_place_and_unknown_ones_refused() -> None:
    page = "# Title\n\n<!-- reference: editions -->\nold table\n<!-- /reference -->\n\nAfter.\n"
    filled = reference.fill(page)
    assert filled.startswith("# Title\n\n<!-- reference: editions -->\n| edition | file |")
    assert filled.endswith("|\n<!-- /reference -->\n\nAfter.\n") and "old table" not in filled
    assert reference.fill(filled) == filled
    bare = reference.fill("<!-- reference: editions -->\n")  # a new section: just its marker
    assert bare.startswith("<!-- reference: editions -->\n| edition |")
    site = reference.for_site(page)
    assert "<!--" not in site and "| edition | file |" in site
    with pytest.raises(KeyError, match="no reference section 'nothing'"):
        reference.fill("<!-- reference: nothing -->\n")


def test_the_manual_pages_are_up_to_date() -> None:
    stale = [page.name for page in reference.stale_pages()]
    assert stale == [], f"{stale} out of date with the registries: python -m pipeline.reference"
