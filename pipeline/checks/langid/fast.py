"""langdetect's detector with its inner loop on arrays: the same answer for every text, faster.

langdetect runs seven random walks over a text's n-grams; each step multiplies
the 55 language probabilities by the n-gram's row, and every fifth step
normalises them: about 400 steps a text, 7 ms in pure Python, most of BL502's
cost. Here a step is one array operation. Every number is the same IEEE
operation on the same operands as in langdetect (the normalising sum is
Python's own `sum` over the same list, in the same order), and the random
draws are langdetect's own, so each answer is langdetect's, bit for bit
(tests/checks/test_langprofiles.py compares the two on real texts).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram


class ArrayDetector(Detector):  # type: ignore[misc]  # langdetect has no type hints
    """`langdetect.detector.Detector` whose `_detect_block` works on arrays."""

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        width = len(self.langlist)
        rows = _rows(self.word_lang_prob_map, width)
        for w in set(ngrams).difference(rows):
            rows[w] = np.array(self.word_lang_prob_map[w][:width], dtype=np.float64)
        distinct = list(dict.fromkeys(ngrams))
        table = np.array([rows[w] for w in distinct])
        where = {w: k for k, w in enumerate(distinct)}
        picks = [where[w] for w in ngrams]  # random.choice(ngrams) is ngrams[_randbelow(n)]
        below, count = self.random._randbelow, len(ngrams)
        self.langprob = [0.0] * width
        self.random.seed(self.seed)
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            factors = (alpha / self.BASE_FREQ) + table  # weight + row, for every n-gram
            i = 0
            while True:
                prob *= factors[picks[below(count)]]
                if i % 5 == 0 and (_normalised(prob) > self.CONV_THRESHOLD
                                   or i >= self.ITERATION_LIMIT):
                    break
                i += 1
            for j, p in enumerate(prob.tolist()):
                self.langprob[j] += p / self.n_trial

    def _extract_ngrams(self) -> list[str]:
        """langdetect's, with NGram.add_char inlined and each character's
        normalised form remembered (it depends on the character alone)."""
        table, normal = self.word_lang_prob_map, _NORMAL
        known: Any = getattr(table, "known", table)  # the lazy table's key set (profiles.py)
        result: list[str] = []
        grams, capital = " ", False
        for raw in self.text:
            ch = normal.get(raw)
            if ch is None:
                ch = normal[raw] = NGram.normalize(raw)
            last = grams[-1]
            if last == " ":
                grams, capital = " ", False
                if ch == " ":
                    continue
            elif len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += ch
            if ch.isupper():
                if last.isupper():
                    capital = True
            else:
                capital = False
            if capital:
                continue
            for n in range(1, min(len(grams), NGram.N_GRAM) + 1):
                w = grams[-n:]
                if w != " " and w in known:
                    result.append(w)
        return result


_NORMAL: dict[str, str] = {}  # a character -> NGram.normalize(character)
# The n-gram rows as arrays, for the table they were read from (one a process).
_ROWS: dict[int, tuple[Any, dict[str, Any]]] = {}


def _rows(table: Any, width: int) -> dict[str, Any]:
    key = id(table) * 1000 + width
    held = _ROWS.get(key)
    if held is None or held[0] is not table:
        held = _ROWS[key] = (table, {})
    return held[1]


def _normalised(prob: Any) -> float:
    """langdetect's `_normalize_prob`, in place: the largest probability."""
    total = sum(prob.tolist())  # the builtin, in list order, as langdetect adds
    if total == 0.0:
        raise ZeroDivisionError("float division by zero")  # as langdetect would
    prob /= total
    return max(0.0, float(prob.max()))  # langdetect starts its maximum at 0.0


def detect(text: str) -> str:
    """`langdetect.detect(text)` (profiles loaded, seed set by the caller)."""
    from langdetect import detector_factory

    detector_factory.init_factory()
    factory = detector_factory._factory
    if not factory.langlist:
        raise LangDetectException(ErrorCode.NeedLoadProfileError, "Need to load profiles.")
    detector = ArrayDetector(factory)
    detector.append(text)
    lang: str = detector.detect()
    return lang
