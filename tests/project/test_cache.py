"""The canonical-catalog cache: hits skip work, misses and edits redo it, and the
bytes on disk are the same with and without it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from pipeline.cache import CACHE_DIR, FILE, CanonicalCache
from pipeline.commands.update import UpdateOptions, update
from pipeline.project import Project

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from corpus import make_corpus


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "locales").rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_corpus(tmp_path_factory.mktemp("corpus") / "c", 4)
    shutil.rmtree(root / CACHE_DIR.parent, ignore_errors=True)
    return root


def formats(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count calls of the GNU formatter (the work a hit skips)."""
    import pipeline.cache as cache
    import pipeline.catalog.pofile as pofile
    calls: list[int] = []
    real = cache.format_pofile
    # Both writers: the cache's (templates, new catalogs) and save_catalog's (merges).
    for module in (cache, pofile):
        monkeypatch.setattr(module, "format_pofile", lambda po: calls.append(1) or real(po))
    return calls


@pytest.mark.slow
def test_same_bytes_with_and_without_cache_and_hits_skip_formatting(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached, plain = tmp_path / "cached", tmp_path / "plain"
    shutil.copytree(corpus, cached)
    shutil.copytree(corpus, plain)
    # Hand-wrapped (non-canonical) catalog: the cache must not keep it as it is.
    po = plain / "locales/en/LC_MESSAGES/article-00002.po"
    for root in (cached, plain):
        target = root / "locales/en/LC_MESSAGES/article-00002.po"
        target.write_text(po.read_text(encoding="utf-8").replace('msgstr ""\n"', 'msgstr ""\n""\n"', 1),
                          encoding="utf-8")
    update(Project(plain), UpdateOptions(quiet=True, use_cache=False))
    update(Project(cached), UpdateOptions(quiet=True))
    assert snapshot(cached) == snapshot(plain)
    assert not (plain / CACHE_DIR).exists()
    calls = formats(monkeypatch)
    update(Project(cached), UpdateOptions(quiet=True))  # nothing changed: nothing formatted
    assert calls == []
    update(Project(cached), UpdateOptions(quiet=True, use_cache=False))
    assert len(calls) == 8  # --no-cache: 4 templates + 4 catalogs
    assert snapshot(cached) == snapshot(plain)


@pytest.mark.slow
def test_one_entry_edit_redoes_that_catalog_only(corpus: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    shutil.copytree(corpus, root)
    update(Project(root), UpdateOptions(quiet=True))
    path = root / "locales/en/LC_MESSAGES/article-00003.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgstr "Industry Renewed', 'msgstr "Edited Industry Renewed', 1),
                    encoding="utf-8")
    calls = formats(monkeypatch)
    update(Project(root), UpdateOptions(quiet=True))
    assert len(calls) == 1
    assert "Edited Industry Renewed" in path.read_text(encoding="utf-8")
    # A source edit invalidates its template (and its catalog).
    source = root / "content/article-00001.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    calls.clear()
    update(Project(root), UpdateOptions(quiet=True))
    assert len(calls) == 2


@pytest.mark.parametrize("garbage", ["not a cache\n", "bilingual-cache 1 0.0.0-other\n",
                                     "bilingual-cache 1 {v}\nxyz\n", "\xff\xfe"])
def test_corrupt_or_foreign_cache_is_discarded_with_a_note(tmp_path: Path, capsys, garbage):
    from pipeline import __version__
    path = tmp_path / CACHE_DIR / FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(garbage.replace("{v}", __version__).encode("latin-1"))
    cache = CanonicalCache.open(tmp_path)
    assert cache.known == set()
    assert "discarded" in capsys.readouterr().err
    cache.remember(b"x")
    cache.save()
    assert CanonicalCache.open(tmp_path).known == cache.known  # rewritten, now valid
    assert (tmp_path / ".bilingual/.gitignore").read_text() == "*\n"


def test_no_cache_reads_and_writes_nothing(tmp_path: Path) -> None:
    cache = CanonicalCache.open(tmp_path, enabled=False)
    cache.remember(b"x")
    cache.save()
    assert not (tmp_path / ".bilingual").exists()


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_check_reuses_langdetect_verdicts_and_says_the_same(tmp_path: Path, capsys,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.checks.rules import language
    from pipeline.cli import main
    root = tmp_path / "p"
    for name in ("content", "glossary", "locales"):
        shutil.copytree(ROOT / name, root / name)
    assert main(["-C", str(root), "check", "--no-cache"]) == 0
    plain = capsys.readouterr().out
    assert not (root / CACHE_DIR).exists()
    language.detect.cache_clear()  # one process here; each CLI run is its own
    assert main(["-C", str(root), "check"]) == 0
    assert capsys.readouterr().out == plain
    assert (root / CACHE_DIR / "langdetect.txt").is_file()
    language.detect.cache_clear()
    asked: list[str] = []
    monkeypatch.setattr(language, "detect", lambda text: asked.append(text) or "en")
    assert main(["-C", str(root), "check"]) == 0
    assert capsys.readouterr().out == plain and asked == []  # every verdict from the cache


def test_results_are_kept_as_a_line_each_and_decoded_only_when_asked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cache import ResultCache
    stored = ResultCache.open(tmp_path, "stage")
    stored.put("a\tb", "k1", {"findings": ["x\ty\n"], "n": 1})  # tabs and newlines escaped
    stored.put("c", "k2", [1, 2])
    stored.save()
    path = tmp_path / CACHE_DIR / "stage.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and lines[2] == '"c"\tk2\t[1,2]'
    again = ResultCache.open(tmp_path, "stage")
    assert again.entries["c"] == ("k2", b"[1,2]")  # the text, not yet decoded
    assert again.get("a\tb", "k1") == {"findings": ["x\ty\n"], "n": 1}
    assert again.get("c", "other key") is None
    again.put("c", "k2", [1, 2])
    assert not again.dirty  # the same result: nothing to rewrite
    # A line whose result is damaged is a miss for that article alone...
    path.write_text("\n".join([*lines[:2], '"c"\tk2\t[1,2'] ) + "\n", encoding="utf-8")
    damaged = ResultCache.open(tmp_path, "stage")
    assert damaged.get("c", "k2") is None and damaged.get("a\tb", "k1") is not None
    # ...a line that is not one is a file that is not ours: discarded, with a note.
    path.write_text("\n".join([*lines[:2], "not a result line"]) + "\n", encoding="utf-8")
    assert ResultCache.open(tmp_path, "stage").entries == {}
    assert "not this version's cache; discarded" in capsys.readouterr().err


def test_langdetect_verdicts_are_the_cache_passed_in(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """No module-level cache: each run reads and adds to the VerdictCache it is given,
    so one project's answers never show up in another's run in the same process."""
    from pipeline.cache import VerdictCache
    from pipeline.checks.rules import language
    asked: list[str] = []
    monkeypatch.setattr(language, "detect", lambda text: asked.append(text) or "en")
    text = "Industry is the core engine of a region's economic development."
    first = VerdictCache.open(tmp_path / "first")
    assert language.detect_language(text, first) == "en" and first.get(text) == "en"
    other = VerdictCache.open(tmp_path / "other")
    other.put(text, "fr")  # what another project's run remembered
    assert language.detect_language(text, other) == "fr"
    assert language.detect_language(text, first) == "en" and asked == [text]
    assert language.detect_language(text) == "en" and len(asked) == 2  # nothing remembered
    assert language.detect_language("short", first) is None  # too few letters to judge
