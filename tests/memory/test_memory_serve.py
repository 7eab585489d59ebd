"""The workbench's memory endpoint: best matches for the segment being edited."""

from __future__ import annotations

from pathlib import Path

from memory_support import SecondArticle
from serve_support import BASE, TOKEN, TestClient

from pipeline.commands.update import UpdateOptions, update
from pipeline.serve import create_app
from pipeline.source import read_article


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
