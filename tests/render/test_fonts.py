"""The shipped serif: subset WOFF2 files and their licence beside the pages, named by
@font-face and allowed by the page's CSP; a machine without the faces still builds."""

from __future__ import annotations

import io

import pytest
from support import make_project, translate

from pipeline.commands.build import BuildOptions, build
from pipeline.commands.update import UpdateOptions, update
from pipeline.project import Project
from pipeline.render import fonts, html

SOURCE = "---\ntitle: 标题\n---\n\n产业是引擎。\n"
ENGLISH = {"标题": "The Title", "产业是引擎。": "Industry is the engine."}


def _project(tmp_path):
    make_project(tmp_path, {"demo": SOURCE})
    project = Project(tmp_path)
    assert update(project, UpdateOptions(locale="en", create=True, quiet=True)) == 0
    translate(project.catalog_path("demo", "en"), ENGLISH)
    return project


def _forget() -> None:
    for cached in (fonts.installed_faces, html.font_css, html.content_security_policy):
        cached.cache_clear()


@pytest.fixture
def no_faces(monkeypatch):
    """A build machine without Noto Serif."""
    monkeypatch.setattr(fonts, "SOURCE_DIRS", ())
    _forget()
    yield
    _forget()


needs_faces = pytest.mark.skipif(not fonts.installed_faces(),
                                 reason="Noto Serif is not installed (fonts-noto-core)")


@needs_faces
@pytest.mark.slow
def test_the_build_ships_the_subset_faces_with_their_licence(tmp_path, capsys):
    from fontTools.ttLib import TTFont
    project = _project(tmp_path)
    assert build(project, BuildOptions(quiet=True)) == 0
    assert "fonts:" not in capsys.readouterr().err
    folder = project.build_dir / "fonts"
    for face in fonts.FACES:
        font = TTFont(io.BytesIO((folder / face.file).read_bytes()))
        assert font.flavor == "woff2"
        cmap = font.getBestCmap()
        assert {ord(c) for c in "Aé‘’—ǚ¹"} <= set(cmap)  # English, pinyin, endnote figures
        assert len(cmap) < 700  # a subset, not the whole face
        assert (font["OS/2"].usWeightClass, bool(font["post"].italicAngle)) == (
            face.weight, face.italic)
    licence = (folder / fonts.LICENCE_NAME).read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence and "Noto Serif" in licence
    page = (project.build_dir / "demo.zh-en.html").read_text(encoding="utf-8")
    assert page.count("@font-face") == len(fonts.FACES)
    assert 'url("fonts/edition-serif-regular.woff2")' in page
    assert "font-src &#39;self&#39;" in page  # the CSP (in an attribute)


def test_without_the_faces_the_build_warns_once_and_the_pages_name_none(
        tmp_path, capsys, no_faces):
    project = _project(tmp_path)
    assert build(project, BuildOptions(quiet=True)) == 0
    err = capsys.readouterr().err
    assert err.count("fonts: Noto Serif is not installed") == 1
    assert not (project.build_dir / "fonts").exists()
    page = (project.build_dir / "demo.zh-en.html").read_text(encoding="utf-8")
    assert "@font-face" not in page and "font-src" not in page
    assert '"Edition Serif", "Noto Serif"' in page  # the stack falls through to the reader's


def test_the_font_rules_name_one_family_in_four_styles():
    faces = tuple(fonts.Installed(face, fonts.SOURCE_DIRS[0] / face.source)
                  for face in fonts.FACES)
    css = fonts.font_face_css(faces)
    assert css.count('font-family: "Edition Serif"') == 4
    assert "font-style: italic; font-weight: 700" in css
    assert fonts.font_face_css(()) == ""
