"""The peers timed on the same files: po4a, mdpo, GNU gettext, Translate Toolkit, the floor.

Each peer is a list of command lines run one after another (po4a and msgmerge
take one file per call, as they are used); a peer missing from this machine is
reported with how to install it and skipped.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

INSTALL = {
    "po4a": "apt-get install po4a",
    "mdpo": "pip install mdpo",
    "gettext": "apt-get install gettext",
    "pofilter": "pip install translate-toolkit",
}

FLOOR = """
import sys, pathlib, polib
from markdown_it import MarkdownIt
root = pathlib.Path(sys.argv[1]); md = MarkdownIt("commonmark")
for source in sorted((root / "content").glob("*.md")):
    md.parse(source.read_text(encoding="utf-8"))
    polib.pofile(str(root / "locales/en/LC_MESSAGES" / (source.stem + ".po")))
"""

MDPO = """
import sys, pathlib
from mdpo.md2po import markdown_to_pofile
from mdpo.po2md import pofile_to_markdown
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]); out.mkdir(exist_ok=True)
for source in sorted((root / "content").glob("*.md")):
    po = out / (source.stem + ".po")
    markdown_to_pofile(str(source), po_filepath=str(po), save=True)
    pofile_to_markdown(str(source), str(po), save=str(out / source.name))
"""


@dataclass(frozen=True)
class Peer:
    name: str
    group: str  # the INSTALL key
    commands: list[list[str]]


def missing(group: str) -> str | None:
    needs = {"po4a": ["po4a-updatepo", "po4a-translate"], "gettext": ["msgmerge", "msgfmt"],
             "pofilter": ["pofilter"]}.get(group, [])
    if group == "mdpo":
        try:
            import mdpo  # noqa: F401
        except ImportError:
            return INSTALL[group]
    return INSTALL[group] if any(shutil.which(n) is None for n in needs) else None


def peers(root: Path, scratch: Path) -> list[Peer]:
    """Every peer over the corpus at `root`, writing only under `scratch`."""
    sources = sorted((root / "content").glob("*.md"))
    catalogs = root / "locales" / "en" / "LC_MESSAGES"
    for name in ("po4a", "gnu", "pofilter", "mdpo"):
        (scratch / name).mkdir(parents=True, exist_ok=True)
    po4a_update = [["po4a-updatepo", "-f", "text", "-o", "markdown", "-M", "UTF-8",
                    "-m", str(s), "-p", str(scratch / "po4a" / f"{s.stem}.po")] for s in sources]
    po4a_translate = [["po4a-translate", "-f", "text", "-o", "markdown", "-M", "UTF-8",
                       "-L", "UTF-8", "-k", "0", "-m", str(s),
                       "-p", str(scratch / "po4a" / f"{s.stem}.po"),
                       "-l", str(scratch / "po4a" / s.name)] for s in sources]
    msgmerge = [["msgmerge", "-q", "--previous", "-o", str(scratch / "gnu" / f"{s.stem}.po"),
                 str(catalogs / f"{s.stem}.po"), str(root / "locales" / f"{s.stem}.pot")]
                for s in sources]
    msgfmt = [["msgfmt", "-o", str(scratch / "gnu" / f"{s.stem}.mo"), str(catalogs / f"{s.stem}.po")]
              for s in sources]
    return [
        Peer("floor: markdown-it parse + polib load", "floor",
             [[sys.executable, "-c", FLOOR, str(root)]]),
        Peer("po4a-updatepo", "po4a", po4a_update),
        Peer("po4a-translate", "po4a", po4a_translate),
        Peer("mdpo md2po + po2md", "mdpo",
             [[sys.executable, "-c", MDPO, str(root), str(scratch / "mdpo")]]),
        Peer("GNU msgmerge", "gettext", msgmerge),
        Peer("GNU msgfmt", "gettext", msgfmt),
        Peer("pofilter (default checks)", "pofilter",
             [["pofilter", "--progress=none", "--errorlevel=none", "-i", str(catalogs),
               "-o", str(scratch / "pofilter")]]),
    ]
