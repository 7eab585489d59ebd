"""langdetect's profiles, loaded as a text asks for them.

langdetect builds a table of 87,598 n-grams × 55 languages before it judges its
first text: 0.6 s, most of a one-entry recheck. A check asks about a few texts,
which hold a few hundred n-grams. Here the 55 profiles are only parsed (0.1 s),
and each n-gram's row is computed the first time a text holds it, by
langdetect's own formula in its own order, so every answer is the one its
eager table gives (tests/checks/test_langprofiles.py compares the two).
"""

from __future__ import annotations

import json
import os
from typing import Any


class LazyProbabilities(dict[str, list[float]]):
    """`DetectorFactory.word_lang_prob_map`, each row built on first lookup."""

    def __init__(self, profiles: list[dict[str, Any]], width: int) -> None:
        super().__init__()
        self._profiles = [(p["freq"], p["n_words"]) for p in profiles]
        self._width = width  # langdetect sizes rows by the files listed, loaded or not
        # Every n-gram of every profile: the eager table's keys.
        self.known = frozenset().union(*(freq for freq, _ in self._profiles))

    def __contains__(self, word: object) -> bool:
        return word in self.known

    def __missing__(self, word: str) -> list[float]:
        if word not in self.known:
            raise KeyError(word)
        row = [0.0] * self._width
        length = len(word)
        if 1 <= length <= 3:  # as DetectorFactory.add_profile: longer n-grams stay 0.0
            for index, (freq, n_words) in enumerate(self._profiles):
                count = freq.get(word)
                if count is not None:
                    row[index] = 1.0 * count / n_words[length - 1]
        self[word] = row
        return row


def install() -> None:
    """Give langdetect's module-level factory the lazy table (once per process),
    unless it already has one or its internals are not the ones this was written for."""
    from langdetect import detector_factory as factory_module

    if factory_module._factory is not None or not hasattr(factory_module, "PROFILES_DIRECTORY"):
        return
    directory = factory_module.PROFILES_DIRECTORY
    names = os.listdir(directory)  # langdetect's order: the index of each language
    profiles = []
    for name in names:
        path = os.path.join(directory, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as handle:
            profiles.append(json.load(handle))
    factory = factory_module.DetectorFactory()
    factory.langlist = [p["name"] for p in profiles]
    factory.word_lang_prob_map = LazyProbabilities(profiles, len(names))
    factory_module._factory = factory
