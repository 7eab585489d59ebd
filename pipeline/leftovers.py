"""Temporary files left behind by writers that were killed mid-write: found by
their `.NAME.PID.XXXX.tmp` names (see atomic.py), removed once their process is
gone, each removal logged (the CLI prints it)."""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

from .errors import display_path

log = logging.getLogger(__name__)
_TEMP = re.compile(r"^\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[A-Za-z0-9_]{6,}\.tmp$")
_LEGACY_AGE = 60.0  # seconds: a temp file without a pid is left over after this


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(directory: Path) -> list[Path]:
    """Delete temporary files that killed writers left in `directory` (never
    one a live process is still writing) and log each; returns them."""
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(directory) if n.endswith(".tmp") and n.startswith(".")]
    except OSError:
        return removed
    for name in names:
        m = _TEMP.match(name)
        if not m:
            continue
        tmp = directory / name
        pid = m.group("pid")
        try:
            stale = (not _alive(int(pid)) if pid
                     else time.time() - tmp.stat().st_mtime > _LEGACY_AGE)
            if stale and tmp.is_file() and not tmp.is_symlink():
                tmp.unlink()
        except (OSError, ValueError):
            continue
        if stale:
            removed.append(tmp)
            log.warning("%s: removed a temporary file left by an interrupted write",
                        display_path(tmp))
    return removed
