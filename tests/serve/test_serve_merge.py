"""Per-entry three-way merges on save: what the page loaded (base), what the
file holds now (disk) and the edit. Only an entry changed on both sides,
differently, is a conflict, and only for that entry."""

from __future__ import annotations

import json
import random
import threading

import httpx
import polib
import pytest
from serve_support import (
    API,
    AUTH,
    SLUG,
    Fixture,
    make_app,
    running,
)

from pipeline.catalog.pofile import read_catalog
from pipeline.po.write import format_pofile
from pipeline.serve.activity import activity_path
from pipeline.source import read_article


def page(api) -> dict:  # type: ignore[no-untyped-def]
    """What a page holds after loading: the fingerprint and every entry's base."""
    return api.get(API).json()


def edit(view: dict, segment: str, msgstr: str, **extra: object) -> dict:
    seg = next(s for s in view["segments"] if s["id"] == segment)
    return {"segment": segment, "msgstr": msgstr, "source": seg["source"],
            "base": {"msgstr": seg["msgstr"], "fuzzy": seg["fuzzy"], "comment": seg["comment"]},
            **extra}


def save(api, view: dict, *edits: dict):  # type: ignore[no-untyped-def]
    return api.patch(API, json={"fingerprint": view["fingerprint"], "edits": list(edits)},
                     headers=AUTH)


def translated_ids(view: dict, n: int) -> list[str]:
    # without translator comments: polib would rewrap those (Poedit does not)
    return [s["id"] for s in view["segments"] if s["status"] == "translated"
            and s["kind"] == "paragraph" and not s["comment"]][:n]


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_two_pages_editing_different_entries_both_succeed(api, fx: Fixture) -> None:
    one, two = page(api), page(api)
    a, b = translated_ids(one, 2)
    assert save(api, one, edit(one, a, "Page one.")).status_code == 200
    assert save(api, two, edit(two, b, "Page two.")).status_code == 200  # stale fingerprint
    assert fx.entry(a).msgstr == "Page one." and fx.entry(b).msgstr == "Page two."
    assert fx.text() == format_pofile(read_catalog(fx.po_path).po)  # msgcat-canonical


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_same_entry_edited_in_two_pages_is_one_conflict(api, fx: Fixture) -> None:
    one, two = page(api), page(api)
    a, b = translated_ids(one, 2)
    assert save(api, one, edit(one, a, "Page one.")).status_code == 200
    answer = save(api, two, edit(two, a, "Page two."), edit(two, b, "Also page two."))
    assert answer.status_code == 409
    data = answer.json()
    [conflict] = data["conflicts"]
    assert conflict["segment"] == a
    assert conflict["yours"]["msgstr"] == "Page two." and conflict["disk"]["msgstr"] == "Page one."
    assert data["saved"] == [b]  # the other entry of the same request went in
    assert fx.entry(a).msgstr == "Page one." and fx.entry(b).msgstr == "Also page two."
    # "keep mine": resend with the disk version as the base
    again = edit(two, a, "Page two.")
    again["base"] = conflict["disk"]
    assert save(api, two, again).status_code == 200 and fx.entry(a).msgstr == "Page two."


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_identical_change_is_not_a_conflict(api, fx: Fixture) -> None:
    one, two = page(api), page(api)
    [a] = translated_ids(one, 1)
    assert save(api, one, edit(one, a, "Same.")).status_code == 200
    answer = save(api, two, edit(two, a, "Same."))
    assert answer.status_code == 200 and answer.json()["changed"] is False


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_poedit_style_rewrite_between_load_and_save_merges(api, fx: Fixture) -> None:
    view = page(api)
    a, b = translated_ids(view, 2)
    po = polib.pofile(str(fx.po_path), wrapwidth=40)  # Poedit rewraps differently
    next(e for e in po if e.msgid == fx.source(b)).msgstr = "Changed in Poedit."
    po.save()
    assert fx.text() != format_pofile(read_catalog(fx.po_path).po)  # not canonical now
    assert save(api, view, edit(view, a, "Mine.")).status_code == 200
    assert fx.entry(a).msgstr == "Mine." and fx.entry(b).msgstr == "Changed in Poedit."
    # Poedit's wrapping stays outside the saved entry: rewrapping is `fmt`'s job (#27)
    assert fx.text() != format_pofile(read_catalog(fx.po_path).po)


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_source_edit_shows_up_and_old_page_save_lands_as_fuzzy(api, fx: Fixture) -> None:
    view = page(api)
    before = api.get(f"{API}/version").json()
    [a] = translated_ids(view, 1)
    old = fx.source(a)
    path = fx.project.source_path(SLUG)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, old[:-1] + "，新增一句。", 1)
                    + "\n全新的段落出现了。\n", encoding="utf-8")
    assert api.get(f"{API}/version").json()["source"] != before["source"]
    now = page(api)  # no `bilingual update` run: the page sees the source as it is
    segments = {s["source"]: s for s in now["segments"]}
    assert segments["全新的段落出现了。"]["in_catalog"] and \
        segments["全新的段落出现了。"]["status"] == "untranslated"
    changed = segments[old[:-1] + "，新增一句。"]
    assert changed["fuzzy"] and changed["previous_source"] == old and changed["source_diff"]
    # the page still open on the old source saves its segment: merged, as fuzzy
    answer = save(api, view, edit(view, a, "Translated from the old page."))
    assert answer.status_code == 200, answer.json()
    entry = next(e for e in read_catalog(fx.po_path).po if e.msgid == changed["source"])
    assert entry.msgstr == "Translated from the old page." and "fuzzy" in entry.flags


