"""`bilingual init [DIR] [--name NAME] [--no-ci] [--install-from REQ]`: start a new publication."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..ci_config import PLACEHOLDER_REQUIREMENT, REQUIREMENTS_PATH
from ..errors import display_path
from ..scaffold import create_project
from .base import Command
from .common import say, warn


def installed_requirement() -> str | None:
    """A pip requirement for the bilingual running now, if pip elsewhere could fetch
    it from where it came (PEP 610 direct_url.json: a Git or archive URL); None for
    a local folder or an unknown origin."""
    try:
        raw = metadata.distribution("bilingual").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not raw:
        return None
    origin = json.loads(raw)
    url = origin.get("url", "")
    if "vcs_info" in origin:
        info = origin["vcs_info"]
        return f"bilingual @ {info.get('vcs', 'git')}+{url}@{info.get('commit_id', '')}"
    if "archive_info" in origin and not url.startswith("file:"):
        return f"bilingual @ {url}"
    return None


@dataclass(frozen=True)
class InitOptions:
    directory: Path = Path(".")
    name: str = "Bilingual editions"
    ci: bool = True  # --no-ci: no pre-commit, GitHub workflow or requirements file
    install_from: str | None = None


def init_command(options: InitOptions) -> int:
    directory, ci = options.directory, options.ci
    requirement = options.install_from or installed_requirement()
    written = create_project(directory, options.name, ci, requirement)
    for path in written:
        say(f"created {display_path(path)}{'/' if path.is_dir() else ''}")
    if ci and requirement is None:
        requirements = directory / REQUIREMENTS_PATH
        line = 1 + requirements.read_text(encoding="utf-8").splitlines().index(
            PLACEHOLDER_REQUIREMENT)
        warn(f"{display_path(requirements)}:{line}: edit this line "
             "before you push: the GitHub workflow installs bilingual from it, and this copy "
             "came from a local folder CI cannot reach (or rerun init with "
             "--install-from 'bilingual @ git+https://…')")
    say("next: bilingual import ARTICLE.txt --slug SLUG   (run inside the project)")
    return 0


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", type=Path, nargs="?", default=Path("."), metavar="DIR",
                        help="where to start it (default: here)")
    parser.add_argument("--name", default="Bilingual editions",
                        help="publication name shown on page titles and the index")
    parser.add_argument("--no-ci", dest="ci", action="store_false",
                        help="no .pre-commit-config.yaml, GitHub workflow or requirements file")
    parser.add_argument("--install-from", metavar="REQUIREMENT",
                        help="the pip requirement CI installs bilingual with "
                             "(default: where this bilingual came from)")


# It makes the project, so it cannot need one.
COMMAND = Command(InitOptions, _arguments, alone=init_command,
                  description="Create content/, locales/, glossary/terms.csv, .gitignore, "
                              "bilingual.toml and the CI configuration (pre-commit, GitHub "
                              "Actions); never overwrites.")
