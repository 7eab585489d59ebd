"""Rendered editions: aligned bilingual and English-only HTML and Markdown."""
