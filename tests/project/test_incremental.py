"""`bilingual check` through its cache and its worker pool: the findings are
byte-identical to a plain run, and only what an edit touches is checked again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import cache as cache_module
from pipeline import parallel
from pipeline.cli import main
from pipeline.commands import check_run

ROOT = Path(__file__).resolve().parents[2]
SLUGS = ("alpha", "beta", "gamma")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Three copies of the real article, each with its complete catalog."""
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "locales" / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copytree(ROOT / "glossary", root / "glossary")
    shutil.copy(ROOT / "bilingual.toml", root / "bilingual.toml")
    source = (ROOT / "content" / "shangdang.md").read_text(encoding="utf-8")
    catalog = (ROOT / "locales" / "en" / "LC_MESSAGES" / "shangdang.po").read_text(
        encoding="utf-8")
    for slug in SLUGS:
        (root / "content" / f"{slug}.md").write_text(source, encoding="utf-8")
        (root / "locales" / "en" / "LC_MESSAGES" / f"{slug}.po").write_text(
            catalog.replace("content/shangdang.md", f"content/{slug}.md"), encoding="utf-8")
    return root


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[str]:
    """The slugs `owner.name(project, slug, ...)` is called with, in order."""
    seen: list[str] = []
    real = getattr(owner, name)

    def counting(*args):  # type: ignore[no-untyped-def]
        seen.append(args[1] if len(args) > 1 else args[0])
        return real(*args)
    monkeypatch.setattr(owner, name, counting)
    return seen


