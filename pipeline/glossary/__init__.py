"""The term glossary: approved English for each Chinese term, and term matching."""

from .load import load_glossary, parse_glossary
from .match import EnglishMatcher, TermHit, TermMatcher
from .model import Glossary, Term

__all__ = [
           "EnglishMatcher",
           "Glossary",
           "Term",
           "TermHit",
           "TermMatcher",
           "load_glossary",
           "parse_glossary",
]
