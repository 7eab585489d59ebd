"""Chinese-character numerals read as integers (十二 -> 12, 三千三百 -> 3300,
一万五 -> 15000), with the digit, unit and scale characters they are made of.

chinese.py decides which numerals count something; this says what one is worth.
"""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
SCALES = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9,
          "亿": 10**8, "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4}


def parse_zh_numeral(s: str) -> int | None:
    """Value of a Chinese-character numeral (十二 -> 12, 三千三百 -> 3300,
    一万五 -> 15000, 百亿 -> 10**10, 3万亿-style 万亿); None if malformed."""
    if not s or s[0] in "万亿":
        return None
    total = wan = section = 0
    digit: int | None = None
    last_mult, after_zero = 0, False
    for ch in s:
        if ch in DIGITS:
            if digit is not None:  # 二四, 三五: not one number
                return None
            if DIGITS[ch] == 0:
                after_zero = True
            else:
                digit = DIGITS[ch]
        elif ch in UNITS:
            unit = UNITS[ch]
            if last_mult and unit >= last_mult and last_mult < 10**4:
                return None
            section += (1 if digit is None else digit) * unit
            digit, last_mult, after_zero = None, unit, False
        else:
            group = section + (digit or 0)
            if ch == "万":
                if group == 0 or wan:
                    return None
                wan = group * 10**4
            else:
                if wan + group == 0:
                    return None
                total = (total + wan + group) * 10**8
                wan = 0
            section, digit, last_mult, after_zero = 0, None, 10**4 if ch == "万" else 10**8, False
    if digit is not None and last_mult >= 100 and not after_zero:
        digit *= last_mult // 10  # colloquial 三千三 = 3300, 一万五 = 15000
    return total + wan + section + (digit or 0)
