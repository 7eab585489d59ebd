"""The records the build and update caches keep are dataclasses with explicit
to_json/from_json: what is written reads back equal, in the cache's JSON layout, and
a row of another layout means "build again", never a crash."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pipeline.commands.build_outputs import BuildRecord, OutputRecord, Outputs
from pipeline.commands.common import Message
from pipeline.commands.update_cache import UpdateRecord
from pipeline.render.index import ArticleListing, EditionLink, LocaleListing


def test_a_build_record_reads_back_as_written(tmp_path: Path) -> None:
    outputs = Outputs()
    outputs.publish(tmp_path / "build" / "a.html", b"<p>a</p>")
    outputs.copy(tmp_path / "build" / "a.png", b"\x89PNG")
    assert outputs.paths == [tmp_path / "build" / "a.html", tmp_path / "build" / "a.png"]
    listing = ArticleListing("a", "标题", "zh", "zh-Hans", "", "", "2024-01-01", [LocaleListing(
        "en", 100.0, True, "Title", "", "", (EditionLink("English", "a.en.html"),), "", 0, 0)])
    record = BuildRecord(listing, False, (Message("a: 1 segment"), Message("no image", True)),
                         tuple(OutputRecord.of(tmp_path, path) for path in outputs.paths))
    stored = json.loads(json.dumps(record.to_json()))  # as the cache file holds it
    assert BuildRecord.from_json(stored) == record
    assert stored["messages"] == [[False, "a: 1 segment"], [True, "no image"]]
    assert stored["outputs"][0][0] == "build/a.html" and len(stored["outputs"][0]) == 5
    assert record.replayable(tmp_path)


def test_a_changed_or_unknown_output_is_not_replayed(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_bytes(b"one")
    record = OutputRecord.of(tmp_path, page)
    assert record.unchanged(tmp_path)
    stat = page.stat()
    page.write_bytes(b"two")  # same size, same modification time: the bytes decide
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert not record.unchanged(tmp_path)
    page.unlink()
    assert not record.unchanged(tmp_path)
    assert OutputRecord.from_json(["a.html", 3, 1, 1]) is None  # an older layout
    assert BuildRecord.from_json({"listing": {}, "refused": False, "messages": [],
                                  "outputs": [["a.html", 3]]}) is None


def test_an_update_record_reads_back_as_written() -> None:
    record = UpdateRecord({"en": "3 entries, 0 fuzzy", "fr": "3 entries, 1 fuzzy"},
                          {"en": "d1"})
    stored = json.loads(json.dumps(record.to_json()))
    assert stored == {"counts": [["en", "3 entries, 0 fuzzy"], ["fr", "3 entries, 1 fuzzy"]],
                      "memory": {"en": "d1"}}
    assert UpdateRecord.from_json(stored) == record
    assert list(UpdateRecord.from_json(stored).counts) == ["en", "fr"]  # locale order kept
