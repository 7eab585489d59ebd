"""Old name of ``pipeline.po.directives``; kept so imports keep working."""
from __future__ import annotations

from .directives import directive_spans, protected_positions

__all__ = ["directive_spans", "protected_positions"]