def test_each_save_is_in_the_activity_log(api, fx: Fixture) -> None:
    view = page(api)
    [a] = translated_ids(view, 1)
    body = {"fingerprint": view["fingerprint"], "edits": [edit(view, a, "Logged.")],
            "translator": "Li Hua"}
    assert api.patch(API, json=body, headers=AUTH).status_code == 200
    [line] = activity_path(fx.project).read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["who"] == "Li Hua" and record["entries"] == [a]
    assert record["file"].endswith(f"{SLUG}.po") and record["when"].startswith("2030-01-02")


@pytest.mark.slow
def test_twenty_clients_twenty_saves_lose_nothing_acknowledged(fx: Fixture) -> None:
    article = read_article(fx.project.source_path(SLUG))
    ids = [s.id for s in article.segments if s.kind.value == "paragraph"][:30]
    acknowledged: dict[str, set[str]] = {}
    conflicts: list[tuple[str, str]] = []
    lock = threading.Lock()

    def worker(n: int, base: str) -> None:
        rng = random.Random(n)
        with httpx.Client(base_url=base, headers=AUTH, timeout=30) as http:
            for k in range(20):
                view = http.get(API).json()
                # half the clients share five entries, the others pick any of thirty
                segment = rng.choice(ids[:5] if n % 2 else ids)
                text = f"client {n} save {k}"
                answer = http.patch(API, json={"fingerprint": view["fingerprint"],
                                               "edits": [edit(view, segment, text)]})
                with lock:
                    if answer.status_code == 200:
                        acknowledged.setdefault(segment, set()).add(text)
                    else:
                        assert answer.status_code == 409, answer.text
                        conflicts.append((segment, text))

    with running(lambda port: make_app(fx, port=port)) as base:
        threads = [threading.Thread(target=worker, args=(n, base)) for n in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    final = {e.msgid: e.msgstr for e in read_catalog(fx.po_path).po}
    log = [json.loads(line) for line in
           activity_path(fx.project).read_text(encoding="utf-8").splitlines()]
    assert sum(len(r["entries"]) for r in log) == sum(map(len, acknowledged.values()))
    for segment, texts in acknowledged.items():
        # the last acknowledged save of each entry is what the file holds
        assert final[fx.source(segment)] in texts
    assert len(conflicts) + sum(map(len, acknowledged.values())) == 400
