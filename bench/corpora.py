"""Where the outside corpora are, for every bench: `BILINGUAL_CORPORA` if set, else
`../shared/corpora` beside this checkout or beside any folder above it (a worktree
sits deeper). They are never part of the repository; a bench says so and skips when
they are absent."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpora_root() -> Path:
    """The corpora folder, or where it would stand beside this checkout when none is
    found (the caller tells the user it is missing)."""
    if os.environ.get("BILINGUAL_CORPORA"):
        return Path(os.environ["BILINGUAL_CORPORA"])
    for folder in (ROOT, *ROOT.parents):
        candidate = folder.parent / "shared" / "corpora"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "corpora"
