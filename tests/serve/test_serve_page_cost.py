"""What making the article page costs the server: the page's own view carries no
term list or term spans per segment (at 1,000 entries, ~15 pydantic objects a
segment were most of making a cold page); the page asks the glossary's matcher
and still marks every term the API's full view names."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from serve_support import API, LOCALE, SLUG, Fixture, make_app

from pipeline.serve import models
from pipeline.serve.pages import article_html

DATA = re.compile(r'<script type="application/json" id="segments">(.*?)</script>', re.S)
GLOSSARY = re.compile(r"data-glossary='(.*?)'", re.S)


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_the_page_is_made_without_term_objects_and_marks_every_term(
        api, fx: Fixture, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    made: list[str] = []
    for model in (models.TermInfo, models.TermSpan):
        real = model.model_construct

        def counted(*args, _real=real, _name=model.__name__, **kwargs):  # type: ignore[no-untyped-def]
            made.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(model, "model_construct", counted)
    html = article_html(make_app(fx).state.workspace, SLUG, LOCALE)
    assert made == []
    segments = json.loads(DATA.search(html).group(1))  # type: ignore[union-attr]
    glossary = json.loads(unescape(GLOSSARY.search(html).group(1)))  # type: ignore[union-attr]
    view = api.get(API).json()["segments"]
    assert [s.get("marks", []) for s in segments] == [
        [[span["start"], span["end"], span["term"]] for span in s["term_spans"]] for s in view]
    named = {t["term"]: {"english": t["english"], "variants": t["variants"],
                         "forbidden": t["forbidden"], "note": t["note"]}
             for s in view for t in s["terms"]}
    assert glossary == named and named
