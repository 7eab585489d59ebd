"""The number models behind BL401–BL403: quantities read from Chinese
(chinese.py) and English (english.py) text as shared values (quantity.py),
then compared (compare.py) with the judgement of what was surely dropped
(omissions.py)."""
