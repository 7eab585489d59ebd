"""Rendered editions: aligned bilingual and target-only HTML and Markdown, and the editor's proof."""
