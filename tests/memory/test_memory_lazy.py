"""`update` builds the translation memory only when an entry needs filling, and the
memory it builds late is the one it would have built first: the catalogs as they
stood when the run began, even those the run has rewritten since. Its units are
cached by catalog digest, which changes no result."""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path

import polib
import pytest

from pipeline.commands.update import UpdateOptions, update
from pipeline.memory import MemoryUnit, TranslationMemory, UnitKind, units
from pipeline.memory import index as memory_index
from pipeline.memory import project_memory as pm
from pipeline.memory.sentences import split_source
from pipeline.memory.unit_cache import cache_dir
from pipeline.project import Project

P1 = "第一段讲述山区修建公路的经过。工程持续了三年。"
P2 = "第二段介绍当地学校的变化。孩子们有了新教室。"
P3 = "第三段谈到老人和儿童的照顾。村里建起了食堂。"
P4 = "第四段写的是另一件事情，与前面毫无关系。"


def _article(root: Path, slug: str, paragraphs: list[str]) -> None:
    (root / "content" / f"{slug}.md").write_text(
        f"---\ntitle: 标题{slug}\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _english(text: str) -> str:
    # Like a translation to the aligner, which pairs sentences by length and evidence
    # (and a memory keeps only pairs it is sure of): as long as one, lettered (a "2"
    # would be evidence for 第二段), and naming its sentence's first characters in pinyin.
    from pypinyin import lazy_pinyin  # a second of loading: only for the tests that use it

    def sentence(i: int, zh: str) -> str:
        name = "".join(lazy_pinyin(zh[:3])).capitalize()
        return (f"Part {chr(64 + i)} of {len(text)} on {name}: "
                + "this and that, " * max(0, (len(zh) * 4 - 40) // 15) + "and more.")
    return " ".join(sentence(i, s) for i, s in enumerate(split_source(text), 1))


def _translate_all(project: Project) -> None:
    for path in sorted((project.locales_dir / "en" / "LC_MESSAGES").glob("*.po")):
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = _english(entry.msgid) or f"Title {entry.msgid}"
        po.save()


@pytest.fixture
def complete(tmp_path: Path) -> Project:
    """Three articles with complete English catalogs, in canonical form."""
    root = tmp_path / "complete"
    (root / "content").mkdir(parents=True)
    _article(root, "a", [P1, P2])
    _article(root, "b", [P3])
    _article(root, "z", [P4])
    project = Project.at(root)
    update(project, UpdateOptions(locale="en", create=True, quiet=True))
    _translate_all(project)
    update(project, UpdateOptions(quiet=True))
    return project


def _builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    built: list[int] = []

    def counting(units: list[MemoryUnit]) -> TranslationMemory:
        built.append(len(units))
        return TranslationMemory(units)

    # Where project_memory takes it from when it builds one (imported there lazily).
    monkeypatch.setattr(memory_index, "TranslationMemory", counting)
    return built


_STAMP = re.compile(rb"\d{4}-\d\d-\d\d \d\d:\d\d[+-]\d{4}")


def _locales(project: Project) -> dict[str, bytes]:
    # The three runs may fall in different minutes on a busy machine: compare
    # everything but the header's time stamps.
    return {p.relative_to(project.root).as_posix(): _STAMP.sub(b"<date>", p.read_bytes())
            for p in sorted(project.locales_dir.rglob("*")) if p.is_file()}


def test_no_memory_is_built_when_nothing_needs_filling(
        complete: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _builds(monkeypatch)
    update(complete, UpdateOptions(quiet=True))
    assert built == []
    # Fuzzy and obsolete entries are not filled either: still no memory.
    path = complete.catalog_path("b", "en")
    po = polib.pofile(str(path))
    po[0].flags.append("fuzzy")
    po.save()
    update(complete, UpdateOptions(quiet=True))
    assert built == []
    # One untranslated entry is enough.
    po = polib.pofile(str(path))
    po[1].msgstr = ""
    po.save()
    update(complete, UpdateOptions(quiet=True))
    assert len(built) == 1


def _scenario(complete: Project, where: Path) -> Project:
    """`a` loses P1 (its catalog is rewritten first in the run); `m`, a new article
    after it, reuses P1 verbatim, P3 edited, and a sentence of P2."""
    shutil.copytree(complete.root, where)
    _article(where, "a", [P2])
    _article(where, "m", [P1, P3.replace("食堂", "新食堂"),
                          "这是全新的一句话，此前从未出现过。孩子们有了新教室。"])
    return Project.at(where)


def test_a_late_memory_is_the_memory_of_the_start_of_the_run(
        complete: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lazy = _scenario(complete, tmp_path / "lazy")
    eager = _scenario(complete, tmp_path / "eager")
    uncached = _scenario(complete, tmp_path / "uncached")
    # What the memory was before this change: built before the first article.
    with monkeypatch.context() as patch:
        start = pm.StartOfRunMemory.__init__

        def build_now(self: pm.StartOfRunMemory, *args: object, **kwargs: object) -> None:
            start(self, *args, **kwargs)  # type: ignore[arg-type]
            self.memory()

        patch.setattr(pm.StartOfRunMemory, "__init__", build_now)
        update(eager, UpdateOptions(quiet=True))
    built = _builds(monkeypatch)
    update(lazy, UpdateOptions(quiet=True))
    update(uncached, UpdateOptions(quiet=True, use_cache=False))
    assert len(built) == 2
    assert _locales(lazy) == _locales(eager) == _locales(uncached)
    m = {e.msgid: e for e in polib.pofile(str(lazy.catalog_path("m", "en")))}
    # P1 is only in a.po as the run found it: the rewrite made it obsolete there.
    assert m[P1].msgstr == _english(P1)
    assert "memory: exact from content/a.md:5" in m[P1].comment.splitlines()
    assert "fuzzy" in m[P3.replace("食堂", "新食堂")].flags
    assert any(line.startswith("memory: sentence 2/2: exact from content/a.md:")
               for e in m.values() for line in e.comment.splitlines())
    a = polib.pofile(str(lazy.catalog_path("a", "en")))
    assert [e.msgid for e in a if e.obsolete] == [P1]


def test_cached_units_give_the_same_memory(complete: Project,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    first = pm.StartOfRunMemory(complete, "en").memory()
    files = sorted(cache_dir(complete.root, "en").glob("*.txt"))
    assert [f.name.split("-")[0] for f in files] == ["a", "b", "z"]

    def no_alignment(*args: object) -> list[tuple[str, str]]:
        raise AssertionError("units should come from the cache")

    with monkeypatch.context() as patch:
        patch.setattr(units, "sentence_pairs", no_alignment)
        again = pm.StartOfRunMemory(complete, "en").memory()
    assert again.units == first.units == pm.project_memory(complete, "en").units
    assert any(u.kind is UnitKind.SENTENCE for u in first.units)
    # --no-cache: nothing read, nothing written.
    for f in files:
        f.unlink()
    pm.StartOfRunMemory(complete, "en", use_cache=False).memory()
    assert list(cache_dir(complete.root, "en").glob("*.txt")) == []


def test_a_corrupt_stale_or_foreign_unit_cache_is_discarded(
        complete: Project, capsys: pytest.CaptureFixture[str]) -> None:
    expected = pm.project_memory(complete, "en").units
    directory = cache_dir(complete.root, "en")
    pm.StartOfRunMemory(complete, "en").memory()
    path = next(directory.glob("a-*.txt"))
    good = path.read_bytes()
    header, packed = good.split(b"\n", 1)
    line = zlib.decompress(packed)
    for broken in (good[:len(good) // 2], b"bilingual-memory-units 0 old\n" + packed,
                   header + b"\n" + zlib.compress(line.replace(b'"content/a.md"',
                                                                b'"content/b.md"', 1)),
                   header + b"\n" + zlib.compress(line.replace(b', 5, "', b', "5", "', 1)),
                   header + b"\n" + zlib.compress(b"[" + line)):
        assert broken != good
        path.write_bytes(broken)
        assert pm.StartOfRunMemory(complete, "en").memory().units == expected
        assert f"{path}: not this version's cache; discarded" in capsys.readouterr().err
        assert path.read_bytes() == good  # taken again, and rewritten
    # Another version's directory goes as a whole, with one note.
    (directory / "VERSION").write_text("bilingual-memory-units 1 0.0\n", encoding="utf-8")
    assert pm.StartOfRunMemory(complete, "en").memory().units == expected
    assert capsys.readouterr().err.count("discarded") == 1
    # A catalog edited since: its old file goes, its new units are taken.
    catalog = complete.catalog_path("z", "en")
    po = polib.pofile(str(catalog))
    po[0].msgstr = "Changed."
    po.save()
    before = {f.name for f in directory.glob("z-*.txt")}
    assert pm.StartOfRunMemory(complete, "en").memory().units == \
        pm.project_memory(complete, "en").units != expected
    after = {f.name for f in directory.glob("z-*.txt")}
    assert len(before) == len(after) == 1 and before != after


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_update_on_several_cores_writes_and_prints_what_one_core_does(
        complete: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Phase 1 rewrites catalogs in the workers; phase 2 fills from the memory of the
    start of the run, built once here, with the catalogs phase 1 replaced as read."""
    from pipeline import parallel
    from pipeline.cli import main

    def scenario(name: str) -> Project:
        project = _scenario(complete, tmp_path / name)
        for n in range(6):  # more articles than workers, some needing the memory
            _article(project.root, f"n{n}", [P4, P1] if n % 2 else [P3, f"第{n}篇独有的一段。"])
        return project

    def run(project: Project, jobs: str) -> str:
        assert main(["-C", str(project.root), "update", "--jobs", jobs]) == 0
        return capsys.readouterr().out

    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    serial, several = scenario("serial"), scenario("several")
    printed = run(serial, "1")
    built = _builds(monkeypatch)
    assert run(several, "2").replace("/several/", "/serial/") == printed
    assert len(built) == 1  # here, before the workers of phase 2 start
    assert _locales(several) == _locales(serial)
    m = polib.pofile(str(several.catalog_path("m", "en")))
    assert m.find(P1).msgstr == _english(P1)  # from a.po as it was before phase 1
    assert "from memory: 1 exact" in printed and "n0.po" in printed
    assert "/complete/" not in printed  # lines read back from the cache name this project
    assert printed.index("a.po") < printed.index("m.po") < printed.index("n0.po")


def test_phase_2_is_handed_only_catalogs_whose_units_the_rewrite_changed(
        complete: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Holding the bytes of every rewritten catalog costs an archive's worth of memory:
    a rewrite that only re-formats (the same units on disk after) hands nothing over."""
    project = _scenario(complete, tmp_path / "p")  # a.po loses P1; m needs the memory
    b = project.catalog_path("b", "en")
    b.write_text(b.read_text(encoding="utf-8").replace('\nmsgid', '\n\nmsgid'),
                 encoding="utf-8")  # not in GNU form: rewritten, same entries
    handed: list[str] = []
    keep = pm.StartOfRunMemory.keep_as_read

    def recording(self: pm.StartOfRunMemory, path: Path, data: bytes) -> None:
        handed.append(path.name)
        keep(self, path, data)

    monkeypatch.setattr(pm.StartOfRunMemory, "keep_as_read", recording)
    before = b.read_bytes()
    update(project, UpdateOptions(quiet=True))
    assert b.read_bytes() != before  # b.po was rewritten
    assert handed == ["a.po"]
