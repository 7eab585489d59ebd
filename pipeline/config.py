"""The project's settings: `bilingual.toml` at the project root, read once, validated strictly.

Every setting has a default, so a project without the file (or with a partial
one) behaves exactly as documented in docs/manual/getting-started.md. Unknown sections or keys and
values of the wrong kind are errors with the key's line, never ignored: a typo
in a house-style option must not silently turn a rule off.
"""

from __future__ import annotations

import enum
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import PipelineError

CONFIG_NAME = "bilingual.toml"


class QuoteStyle(enum.Enum):
    CURLY_DOUBLE = "curly-double"      # “…” with ‘…’ inside (the house default)
    CURLY_SINGLE = "curly-single"      # ‘…’ with “…” inside
    STRAIGHT_DOUBLE = "straight-double"
    STRAIGHT_SINGLE = "straight-single"


class Spelling(enum.Enum):
    OXFORD = "oxford"        # British with -ize: specialized, tonnes, centre
    BRITISH = "british"      # British with -ise: specialised
    AMERICAN = "american"    # specialized, tons, center


class RangeDash(enum.Enum):
    EN_DASH = "en-dash"      # 2020–2025
    HYPHEN = "hyphen"        # 2020-2025
    TO = "to"                # 2020 to 2025


class PercentStyle(enum.Enum):
    SYMBOL = "symbol"        # 45%
    PER_CENT = "per-cent"    # 45 per cent
    PERCENT = "percent"      # 45 percent


@dataclass(frozen=True)
class Publication:
    """What readers see: the publication's name on every page and the index."""

    name: str = "Bilingual editions"
    source_language: str = "zh-Hans"
    # The default translator credit when an article's front matter names none.
    translator: str = ""
    url: str = ""


@dataclass(frozen=True)
class Style:
    """House style that the check rules read (see docs/manual/checks.md, 'House style')."""

    quotes: QuoteStyle = QuoteStyle.CURLY_DOUBLE
    spelling: Spelling = Spelling.OXFORD
    serial_comma: bool = True
    range_dash: RangeDash = RangeDash.EN_DASH
    percent: PercentStyle = PercentStyle.SYMBOL
    nbsp_before_units: bool = False  # require a no-break space in "45\u00a0km" (BL706)


@dataclass(frozen=True)
class MemorySettings:
    """Translation memory used by `update` (like msgmerge --compendium)."""

    enabled: bool = True
    fuzzy_threshold: int = 75   # percent similarity for a fuzzy suggestion


@dataclass(frozen=True)
class BuildSettings:
    proof: bool = True          # also write the editor's proof edition


@dataclass(frozen=True)
class Config:
    publication: Publication = field(default_factory=Publication)
    style: Style = field(default_factory=Style)
    memory: MemorySettings = field(default_factory=MemorySettings)
    build: BuildSettings = field(default_factory=BuildSettings)
    # Where the settings came from (None: all defaults).
    path: Path | None = None


SECTIONS: dict[str, type] = {
    "publication": Publication,
    "style": Style,
    "memory": MemorySettings,
    "build": BuildSettings,
}


def _key_line(text: str, section: str, key: str | None) -> int | None:
    """The 1-based line of `[section]` or of `key` inside it (tomllib keeps no positions)."""
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([A-Za-z0-9_.-]+)\s*\]", stripped)
        if header:
            current = header.group(1)
            if key is None and current == section:
                return number
            continue
        if key is not None and current == section and re.match(
                rf"^{re.escape(key)}\s*=", stripped):
            return number
    return None


def _coerce(value: Any, default: Any, where: str) -> Any:
    if isinstance(default, enum.Enum):
        choices = [member.value for member in type(default)]
        if value not in choices:
            raise ValueError(f"{where} must be one of {', '.join(choices)} (got {value!r})")
        return type(default)(value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{where} must be true or false (got {value!r})")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{where} must be a whole number (got {value!r})")
        return value
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ValueError(f"{where} must be a string (got {value!r})")
        return value
    raise TypeError(f"unsupported setting type for {where}")  # pragma: no cover


_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
_URL_SETTINGS = {"publication.url"}


def _check_text(value: Any, where: str) -> None:
    """No control character in a setting (they end up in pages and headers), and
    only web addresses where a page links to the setting."""
    if not isinstance(value, str):
        return
    for char in value:
        if ord(char) < 32 or 0x7F <= ord(char) < 0xA0:
            raise ValueError(f"{where} holds a control character (U+{ord(char):04X}); "
                             "write it as plain text")
    if where in _URL_SETTINGS and value and not _WEB_ADDRESS.match(value):
        raise ValueError(f"{where} must be an http:// or https:// address (got {value!r})")


def parse_config(text: str, path: Path) -> Config:
    """Settings from the text of a `bilingual.toml`; errors carry the offending line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's tomllib says the place only in its message: "… (at line 3, column 9)"
        place = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = getattr(exc, "lineno", None) or (int(place.group(1)) if place else None) \
            or len(text.splitlines()) or 1  # "at end of document": the last line
        message = re.sub(r" \(at (?:line \d+, column \d+|end of document)\)$", "", str(exc))
        raise PipelineError(f"not valid TOML: {message}", path, line) from None
    config = Config(path=path)
    for section, values in data.items():
        if section not in SECTIONS:
            raise PipelineError(f"unknown section [{section}] (known: "
                                f"{', '.join(SECTIONS)})", path, _key_line(text, section, None))
        if not isinstance(values, dict):
            raise PipelineError(f"'{section}' must be a [{section}] table", path)
        cls = SECTIONS[section]
        defaults = cls()
        known = {f.name for f in fields(cls)}
        changes: dict[str, Any] = {}
        for key, value in values.items():
            line = _key_line(text, section, key)
            if key not in known:
                raise PipelineError(f"unknown setting '{key}' in [{section}] (known: "
                                    f"{', '.join(sorted(known))})", path, line)
            try:
                changes[key] = _coerce(value, getattr(defaults, key), f"{section}.{key}")
                _check_text(changes[key], f"{section}.{key}")
            except ValueError as exc:
                raise PipelineError(str(exc), path, line) from None
        if section == "memory" and not 0 < changes.get("fuzzy_threshold", 75) <= 100:
            raise PipelineError("memory.fuzzy_threshold must be between 1 and 100", path,
                                _key_line(text, section, "fuzzy_threshold"))
        config = replace(config, **{section: replace(defaults, **changes)})
    return config


def load_config(root: Path) -> Config:
    """The project's settings, or the defaults when it has no `bilingual.toml`."""
    path = root / CONFIG_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise PipelineError(f"cannot read settings: {exc.strerror}", path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PipelineError("settings are not UTF-8", path) from None
    return parse_config(text, path)


DEFAULT_CONFIG_TEXT = """\
# Settings for this bilingual publication. Every key is optional; the values
# shown are the defaults. See the manual, "Project settings".

[publication]
name = "{name}"
source_language = "zh-Hans"
translator = ""          # default translator credit when an article names none
url = ""

[style]                  # house style, read by the check rules
quotes = "curly-double"  # curly-double | curly-single | straight-double | straight-single
spelling = "oxford"      # oxford (-ize, British) | british (-ise) | american
serial_comma = true
range_dash = "en-dash"   # en-dash | hyphen | to
percent = "symbol"       # symbol (45%) | per-cent | percent
nbsp_before_units = false  # true: "45 km" needs a no-break space

[memory]                 # translation memory used by `bilingual update`
enabled = true
fuzzy_threshold = 75     # percent similarity for a fuzzy suggestion

[build]
proof = true             # also write the editor's proof edition
"""
