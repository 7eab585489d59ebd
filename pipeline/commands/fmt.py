"""`bilingual fmt [--check] FILES...`: GNU canonical form for .po/.pot files.

Each file is read once; every file is read and validated before any is
written, so one bad file changes nothing. The rewrite goes through
`save_catalog`: an edit made to a file while fmt runs is merged, never lost.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ..atomic import Fingerprint
from ..catalog.pofile import LoadedCatalog, save_catalog
from ..errors import PipelineError, display_path
from ..po.fmt import canonical_text
from ..po.read import catalog_encoding, parse_pofile
from .base import Command
from .common import say


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; directories stand for every .po/.pot file below them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".po", ".pot"))
        elif path.is_file():
            found.append(path)
        else:
            raise PipelineError("no such file or directory", path)
    return found


def fmt_files(paths: list[Path], check: bool, force: bool = False) -> list[Path]:
    """The files not in msgcat's canonical form; unless `check`, rewritten."""
    pending: list[tuple[LoadedCatalog, bytes]] = []
    for path in paths:
        data = path.read_bytes()
        if not data.strip():  # refused by every other command too (see catalog.pofile)
            raise PipelineError("empty catalog (expected at least a header entry)", path, 1)
        loaded = LoadedCatalog(path, parse_pofile(data, path), Fingerprint.of_bytes(data))
        text = canonical_text(loaded.po, path).encode(catalog_encoding(loaded.po))
        if text != data:
            pending.append((loaded, text))
    if not check:
        for loaded, _text in pending:
            save_catalog(loaded.path, loaded, loaded.po, force=force)
    return [loaded.path for loaded, _ in pending]


@dataclass(frozen=True)
class FmtOptions:
    files: tuple[Path, ...]
    check: bool = False  # change nothing; exit 1 if any differ
    force: bool = False  # rewrite read-only files too


def fmt_command(options: FmtOptions) -> int:
    check = options.check
    changed = fmt_files(expand(list(options.files)), check, options.force)
    for path in changed:
        say(f"{display_path(path)}: {'not in GNU canonical form' if check else 'reformatted'}")
    return 1 if check and changed else 0


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="a .po or .pot file, or a directory of them")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if any differ")
    parser.add_argument("--force", action="store_true",
                        help="rewrite files made read-only too (refused otherwise)")


# Works on any .po file, inside a project or not.
COMMAND = Command(FmtOptions, _arguments, alone=fmt_command,
                  description="Rewrite .po/.pot files exactly as GNU msgcat would write them; "
                              "--check only lists the ones that differ and exits 1. It "
                              "accepts what msgcat accepts (every C escape, merged headers, "
                              "a catalog in the charset its header declares, written back "
                              "in that charset) and keeps flags gettext does not know "
                              "(#, rust-format), which msgcat 0.21 drops.")
