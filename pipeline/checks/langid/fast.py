"""langdetect's detector with its inner loop on arrays: the same answer for every text, faster.

langdetect runs seven random walks over a text's n-grams; each step multiplies
the 55 language probabilities by the n-gram's row, and every fifth step
normalises them: about 400 steps a text, 7 ms in pure Python, most of BL502's
cost. Here a step is one array operation. Every number is the same IEEE
operation on the same operands as in langdetect (the normalising sum is
Python's own `sum` over the same list, in the same order), and the random
draws are langdetect's own, so each answer is langdetect's, bit for bit
(tests/checks/test_langprofiles.py compares the two on real texts). A text's
n-grams are taken a word at a time, each word's remembered; `detect`, which only
wants the answer, stops after the trial that settles it (four of seven, for most
English).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram


class ArrayDetector(Detector):  # type: ignore[misc]  # langdetect has no type hints
    """`langdetect.detector.Detector` whose `_detect_block` works on arrays."""

    # Only `detect()`'s answer is wanted: the walks stop once no later trial can
    # change which language leads (the probabilities are then left part-summed).
    answer_only = False

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
        self.langprob = [0.0] * width
        self.random.seed(self.seed)
        for trial in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            factors = (alpha / self.BASE_FREQ) + table  # weight + row, for every n-gram
            self._walk(prob, factors, picks)
            for j, p in enumerate(prob.tolist()):
                self.langprob[j] += p / self.n_trial
            if self.answer_only and _decided(self.langprob, self.n_trial - trial - 1,
                                             self.n_trial, self.PROB_THRESHOLD):
                break

    def _walk(self, prob: Any, factors: Any, picks: list[int]) -> None:
        """One trial's random walk, `prob` multiplied in place by the factors of an
        n-gram drawn at random each time and normalised every fifth: langdetect's
        loop, with its draws (`Random._randbelow`, inlined) and its arithmetic."""
        count = len(picks)
        bits, getrandbits = count.bit_length(), self.random.getrandbits
        limit, threshold = self.ITERATION_LIMIT, self.CONV_THRESHOLD
        i = 0
        while True:
            pick = getrandbits(bits)
            while pick >= count:
                pick = getrandbits(bits)
            prob *= factors[picks[pick]]
            if i % 5 == 0 and (_normalised(prob) > threshold or i >= limit):
                return
            i += 1

    def append(self, text: str) -> None:
        """langdetect's: URLs and e-mail addresses out, Vietnamese normalised, cut to
        the length limit, each run of spaces made one (its loop, as one substitution)."""
        text = NGram.normalize_vi(self.MAIL_RE.sub(" ", self.URL_RE.sub(" ", text)))
        self.text += _SPACES.sub(" ", text[:self.max_text_length])

    def _extract_ngrams(self) -> list[str]:
        """langdetect's, a word at a time: its n-gram buffer starts afresh after a
        space, so a text's n-grams are its words' (each with the space after it, if
        any), in order. Characters are normalised first (each on its own, as
        NGram.add_char does) and a word's n-grams are remembered."""
        table = self.word_lang_prob_map
        known: Any = getattr(table, "known", table)  # the lazy table's key set (profiles.py)
        words = _WORD.findall(self.text.translate(_NORMAL))
        result: list[str] = []
        if isinstance(known, frozenset):
            for word in words:
                result += _remembered_ngrams(word, known)
        else:  # a plain dict (langdetect's own table): nothing to key a memory on
            for word in words:
                result += _word_ngrams(word, known)
        return result


class _Normalised(dict[int, str]):
    """A `str.translate` table: a character -> NGram.normalize(character), on first sight."""

    def __missing__(self, code: int) -> str:
        normal: str = NGram.normalize(chr(code))
        self[code] = normal
        return normal


_NORMAL = _Normalised()
_SPACES = re.compile(" {2,}")
_WORD = re.compile("[^ ]+ ?")  # a word and the space after it, if any


def _word_ngrams(word: str, known: Any) -> tuple[str, ...]:
    """NGram.add_char and get(1..3) over one word, from a fresh buffer (the state
    after a space): all-capital words give none after their first letter."""
    result: list[str] = []
    grams, capital = " ", False
    for ch in word:
        last = grams[-1]
        if last != " " and len(grams) >= NGram.N_GRAM:
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
    return tuple(result)


_remembered_ngrams = lru_cache(maxsize=1 << 16)(_word_ngrams)


# The n-gram rows as arrays, for the table they were read from (one a process).
_ROWS: dict[int, tuple[Any, dict[str, Any]]] = {}


def _rows(table: Any, width: int) -> dict[str, Any]:
    key = id(table) * 1000 + width
    held = _ROWS.get(key)
    if held is None or held[0] is not table:
        held = _ROWS[key] = (table, {})
    return held[1]


def _decided(sums: list[float], left: int, trials: int, threshold: float) -> bool:
    """No `left` more trials can change the leader: each adds its probabilities over
    `trials` (each in [0, 1]: the weights alpha/BASE_FREQ + row are positive, alpha
    being 0.5 ± 0.05 a trial), so the leader keeps at least its sum and a rival gains
    at most left/trials. The margin covers the additions' rounding; the leader must
    already clear langdetect's reporting threshold."""
    first, second = [*sorted(sums, reverse=True), 0.0][:2]
    return first > threshold and first - second > left / trials + 1e-9


def _normalised(prob: Any) -> float:
    """langdetect's `_normalize_prob`, in place: the largest probability. The sum is
    Python's, in list order, as langdetect adds; the largest quotient is the largest
    value's quotient (a correctly rounded division by a positive total keeps order)."""
    values: list[float] = prob.tolist()
    total = sum(values)
    if total == 0.0:
        raise ZeroDivisionError("float division by zero")  # as langdetect would
    prob /= total
    return max(0.0, max(values) / total)  # langdetect starts its maximum at 0.0


def detect(text: str) -> str:
    """`langdetect.detect(text)` (profiles loaded, seed set by the caller)."""
    from langdetect import detector_factory

    detector_factory.init_factory()
    factory = detector_factory._factory
    if not factory.langlist:
        raise LangDetectException(ErrorCode.NeedLoadProfileError, "Need to load profiles.")
    detector = ArrayDetector(factory)
    detector.answer_only = True
    detector.append(text)
    lang: str = detector.detect()
    return lang
