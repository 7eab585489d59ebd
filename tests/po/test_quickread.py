"""The one-pass reader (pipeline.po.quickread) gives exactly what the two-pass
reading (strict scanner, then polib) gives: the same objects, attribute for
attribute, or the same error at the same line, on real catalogs and on
thousands of mutations of a catalog that uses every construct (hundreds
without the slow tests)."""

from __future__ import annotations

import random
from pathlib import Path

import polib
import pytest

from pipeline.po import read
from pipeline.po.errors import PoFormatError
from pipeline.po.quickread import quick_read
from pipeline.po.write import format_pofile

ROOT = Path(__file__).resolve().parents[2]

EVERYTHING = '''# Translator notes on the header.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: x\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Long: a value that goes on\\n"
"and on\\n"

# A translator comment with trailing blanks  
#
#. segment: p-1 (paragraph)
#.
#. term: 上党区 = Shangdang District
#: content/a.md:3 content/b.md:14 noline
#: content/c.md:7
#, fuzzy, python-format
#| msgctxt "old"
#| msgid "旧的"
#| "文字"
msgctxt "ctx"
msgid ""
"第一行\\n"
"第二行 \\"引号\\" \\\\ 反斜杠\\t制表"
msgstr "Line one\\nline two \\"quoted\\" \\\\ backslash\\ttab"

#: content/a.md:9
#, c-format
msgid "%d apple"
msgid_plural "%d apples"
msgstr[0] "%d pomme"
msgstr[1] ""
"%d pommes"

#. segment: h-2 (heading)
#:
#,
msgid "标题"
msgstr ""

#~| msgid "更旧"
#~ msgid "已废弃"
#~ msgstr "Obsolete"
#~ " one"

#, fuzzy
#~| msgctxt "c"
#~| msgid "复数"
#~ msgid "一个"
#~ msgid_plural "多个"
#~ msgstr[0] "one"
#~ msgstr[1] "many"
'''

# What a mutation inserts: the characters the two readers treat specially.
ALPHABET = ['#', ' ', '"', '\\', '\n', '~', '|', '.', ':', ',', 'm', '0', '1', '[', ']',
            '\t', 'x', '\u2028', '\r', '\x0c', '\u3000', 'msgid ', 'msgstr ', '#~ ', '#| ',
            'msgctxt ', 'msgid_plural ', 'msgstr[1] ', '\\n', '\\a', '٣', '"\n"']


def _state(po: polib.POFile) -> tuple[dict[str, object], list[dict[str, object]]]:
    return dict(vars(po)), [dict(vars(e)) for e in po]


def _outcome(text: str, quick: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    path = Path("x.po")
    with monkeypatch.context() as patch:
        if not quick:
            patch.setattr(read, "quick_read", lambda text: None)
        try:
            return ("read", _state(read.parse_pofile(text.encode("utf-8"), path)))
        except PoFormatError as exc:
            return ("refused", exc.message, exc.line)
        except Exception as exc:  # a crash must be the same crash both ways
            return ("crashed", type(exc).__name__, str(exc))


def _mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        at = rng.randrange(len(text) + 1)
        choice = rng.randrange(6)
        if choice == 0:
            text = text[:at] + text[at + 1:]
        elif choice in (1, 2):
            text = text[:at] + rng.choice(ALPHABET) + text[at:]
        elif choice == 3:
            i = rng.randrange(len(lines))
            text = "\n".join(lines[:i] + lines[i + 1:])
        elif choice == 4:
            i = rng.randrange(len(lines))
            text = "\n".join([*lines[:i], lines[i], *lines[i:]])
        else:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


def test_the_seed_uses_the_quick_path_and_reads_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    assert quick_read(EVERYTHING) is not None
    quick = _outcome(EVERYTHING, True, monkeypatch)
    assert quick[0] == "read"
    assert quick == _outcome(EVERYTHING, False, monkeypatch)


@pytest.mark.parametrize("count", [100, pytest.param(6000, marks=pytest.mark.slow)])
def test_mutations_read_alike_both_ways(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(count)
    quick_reads = quick_refusals = 0
    for _ in range(count):
        text = _mutate(EVERYTHING, rng)
        quick = _outcome(text, True, monkeypatch)
        assert quick == _outcome(text, False, monkeypatch), text
        assert quick[0] != "crashed", text
        if quick_read(text) is not None:
            quick_reads += quick[0] == "read"
            quick_refusals += quick[0] == "refused"
    # The test has teeth only if many mutants took the quick path, both ways out
    # (fewer refusals since unknown flags are read and kept, as msgcat accepts them).
    assert quick_reads > count // 8 and quick_refusals >= count // 100


@pytest.mark.parametrize("path", sorted((ROOT / "locales").rglob("*.po*"))
                         + sorted((ROOT / "tests" / "data").rglob("*.po")),
                         ids=lambda p: p.name)
def test_real_catalogs_take_the_quick_path(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    assert quick_read(text) is not None
    assert _outcome(text, True, monkeypatch) == _outcome(text, False, monkeypatch)


def test_our_own_output_takes_the_quick_path() -> None:
    po = read.parse_pofile(EVERYTHING.encode("utf-8"), Path("x.po"))
    assert quick_read(format_pofile(po)) is not None


def test_msgid_plural_without_msgid_is_refused() -> None:
    # Found by the mutations above: the scanner let it through and the checks crashed.
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' \
           'msgctxt "c"\nmsgid_plural "a"\nmsgstr[0] "b"\n'
    with pytest.raises(PoFormatError, match="misplaced msgid_plural") as info:
        read.parse_pofile(text.encode("utf-8"), Path("x.po"))
    assert info.value.line == 6
