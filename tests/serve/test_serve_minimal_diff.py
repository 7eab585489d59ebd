"""A workbench save changes only the edited entry and the header lines, however
another tool wrapped the file (issue 27): rewrapping is `fmt`'s job, run on purpose."""

from __future__ import annotations

import difflib

import polib
import pytest
from serve_support import API, AUTH, Fixture


def _wrapped_by_another_tool(fx: Fixture) -> str:
    po = polib.pofile(str(fx.po_path), wrapwidth=60)  # Poedit-like wrapping
    po.save()
    return fx.text()


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_a_save_keeps_another_tools_wrapping_outside_the_edited_entry(api, fx: Fixture) -> None:
    before = _wrapped_by_another_tool(fx)
    view = api.get(API).json()
    seg = next(s for s in view["segments"] if s["id"] == fx.translated)
    response = api.patch(API, headers=AUTH, json={
        "fingerprint": view["fingerprint"],
        "edits": [{"segment": seg["id"], "msgstr": "A new translation, saved in the page."}]})
    assert response.status_code == 200, response.text
    after = fx.text()
    header_end = before.index("\n\n")
    entry_start = before.index(f'msgid "{seg["source"][:10]}')
    entry_start = before.rindex("\n\n", 0, entry_start) + 2
    entry_end = before.index("\n\n", entry_start)
    removed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
               if line.startswith("- ")]
    old_header = before[:header_end].splitlines()
    old_entry = before[entry_start:entry_end].splitlines()
    stray = [line for line in removed if line[2:] not in old_header + old_entry]
    assert stray == [], stray[:5]
    assert len(removed) <= len(old_header) + len(old_entry)
    saved = {e.msgid: e.msgstr for e in polib.pofile(str(fx.po_path))}
    assert saved[seg["source"]] == "A new translation, saved in the page."
