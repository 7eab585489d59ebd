"""The three-way catalog merge (pipeline.catalog.threeway), entry by entry."""

from __future__ import annotations

import copy

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.catalog.threeway import merge


def catalog(entries: dict[str, str]) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in entries.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    return po


def texts(po: polib.POFile) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in po}


def test_changes_on_different_entries_are_both_kept() -> None:
    base = catalog({"a": "1", "b": "2", "c": "3"})
    disk = catalog({"a": "1 disk", "b": "2", "c": "3", "d": "new on disk"})
    edit = catalog({"a": "1", "b": "2 edit", "c": "3", "e": "new in edit"})
    result = merge(base, disk, edit)
    assert texts(result.po) == {"a": "1 disk", "b": "2 edit", "c": "3",
                                "d": "new on disk", "e": "new in edit"}
    assert result.conflicts == []


def test_both_changed_differently_is_a_conflict_for_that_entry_only() -> None:
    base, disk, edit = (catalog({"a": "1", "b": "2"}), catalog({"a": "disk", "b": "2"}),
                        catalog({"a": "edit", "b": "2 edit"}))
    result = merge(base, disk, edit)
    assert [c.msgid for c in result.conflicts] == ["a"]
    assert texts(result.po) == {"a": "disk", "b": "2 edit"}  # disk kept, other entry merged


def test_identical_changes_are_not_a_conflict() -> None:
    result = merge(catalog({"a": "1"}), catalog({"a": "same"}), catalog({"a": "same"}))
    assert result.conflicts == [] and texts(result.po) == {"a": "same"}


def test_a_rewrap_is_no_change() -> None:
    long = "word " * 40
    base = catalog({"a": long})
    disk = copy.deepcopy(base)
    disk.wrapwidth = 30
    result = merge(base, disk, catalog({"a": long + "edited"}))
    assert result.conflicts == [] and texts(result.po)["a"] == long + "edited"


values = st.sampled_from(["x", "y", "z"])


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@given(st.dictionaries(st.sampled_from("abcdef"), values),
       st.dictionaries(st.sampled_from("abcdef"), values),
       st.dictionaries(st.sampled_from("abcdef"), values))
def test_nothing_changed_on_one_side_is_ever_lost(b: dict, d: dict, e: dict) -> None:
    result = merge(catalog(b), catalog(d), catalog(e))
    out = texts(result.po)
    clashes = {c.msgid for c in result.conflicts}
    for key in set(b) | set(d) | set(e):
        if key in clashes:
            assert out[key] == d[key]  # the disk version stays; the caller shows both
        elif d.get(key) != b.get(key) and key in d:
            assert out.get(key) in (d[key], e.get(key))  # disk's change kept unless same/edit-only
            if e.get(key) == b.get(key):
                assert out[key] == d[key]
        elif e.get(key) != b.get(key) and key in e:
            assert out[key] == e[key]  # the edit's change written
    assert len(out) == len(result.po)  # no duplicates