class Counter:
    """Counts the articles actually checked (not read back from the cache)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.slugs: list[str] = []
        real = check_run.check_article

        def counting(article, *args):  # type: ignore[no-untyped-def]
            self.slugs.append(article.slug)
            return real(article, *args)
        monkeypatch.setattr(check_run, "check_article", counting)

    def take(self) -> list[str]:
        taken, self.slugs = self.slugs, []
        return sorted(taken)


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["-C", str(root), "check", "--format", "json", "--jobs", "1", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_a_rerun_checks_nothing_and_says_the_same(project: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    counter = Counter(monkeypatch)
    first = run(project, capsys)
    assert counter.take() == list(SLUGS)
    assert (project / ".bilingual" / "cache" / "check.json").is_file()
    assert run(project, capsys) == first
    assert counter.take() == []
    assert run(project, capsys, "--no-cache") == first
    assert counter.take() == list(SLUGS)


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_each_input_invalidates_what_depends_on_it(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    counter = Counter(monkeypatch)
    run(project, capsys)
    counter.take()

    catalog = project / "locales" / "en" / "LC_MESSAGES" / "beta.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("Shangdang District", "Shangdang district", 1),
                       encoding="utf-8")
    edited = run(project, capsys)
    assert counter.take() == ["beta"]
    assert run(project, capsys, "--no-cache")[1] == edited[1]  # the same as a full run
    counter.take()

    source = project / "content" / "gamma.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n新增的一段。\n", encoding="utf-8")
    after_source = run(project, capsys)
    assert counter.take() == ["gamma"]
    assert '"BL305"' in after_source[1]  # gamma's catalog is now out of date

    terms = project / "glossary" / "terms.csv"
    terms.write_text(terms.read_text(encoding="utf-8") + "新增,new addition,,,other,,,\n",
                     encoding="utf-8")
    assert '"BL801"' not in run(project, capsys)[1]
    assert counter.take() == list(SLUGS)  # every article depends on the glossary

    config = project / "bilingual.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "serial_comma = true", "serial_comma = false"), encoding="utf-8")
    run(project, capsys)
    assert counter.take() == list(SLUGS)

    run(project, capsys, "--rule", "BL101")
    assert counter.take() == list(SLUGS)  # another selection is another result

    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "other code")
    monkeypatch.setattr(check_run, "code_fingerprint", lambda: "other code")
    run(project, capsys)
    assert counter.take() == list(SLUGS)  # a new version of the tool trusts nothing old


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"format": "other tool"}',
                                     b'{"format": 1, "entries": []}'])
def test_a_corrupt_or_foreign_cache_is_discarded_with_a_note(
        project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        garbage: bytes) -> None:
    counter = Counter(monkeypatch)
    first = run(project, capsys)
    counter.take()
    (project / ".bilingual" / "cache" / "check.json").write_bytes(garbage)
    code, out, err = run(project, capsys)
    assert (code, out) == first[:2]
    assert "not this version's cache; discarded" in err
    assert counter.take() == list(SLUGS)
    assert run(project, capsys) == first  # rewritten, and trusted again
    assert counter.take() == []


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_a_forged_result_with_a_stale_key_is_not_trusted(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = project / "locales" / "en" / "LC_MESSAGES" / f"{SLUGS[0]}.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(  # a BL706 finding to forge
        '"Shangdang District', '"Shangdang  District', 1), encoding="utf-8")
    first = run(project, capsys)
    assert '"BL706"' in first[1]
    path = project / ".bilingual" / "cache" / "check.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"BL706"', '"BL101"'),
                    encoding="utf-8")
    # The key still matches, so the forged finding shows: the cache is a speed-up
    # the user may delete, never a source of truth...
    assert run(project, capsys)[1] != first[1]
    # ...and --no-cache (or deleting .bilingual/) always gives the real answer.
    assert run(project, capsys, "--no-cache") == first


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_parallel_equals_serial(project: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    serial = run(project, capsys, "--no-cache")
    code = main(["-C", str(project), "check", "--format", "json", "--jobs", "3", "--no-cache"])
    assert (code, capsys.readouterr().out) == serial[:2]
    text_serial = main(["-C", str(project), "check", "--jobs", "1", "--no-cache"])
    out_serial = capsys.readouterr().out
    assert main(["-C", str(project), "check", "--jobs", "2"]) == text_serial
    assert capsys.readouterr().out == out_serial


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_a_broken_catalog_in_a_worker_is_one_located_error(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "beta.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + '\nmsgid "unterminated\n',
                       encoding="utf-8")
    assert main(["-C", str(project), "check", "--jobs", "2"]) == 2
    err = capsys.readouterr().err
    assert "beta.po:" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_extract_and_update_on_several_cores_equal_one(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    other = tmp_path / "other"
    shutil.copytree(project, other)

    def stages(root: Path, jobs: str) -> str:
        for stage in ("extract", "update"):
            assert main(["-C", str(root), stage, "--jobs", jobs]) == 0
        return capsys.readouterr().out.replace(str(root), "ROOT")
    assert stages(project, "1") == stages(other, "2")
    assert _locales_bytes(project) == _locales_bytes(other)
    # A broken catalog met in a worker: one located line, nothing written for it.
    catalog = other / "locales" / "en" / "LC_MESSAGES" / "beta.po"
    broken = catalog.read_text(encoding="utf-8") + '\nmsgid "unterminated\n'
    catalog.write_text(broken, encoding="utf-8")
    (other / "content" / "beta.md").write_text("# 新标题\n\n新的一段。\n", encoding="utf-8")
    assert main(["-C", str(other), "update", "--jobs", "2"]) == 2
    err = capsys.readouterr().err
    assert "beta.po:" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert catalog.read_text(encoding="utf-8") == broken


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--jobs", "0"])
    assert "at least 1 job" in capsys.readouterr().err


def test_status_is_read_back_and_follows_edits(project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    def status(*args: str) -> str:
        assert main(["-C", str(project), "status", "--json", *args]) == 0
        return capsys.readouterr().out
    first = status()
    assert (project / ".bilingual" / "cache" / "status.json").is_file()
    assert status() == first == status("--no-cache")
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "beta.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Industry Renewed, a Transformation Taking Flight"',
                                    'msgstr ""'), encoding="utf-8")
    edited = status()
    assert edited != first and edited == status("--no-cache")


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_a_segment_rendered_two_ways_is_found_from_cached_results(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    counter = Counter(monkeypatch)
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "beta.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgstr "Industry Renewed, a Transformation Taking Flight"',
        'msgstr "Industry Renewed, Transformation Under Way"'), encoding="utf-8")
    first = run(project, capsys)
    assert first[1].count('"BL201"') == 1
    source = project / "content" / "gamma.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n新增的一段。\n", encoding="utf-8")
    counter.take()
    after = run(project, capsys)
    assert counter.take() == ["gamma"]  # alpha and beta (the two renderings) come from the cache
    assert after[1].count('"BL201"') == 1
    assert "Transformation Under Way" in after[1]  # the texts were read back for the message
    assert after == run(project, capsys, "--no-cache")
    stored = (project / ".bilingual" / "cache" / "check.json").read_text(encoding="utf-8")
    assert "Transformation Under Way" not in stored  # the cache keeps digests, not texts


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_batches_of_one_say_the_same_and_hydrate_across_batches(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "beta.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgstr "Industry Renewed, a Transformation Taking Flight"',
        'msgstr "Industry Renewed, Transformation Under Way"'), encoding="utf-8")
    whole = run(project, capsys, "--no-cache")
    monkeypatch.setattr(check_run, "BATCH", 1)
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    assert run(project, capsys) == whole  # each article its own batch (and pool)
    assert run(project, capsys) == whole  # all read back, the BL201 texts re-read
    assert "Transformation Under Way" in whole[1]
    # A catalog changed between being checked and being re-read for BL201 is not guessed at.
    real = check_run.read_job

    def edit_after_reading(proj, slug, *args):  # type: ignore[no-untyped-def]
        job = real(proj, slug, *args)
        if slug == "gamma":
            catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return job
    monkeypatch.setattr(check_run, "read_job", edit_after_reading)
    code, _, err = run(project, capsys)
    assert code == 2 and "beta.po: changed on disk while being checked" in err, err


@pytest.mark.slow  # the fast run stays under 30 s; CI runs it
def test_extract_skips_what_has_not_changed(project: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.commands import extract as extract_command
    extracted = count_calls(monkeypatch, extract_command, "refresh_template")

    def extract(*args: str) -> str:
        assert main(["-C", str(project), "extract", *args]) == 0
        return capsys.readouterr().out
    first = extract()
    templates = {slug: (project / "locales" / f"{slug}.pot").read_bytes() for slug in SLUGS}
    assert sorted(extracted) == list(SLUGS)
    extracted.clear()
    assert extract() == first.replace(" entries\n", " entries (unchanged)\n")
    assert extracted == []
    (project / "locales" / "beta.pot").unlink()  # a template deleted: made again
    source = project / "content" / "gamma.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n新增的一段。\n", encoding="utf-8")
    extract()
    assert sorted(extracted) == ["beta", "gamma"]
    assert (project / "locales" / "beta.pot").read_bytes() == templates["beta"]
    extracted.clear()
    extract("--no-cache")
    assert sorted(extracted) == list(SLUGS)


def _locales_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "locales").rglob("*.po*"))}


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_update_skips_unchanged_articles_and_follows_the_memory(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from pipeline.commands import update as update_module
    calls = count_calls(monkeypatch, update_module, "_update_article")

    def updated() -> list[str]:  # an article waiting for the memory is merged twice
        return list(dict.fromkeys(calls))

    def update(root: Path, *args: str) -> str:
        assert main(["-C", str(root), "update", *args]) == 0
        return capsys.readouterr().out
    update(project)
    assert sorted(updated()) == list(SLUGS)
    calls.clear()
    update(project)
    assert updated() == []

    # gamma gets a paragraph nobody has translated: it depends on the memory now.
    new = "新增的一段，讲述上党区的未来。"
    gamma = project / "content" / "gamma.md"
    gamma.write_text(gamma.read_text(encoding="utf-8") + f"\n{new}\n", encoding="utf-8")
    update(project)
    assert updated() == ["gamma"]
    calls.clear()
    # alpha translates the same paragraph: gamma's memory changed, so gamma is redone.
    alpha = project / "content" / "alpha.md"
    alpha.write_text(alpha.read_text(encoding="utf-8") + f"\n{new}\n", encoding="utf-8")
    update(project)
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "alpha.po"
    text = catalog.read_text(encoding="utf-8")
    assert f'msgid "{new}"\nmsgstr ""' in text
    catalog.write_text(text.replace(f'msgid "{new}"\nmsgstr ""',
                                    f'msgid "{new}"\nmsgstr "A new paragraph on the future."'),
                       encoding="utf-8")
    calls.clear()
    update(project)
    assert sorted(updated()) == ["alpha", "gamma"]
    assert "A new paragraph on the future." in (
        project / "locales" / "en" / "LC_MESSAGES" / "gamma.po").read_text(encoding="utf-8")

    # Byte-identical to the same history without the cache.
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".bilingual"))
    update(fresh, "--no-cache")
    update(project)
    assert _locales_bytes(project) == _locales_bytes(fresh)


def _build_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "build").rglob("*")) if p.is_file()}


@pytest.mark.slow  # over a second: the fast run stays under 30 s
def test_build_rebuilds_only_what_changed(project: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    from pipeline.commands import build as build_module
    built = count_calls(monkeypatch, build_module, "_build_job")

    def build(root: Path, *args: str) -> str:
        assert main(["-C", str(root), "build", "--jobs", "1", *args]) == 0
        return capsys.readouterr().out
    first = build(project)
    assert sorted(built) == list(SLUGS)
    built.clear()
    assert build(project) == first and built == []

    catalog = project / "locales" / "en" / "LC_MESSAGES" / "beta.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgstr "Industry Renewed, a Transformation Taking Flight"',
        'msgstr "Industry Renewed, Transformation Under Way"'), encoding="utf-8")
    build(project)
    assert built == ["beta"]
    built.clear()
    page = next((project / "build").glob("gamma*.html"))
    page.write_text("tampered", encoding="utf-8")  # an output changed by hand: rebuilt
    build(project)
    assert built == ["gamma"]
    assert "tampered" not in page.read_text(encoding="utf-8")

    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".bilingual", "build"))
    build(fresh, "--no-cache")
    assert _build_bytes(fresh) == _build_bytes(project)


@pytest.mark.slow
def test_a_check_on_cached_results_loads_no_rule_tables(project: Path) -> None:
    """The cheap path stays cheap: with every result cached, `check` compiles no rule
    patterns and parses no Markdown (imports are most of its cost)."""
    import subprocess
    import sys
    probe = ("import sys\nfrom pipeline.cli import main\n"
             "try:\n    main(['-C', sys.argv[1], 'check'])\nexcept SystemExit:\n    pass\n"
             "heavy = ['pipeline.checks.numbers.compare', 'pipeline.checks.rules.style', 'markdown_it',"
             " 'yaml', 'multiprocessing']\n"
             "print(' '.join(m for m in heavy if m in sys.modules) or 'none')\n")
    run = [sys.executable, "-c", probe, str(project)]
    first = subprocess.run(run, capture_output=True, text=True, check=True, cwd=ROOT)
    assert "pipeline.checks.numbers.compare" in first.stdout.splitlines()[-1]  # a real first run
    again = subprocess.run(run, capture_output=True, text=True, check=True, cwd=ROOT)
    assert again.stdout.splitlines()[-1] == "none"


@pytest.mark.slow  # over a second: the fast run stays under 30 s
@pytest.mark.parametrize("args", [(), ("--no-cache",)])
def test_fresh_results_reach_the_reduce_without_their_texts(
        project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        args: tuple[str, ...]) -> None:
    """A fresh result is held as the cache stores it: no segment texts (an archive's
    worth of them in the parent). The reduce reads back the few it needs."""
    seen: list[check_run.ArticleResult] = []
    real = check_run.finish_checks

    def spying(run, results, **kw):  # type: ignore[no-untyped-def]
        seen.extend(results)
        return real(run, results, **kw)

    catalog = project / "locales" / "en" / "LC_MESSAGES" / "beta.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgstr "Industry Renewed, a Transformation Taking Flight"',
        'msgstr "Industry Renewed, Transformation Under Way"'), encoding="utf-8")
    monkeypatch.setattr(check_run, "finish_checks", spying)
    code, out, _ = run(project, capsys, *args)
    renderings = [r for result in seen for r in result.renderings]
    assert renderings and not any(r.has_text for r in renderings)
    assert out.count('"BL201"') == 1
    assert "Transformation Under Way" in out  # the texts were read back for the message
    monkeypatch.undo()
    assert (code, out) == run(project, capsys, "--no-cache")[:2]


def test_status_in_batches_of_one_says_the_same(project: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.commands import status as status_command

    def status(*args: str) -> str:
        assert main(["-C", str(project), "status", "--json", *args]) == 0
        return capsys.readouterr().out
    whole = status("--no-cache")
    monkeypatch.setattr(status_command, "BATCH", 1)
    assert status() == whole  # first run, every batch mapped
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "beta.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgstr "Industry Renewed, a Transformation Taking Flight"', 'msgstr ""'),
        encoding="utf-8")
    mixed = status()  # alpha and gamma read back, beta mapped, in article order
    monkeypatch.setattr(status_command, "BATCH", 500)
    assert mixed == status("--no-cache") != whole
