"""The workbench's memory endpoint: best matches for the segment being edited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from memory_support import SecondArticle
from serve_support import BASE, TOKEN, TestClient
from support import copy_real_project

import pipeline.memory.project_memory as project_memory
from pipeline.commands.update import UpdateOptions, update
from pipeline.memory import MemoryUnit
from pipeline.memory.tmx import write_tmx
from pipeline.project import Project
from pipeline.serve import create_app
from pipeline.source import read_article


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_memory_matches_for_a_segment(tmp_path: Path) -> None:
    second = SecondArticle(tmp_path)
    update(second.project, UpdateOptions(quiet=True, memory=False))
    api = TestClient(create_app(second.project, token=TOKEN, port=8765), base_url=BASE)
    article = read_article(second.project.source_path("second"))
    edited = next(s for s in article.segments if s.text == second.edited_text[0])
    reply = api.get(f"/api/articles/second/en/memory?segment={edited.id}")
    assert reply.status_code == 200, reply.text
    [best, *rest] = reply.json()["matches"]
    assert best["source"] == second.edited[0].msgid and best["target"] == second.edited[0].msgstr
    assert 75 <= best["score"] < 100 and not best["exact"]
    assert best["origin"].startswith("content/shangdang.md:") and len(rest) <= 2
    # Its own article is never offered: the real article's segments find nothing of their own.
    own = read_article(second.project.source_path("shangdang")).segments[-1]
    reply = api.get(f"/api/articles/shangdang/en/memory?segment={own.id}")
    assert all(not m["origin"].startswith("content/shangdang.md")
               for m in reply.json()["matches"])
    assert api.get("/api/articles/second/en/memory?segment=nope").status_code == 404
    assert api.get("/api/articles/zz/en/memory?segment=title").status_code == 404


def test_saving_a_catalog_does_not_rebuild_the_tmx_part(tmp_path: Path, monkeypatch) -> None:
    """The workbench saves a catalog on every edit; the imported TMX files (the large
    part of a memory) keep their index and are not read again for that."""
    root = copy_real_project(tmp_path / "p")
    project = Project.at(root)
    segment = read_article(project.source_path("shangdang")).segments[3]
    (root / "memory").mkdir()
    (root / "memory" / "agency.tmx").write_bytes(write_tmx(
        [MemoryUnit(segment.text, "From the agency.", "memory/agency.tmx")], "zh-Hans", "en"))
    api = TestClient(create_app(project, token=TOKEN, port=8765), base_url=BASE)
    url = f"/api/articles/shangdang/en/memory?segment={segment.id}"

    def best() -> tuple[str, bool]:
        reply = api.get(url)
        assert reply.status_code == 200, reply.text
        first = reply.json()["matches"][0]
        return first["target"], first["exact"]

    assert best() == ("From the agency.", True)
    read = []
    monkeypatch.setattr(project_memory, "parse_tmx", lambda *a, **k: read.append(a) or 1 / 0)
    catalog = project.catalog_path("shangdang", "en")
    os.utime(catalog, ns=(1, catalog.stat().st_mtime_ns + 10**9))  # a save
    assert best() == ("From the agency.", True) and read == []
    monkeypatch.undo()
    (root / "memory" / "agency.tmx").write_bytes(write_tmx(
        [MemoryUnit(segment.text, "Revised by the agency.", "memory/agency.tmx")],
        "zh-Hans", "en"))
    assert best() == ("Revised by the agency.", True)  # a changed TMX is read again


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_a_paragraph_as_sentence_rows_with_matches_per_sentence(tmp_path: Path) -> None:
    """The sentence view's endpoint: the new paragraph, untranslated, is one row per
    Chinese sentence; the sentence the real article has is an exact sentence match,
    and the translated rows put back together give the msgstr unchanged."""
    from serve_support import AUTH

    second = SecondArticle(tmp_path)
    update(second.project, UpdateOptions(quiet=True, memory=False))
    api = TestClient(create_app(second.project, token=TOKEN, port=8765), base_url=BASE)
    article = read_article(second.project.source_path("second"))
    new = next(s for s in article.segments if s.text == second.new_paragraph)
    url = "/api/articles/second/en/sentences"
    reply = api.post(url, json={"segment": new.id, "msgstr": ""}, headers=AUTH)
    assert reply.status_code == 200, reply.text
    data = reply.json()
    assert data["joiner"] == " "
    rows = data["rows"]
    assert "".join(r["source"] for r in rows) == second.new_paragraph
    assert all(r["target"] == "" for r in rows) and len(rows) >= 3
    reused = next(r for r in rows if r["source"] == second.reused_source)
    best = reused["memory"][0]
    assert best["exact"] and best["kind"] == "sentence"
    assert best["target"] == second.reused_target
    # A translated paragraph: the rows hold its sentences and what came between them.
    entry = second.verbatim[0]
    segment = next(s for s in article.segments if s.text == entry.msgid)
    rows = api.post(url, json={"segment": segment.id, "msgstr": entry.msgstr},
                    headers=AUTH).json()["rows"]
    assert len(rows) >= 2
    assert "".join(r["target"] + r["after"] for r in rows) == entry.msgstr
    assert api.post(url, json={"segment": new.id, "msgstr": ""}).status_code == 403
    assert api.post(url, json={"segment": "nope", "msgstr": ""},
                    headers=AUTH).status_code == 404
