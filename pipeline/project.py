"""Where things live in a bilingual project, and which articles/locales a command covers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import CONFIG_NAME, Config, load_config
from .errors import PipelineError

SOURCE_SUFFIX = ".md"
# Slugs become file names and URL parts: lower-case ASCII words joined by hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
LOCALE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2}|_[A-Z][a-z]{3})?$")


def validate_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise PipelineError(f"invalid slug '{slug}': use lower-case letters, digits and "
                            "hyphens (e.g. shangdang-industry)")
    return slug


def suggest_slug(name: str) -> str:
    """A slug close to `name` (ASCII words lower-cased), for error messages."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    return "-".join(words) or "article-name"


def validate_locale(locale: str) -> str:
    if not LOCALE.match(locale):
        raise PipelineError(f"invalid locale '{locale}': use a gettext locale code such as "
                            "en, en_GB or zh_Hant")
    return locale


def is_project_root(path: Path) -> bool:
    return (path / CONFIG_NAME).is_file() or (path / "content").is_dir()


@dataclass(frozen=True)
class Project:
    root: Path
    # Settings from bilingual.toml, read once when the project is found.
    config: Config = field(default_factory=Config, compare=False)

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest directory upwards holding bilingual.toml or content/ (as git finds .git)."""
        here = (start or Path.cwd()).resolve()
        for candidate in (here, *here.parents):
            if is_project_root(candidate):
                return cls(candidate, load_config(candidate))
        raise PipelineError("not inside a bilingual project (no bilingual.toml or content/ "
                            "here or above); start one with `bilingual init`")

    @classmethod
    def at(cls, root: Path) -> Project:
        """An explicit project root (-C): it must hold bilingual.toml or content/."""
        if not is_project_root(root):
            raise PipelineError("not a bilingual project (no bilingual.toml or content/); "
                                "start one with `bilingual init`", root)
        resolved = root.resolve()
        return cls(resolved, load_config(resolved))

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def glossary_dir(self) -> Path:
        return self.root / "glossary"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    def source_path(self, slug: str) -> Path:
        return self.content_dir / f"{slug}{SOURCE_SUFFIX}"

    def source_ref(self, slug: str) -> str:
        """The `#:` reference form: project-relative, POSIX separators."""
        return self.source_path(slug).relative_to(self.root).as_posix()

    def template_path(self, slug: str) -> Path:
        return self.locales_dir / f"{slug}.pot"

    def catalog_path(self, slug: str, locale: str) -> Path:
        return self.locales_dir / locale / "LC_MESSAGES" / f"{slug}.po"

    def mo_path(self, slug: str, locale: str) -> Path:
        return self.locales_dir / locale / "LC_MESSAGES" / f"{slug}.mo"

    def articles(self, only: str | None = None) -> list[str]:
        # Editors' lock and resource-fork files (.#x.md, ._x.md) are not articles; any
        # other Markdown file is one, and a name that cannot be a slug is an error
        # (skipping it would leave an article out of every command without a word).
        slugs = []
        for path in sorted(self.content_dir.glob(f"*{SOURCE_SUFFIX}")):
            if path.name.startswith(".") or not path.is_file():
                continue
            if not SLUG.match(path.stem):
                raise PipelineError(f"'{path.name}' is not a valid article name: article "
                                    "files are named SLUG.md, the slug in lower-case ASCII "
                                    "letters and digits joined by '-' or '_' (e.g. "
                                    f"{suggest_slug(path.stem)}.md); rename the file", path)
            slugs.append(path.stem)
        if only is None:
            return slugs
        if only not in slugs:
            known = ", ".join(slugs) or "none"
            raise PipelineError(f"unknown article '{only}' (articles: {known})",
                                self.content_dir)
        return [only]

    def locales(self, only: str | None = None, must_exist: bool = True) -> list[str]:
        # Directories only: locales/ also holds one .pot per article.
        found = sorted(p.parent.name for p in self.locales_dir.glob("*/LC_MESSAGES")
                       if p.is_dir())
        if only is None:
            return found
        if must_exist and only not in found:
            known = ", ".join(found) or "none"
            twin = [f for f in found if f.lower() == only.lower()]
            if twin:
                raise PipelineError(f"unknown locale '{only}'; did you mean '{twin[0]}'?",
                                    self.locales_dir)
            raise PipelineError(f"unknown locale '{only}' (locales: {known}; "
                                f"`bilingual update --locale {only} --create` starts one)",
                                self.locales_dir)
        return [only]
