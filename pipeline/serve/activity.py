"""The workbench's activity log: `.bilingual/activity.log`, one JSON line per save.

Append-only (O_APPEND: concurrent writers never interleave within a line of
this size), so a team sharing one workbench can see who saved which entries
and when, without a database.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from ..project import Project

LOG_NAME = "activity.log"


def activity_path(project: Project) -> Path:
    return project.root / ".bilingual" / LOG_NAME


def record_activity(project: Project, when: datetime, who: str | None, file: str,
                    entries: list[str], conflicts: list[str]) -> None:
    """Append one line: {"when", "who", "file", "entries", "conflicts"}."""
    line = json.dumps({"when": when.isoformat(timespec="seconds"), "who": who or "",
                       "file": file, "entries": entries, "conflicts": len(conflicts)},
                      ensure_ascii=False) + "\n"
    path = activity_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)
