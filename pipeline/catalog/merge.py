"""msgmerge semantics: bring a translated catalog up to date with its template.

- exact msgid match: translation, flags and translator comments kept;
- no exact match: the most similar translated old entry (ratio >= 0.6, as
  msgmerge's fuzzy threshold) lends its translation, marked fuzzy, with the
  old source as `#| msgid` so the translator sees what changed;
- translated old entries nobody used become obsolete (`#~`), never dropped;
- entry order follows the template; obsolete entries keep their order at the end.
Running it twice with the same template changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher

import polib

from ..po.write import copy_header_form

FUZZY_THRESHOLD = 0.6
SHORTLIST = 8  # full similarity is computed only for the best bigram-overlap candidates


def _similarity(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _is_translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return any(v for v in entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def merge_catalog(old: polib.POFile, template: polib.POFile) -> polib.POFile:
    """Pure: a new POFile; `old` and `template` are not modified."""
    merged = polib.POFile(wrapwidth=79, check_for_duplicates=False)
    merged.header = old.header
    merged.metadata = dict(old.metadata)
    copy_header_form(old, merged)  # msgmerge keeps the header lines as written
    if "POT-Creation-Date" in template.metadata:
        merged.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]

    active = [e for e in old if not e.obsolete]
    obsolete = [e for e in old if e.obsolete]
    exact: dict[tuple[str | None, str], polib.POEntry] = {}
    for entry in obsolete + active:  # active wins over an obsolete twin
        exact[_key(entry)] = entry
    candidates = _FuzzyIndex([e for e in active + obsolete if _is_translated(e)])
    used: set[int] = set()

    for tentry in template:
        if tentry.obsolete:
            continue
        source = exact.get(_key(tentry))
        fuzzy_from = None
        if source is None:
            fuzzy_from = candidates.best(tentry)
            source = fuzzy_from
        new = polib.POEntry(msgid=tentry.msgid, msgctxt=tentry.msgctxt,
                            msgid_plural=tentry.msgid_plural,
                            comment=tentry.comment, occurrences=list(tentry.occurrences))
        if tentry.msgid_plural:
            new.msgstr_plural = {0: "", 1: ""}
        if source is not None:
            used.add(id(source))
            _carry_translation(source, new, fuzzy=fuzzy_from is not None)
        merged.append(new)

    for entry in active + obsolete:
        if id(entry) in used or not _is_translated(entry):
            continue
        merged.append(_as_obsolete(entry))
    return merged


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i:i + 2] for i in range(max(len(text) - 1, 1)))


class _FuzzyIndex:
    """Bigram index over translated old entries, so each lookup compares a shortlist
    rather than every entry (msgmerge uses a similar character n-gram prefilter).
    Built on the first lookup: when every template entry has an exact match (the
    usual update) there is none."""

    def __init__(self, entries: list[polib.POEntry]):
        self.entries = entries
        self.sizes: list[int] = []
        self.postings: dict[str, list[tuple[int, int]]] | None = None

    def _build(self) -> dict[str, list[tuple[int, int]]]:
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for number, entry in enumerate(self.entries):
            grams = _bigrams(entry.msgid)
            self.sizes.append(sum(grams.values()))
            for gram, count in grams.items():
                postings[gram].append((number, count))
        return postings

    def best(self, tentry: polib.POEntry) -> polib.POEntry | None:
        if self.postings is None:
            self.postings = self._build()
        grams = _bigrams(tentry.msgid)
        size = sum(grams.values())
        shared: Counter[int] = Counter()
        for gram, count in grams.items():
            for number, other in self.postings.get(gram, ()):
                shared[number] += min(count, other)
        ranked = sorted(shared, key=lambda n: (-2 * shared[n] / (size + self.sizes[n]), n))
        best, best_score = None, FUZZY_THRESHOLD
        for number in ranked[:SHORTLIST]:
            candidate = self.entries[number]
            if candidate.msgctxt != tentry.msgctxt:
                continue
            score = _similarity(tentry.msgid, candidate.msgid)
            if score > best_score or (best is None and score >= best_score):
                best, best_score = candidate, score
        return best


def _carry_translation(source: polib.POEntry, new: polib.POEntry, fuzzy: bool) -> None:
    new.tcomment = source.tcomment
    if new.msgid_plural and source.msgid_plural:
        new.msgstr_plural = dict(source.msgstr_plural)
    elif new.msgid_plural:
        new.msgstr_plural = {0: source.msgstr, 1: source.msgstr}
    elif source.msgid_plural:
        new.msgstr = source.msgstr_plural.get(0, "")
    else:
        new.msgstr = source.msgstr
    flags = [f for f in source.flags if f != "fuzzy"]
    if fuzzy:
        new.flags = ["fuzzy", *flags]
        # Keep the oldest known source: a twice-changed segment diffs against what was translated.
        if "fuzzy" in source.flags and source.previous_msgid:
            new.previous_msgid = source.previous_msgid
            new.previous_msgctxt = source.previous_msgctxt
        else:
            new.previous_msgid = source.msgid
            new.previous_msgctxt = source.msgctxt
    else:
        new.flags = list(source.flags)
        if "fuzzy" in source.flags:
            new.previous_msgid = source.previous_msgid
            new.previous_msgid_plural = source.previous_msgid_plural
            new.previous_msgctxt = source.previous_msgctxt


def _as_obsolete(entry: polib.POEntry) -> polib.POEntry:
    copy = polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr, msgctxt=entry.msgctxt,
                         msgid_plural=entry.msgid_plural,
                         msgstr_plural=dict(entry.msgstr_plural), tcomment=entry.tcomment,
                         flags=list(entry.flags), obsolete=True)
    # GNU keeps previous msgids on obsolete entries; references and notes go.
    copy.previous_msgid = entry.previous_msgid
    copy.previous_msgctxt = entry.previous_msgctxt
    return copy


def copy_figures_only(po: polib.POFile) -> int:
    """Fill each untranslated entry whose source has no letter in it (a table's 39038.1,
    17.1%, 2018-08-27) with the source as English writes it (`english_figures`: 7.5%。 →
    7.5%.), as a translator would; a house style that
    writes figures otherwise (39,038.1) is still the translator's to apply. No note is
    added: a `#.` note is the template's and would go at the next merge. Returns how
    many were filled; fills `po` in place."""
    copied = 0
    for entry in po:
        if (entry.obsolete or entry.msgstr or entry.msgid_plural or not entry.msgid.strip()
                or "fuzzy" in entry.flags or any(c.isalpha() for c in entry.msgid)):
            continue
        english = english_figures(entry.msgid)
        if english is None:
            continue
        entry.msgstr = english
        copied += 1
    return copied


# A cell's Chinese full stop and enumeration comma; NFKC takes the full-width forms
# (，；：（）％ and digits) to their English ones.
_CHINESE_MARKS = str.maketrans({"。": ".", "、": ","})
_OTHER_CJK_MARK = re.compile("[\u3000-\u303f\uff00-\uffef]")


def english_figures(source: str) -> str | None:
    """A figures-only source as English writes it (7.5%。 → 7.5%., （12） → (12)), or None
    where a mark is left that has no plain English form (【】, 「」): the translator's."""
    english = unicodedata.normalize("NFKC", source.translate(_CHINESE_MARKS))
    return None if _OTHER_CJK_MARK.search(english) else english
