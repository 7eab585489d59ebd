"""What is kept once per machine, outside any project: tables parsed from installed
packages (the aligner's word lists) and font subsets made from installed faces.

Everything here is derived from installed files and keyed by their versions, so it is
never stale and always safe to delete; a cache that cannot be written only means the
work is done again next time.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """$BILINGUAL_CACHE_DIR, else the platform's user cache dir (~/.cache/bilingual)."""
    chosen = os.environ.get("BILINGUAL_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("bilingual"))
