"""bilingual: a content pipeline for Chinese-to-English bilingual publications.

Stages (one module or subpackage each):
    importer   raw PDF extraction -> reviewed Markdown source (content/)
    source     Markdown source -> Article of Segments
    catalog    Article -> .pot template -> merged .po catalogs (locales/)
    glossary   approved terminology (glossary/) and term matching
    checks     the CI gate over catalogs, glossary and numbers
    render     Article + catalog -> bilingual/English HTML and Markdown (build/)
"""

__version__ = "0.1.0"
