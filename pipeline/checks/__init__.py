"""`bilingual check`: glossary, number, completeness, language and markup checks
of translations (runner.py, rules/), and the engines they call: numbers/ (quantities), langid/
(language identification), align/ (sentence alignment)."""
