"""`bilingual check`: glossary, number, completeness, language and markup checks
of translations (runner.py, rules/), and the quantity extractors (numbers.py)."""
