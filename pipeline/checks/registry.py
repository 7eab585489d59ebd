"""The check rules, one `Rule` each, in one registry.

Everything that lists rules reads this: the runner (which codes need the
glossary, which run on drafts, which are cross-article), the workbench's
per-entry list, `bilingual check --list-rules`, the SARIF rule table and the
manual's "Check codes" page (docs/manual/checks.md, filled by pipeline/reference.py
by `python -m pipeline.reference`). Adding a rule = one `Rule(...)` here, naming
(`check=`) the function in checks/rules/ that emits its code; nothing else lists it.
"""

from __future__ import annotations

import argparse
import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Scope(enum.Enum):
    ENTRY = "entry"      # one .po entry: also run live in the workbench
    CATALOG = "catalog"  # one article's catalog as a whole
    PROJECT = "project"  # several articles, or the glossary


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # kebab-case, for SARIF and --list-rules
    severity: Severity
    scope: Scope
    doc: str
    example: str = ""
    needs_glossary: bool = False  # skipped when the glossary cannot be loaded
    runs_on_drafts: bool = False  # also run on fuzzy entries (findings marked draft)
    completeness: bool = False    # a warning while translating, an error with --strict
    # The entry rule function that emits this code: `module` or `module:function`
    # under checks/rules (function `check` by default), called as f(EntryView,
    # EntryContext). Codes sharing a function are found in one pass.
    check: str = ""

    @property
    def severity_doc(self) -> str:
        return f"{self.severity.value} (error with `--strict`)" if self.completeness \
            else self.severity.value


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_EN, _CA, _PR = Scope.ENTRY, Scope.CATALOG, Scope.PROJECT

RULE_LIST: tuple[Rule, ...] = (
    Rule("BL101", "term-rendering", _E, _EN,
         "a glossary term in the source without its approved rendering or an allowed variant "
         "(longest match; case, plurals, inflections, hyphen/space tolerated)",
         'po:25: error[BL101] 专业镇: expected "specialized town", found none',
         needs_glossary=True, runs_on_drafts=True,
         check="terms"),
    Rule("BL102", "forbidden-rendering", _E, _EN,
         "a forbidden rendering, even beside the approved one",
         'po:34: error[BL102] 新质生产力: forbidden rendering "New Productive Forces", '
         'use "new quality productive forces"', needs_glossary=True, runs_on_drafts=True,
         check="terms"),
    Rule("BL103", "place-generic", _E, _EN,
         "a short form of a place name followed by a different place generic "
         "(区/县/镇/村/市/省 ↔ District/County/Town/Village/City/Province)",
         'po:12: error[BL103] 柳河县: "Liuhe District" names a district; 县 is "County"',
         needs_glossary=True, runs_on_drafts=True,
         check="terms"),
    Rule("BL201", "inconsistent-translation", _W, _PR,
         "the same source segment translated differently in another catalog of the locale "
         "(one finding per segment, at the first place off the most common rendering; each "
         "rendering counted, its first three places listed; a waiver leaves its place out)",
         'po:40: warning[BL201] "产业是引擎。" translated differently: here "…" ×1; elsewhere '
         '"…" ×999 (…/a.po:40, …/b.po:41, …/c.po:40 and 996 more)'),
    Rule("BL202", "approved-never-used", _I, _CA,
         "a term's approved form never used in an article, only variants",
         'po:310: info[BL202] 再生资源: approved "resource recycling" never used in this '
         "article, only variants: …", needs_glossary=True),
    Rule("BL301", "untranslated", _W, _EN, "untranslated entry",
         'po:40: warning[BL301] untranslated: "产业是引擎。"', completeness=True),
    Rule("BL302", "fuzzy", _W, _EN,
         "fuzzy entry: its source changed since it was translated (`#| msgid` differs), "
         "or it is marked for review",
         'po:56: warning[BL302] fuzzy: "…" marked fuzzy (needs review); review, then remove '
         "the fuzzy flag", completeness=True),
    Rule("BL303", "obsolete", _W, _EN, "obsolete entry left in the catalog",
         'po:40: warning[BL303] obsolete entry "…" (its source is gone; …)', completeness=True),
    Rule("BL304", "missing-catalog", _W, _CA, "an article without a catalog for the locale",
         "content/other.md:1: warning[BL304] no en catalog (…); run bilingual update",
         completeness=True),
    Rule("BL305", "out-of-date", _W, _CA, "catalog out of date with its source",
         "po:1: warning[BL305] catalog out of date: 1 segment(s) of content/demo.md not in "
         "the catalog (first at line 15); run bilingual update", completeness=True),
    Rule("BL306", "orphaned-catalog", _W, _PR,
         "catalog or template whose article is gone (renamed or deleted)",
         "locales/old.pot:1: warning[BL306] no article content/old.md for this catalog; …",
         completeness=True),
    Rule("BL307", "unreviewed", _E, _CA,
         "translated entry not reviewed, or changed since its review (only with "
         "`--require-reviewed`)",
         "po:40: error[BL307] not reviewed: “产业是引擎。” (mark it reviewed in `bilingual serve`)"),
    Rule("BL308", "sentence-omitted", _W, _EN,
         "a source sentence with no counterpart in the translation (the entry's sentences "
         "aligned by length, dictionary words, numbers, terms and names; `bilingual align` "
         "shows the links)",
         'po:40: warning[BL308] source sentence "人才哪里找？" has no counterpart in the '
         "translation (alignment confidence 0.97)",
         check="sentences"),
    Rule("BL309", "sentence-added", _W, _EN,
         "a translation sentence with no counterpart in the source",
         'po:40: warning[BL309] translation sentence "Local officials praised it." has no '
         "counterpart in the source (alignment confidence 0.91)",
         check="sentences"),
    Rule("BL401", "number-missing", _E, _EN,
         "a source quantity missing from the translation (万/亿 scales, decimals, %, years, "
         "months, 余/以上, spelled-out numbers, counting numerals, ordinals, units)",
         "po:42: error[BL401] source “3300万” (= 33,000,000) [number] not found in the "
         "translation; possible scale error: “3.3 million”",
         needs_glossary=True, runs_on_drafts=True,
         check="number_rule"),
    Rule("BL402", "number-extra", _E, _EN, "a number in the translation the source lacks",
         "po:67: error[BL402] translation “six” (= 6) [number] has no counterpart in the source",
         needs_glossary=True, runs_on_drafts=True,
         check="number_rule"),
    Rule("BL403", "approximation", _W, _EN,
         "approximate in one language, exact in the other",
         "po:42: warning[BL403] source “1300余” … and translation “1,300” [number] differ in "
         "approximation", needs_glossary=True, runs_on_drafts=True,
         check="number_rule"),
    Rule("BL501", "cjk-in-target", _E, _EN, "Chinese characters in the translation",
         'po:25: error[BL501] Chinese characters in the translation: "专业镇"',
         runs_on_drafts=True,
         check="language:script_check"),
    Rule("BL502", "target-language", _W, _EN,
         "translation not detected as English (langdetect, seeded)",
         'po:47: warning[BL502] translation does not look like English (detected "de")',
         check="language:target_check"),
    Rule("BL503", "source-language", _W, _EN, "source not detected as Chinese",
         'po:40: warning[BL503] source does not look like Chinese (detected "en")'),
    Rule("BL504", "cjk-punctuation", _W, _EN,
         "Chinese or full-width punctuation left in the translation (，。、：；“”‘’ as "
         "full-width marks, 《》【】)",
         "po:25: warning[BL504] Chinese punctuation in the translation: ，", runs_on_drafts=True,
         check="language:script_check"),
    Rule("BL505", "hidden-characters", _E, _EN,
         "bidi control, zero-width character, soft hyphen or tag character in a source, a "
         "translation or the glossary (it can reorder, split or hide text)",
         "po:25: error[BL505] invisible character(s) in the translation: U+202E "
         "RIGHT-TO-LEFT OVERRIDE (they can reorder or hide text; delete them)",
         runs_on_drafts=True,
         check="hidden_chars"),
    Rule("BL601", "markup", _E, _EN,
         "inline Markdown (emphasis, strong, code, links, images) differs",
         "po:40: error[BL601] inline markup differs from the source: missing 1 strong",
         runs_on_drafts=True,
         check="markup"),
    Rule("BL602", "link-target", _E, _EN, "link or image target differs",
         'po:25: error[BL602] link target "https://x.org/a" missing from the translation',
         runs_on_drafts=True,
         check="markup"),
    Rule("BL603", "placeholder", _E, _EN, "placeholder (`{name}`, `%s`, `%(x)s`) missing or added",
         "po:25: error[BL603] placeholder {name} is not in the source", runs_on_drafts=True,
         check="markup"),
    Rule("BL701", "quotes", _W, _EN,
         "quotation marks not in the house style (`[style] quotes`)",
         "po:30: warning[BL701] straight quote \" in the translation; house style is "
         "curly-double (“…”)",
         check="style"),
    Rule("BL702", "spelling", _W, _EN,
         "spelling not in the house variant (`[style] spelling`; a short list of common "
         "-ize/-ise and British/American pairs)",
         'po:30: warning[BL702] "specialised": house spelling (oxford) is "specialized"',
         check="style"),
    Rule("BL703", "serial-comma", _I, _EN,
         "a list of three or more without (or with) the serial comma (`[style] serial_comma`)",
         'po:30: info[BL703] "coal, coke and steel": house style uses the serial comma '
         '(", and")',
         check="style"),
    Rule("BL704", "range-dash", _W, _EN,
         "a numeric range not written in the house style (`[style] range_dash`)",
         'po:30: warning[BL704] range "2020-2025" → "2020–2025": house style is an en dash (2020–2025)',
         check="style"),
    Rule("BL705", "percent-style", _W, _EN,
         "percentages not written in the house style (`[style] percent`)",
         'po:30: warning[BL705] "19.6 per cent" → "19.6%": house style is "45%"',
         check="style"),
    Rule("BL706", "spacing", _W, _EN,
         "double spaces, a space before punctuation, or (with `[style] nbsp_before_units`) "
         "a plain space between a number and its unit",
         'po:30: warning[BL706] space before "," in the translation',
         check="style"),
    Rule("BL801", "glossary-broken", _E, _PR,
         "the glossary cannot be loaded (duplicates, empty fields, conflicts, malformed rows)",
         "glossary/terms.csv:2: error[BL801] glossary: unknown type 'nope' for '坏'"),
    Rule("BL802", "unused-term", _I, _PR,
         "glossary terms used by no article (one finding per glossary file: the first 20 "
         "listed, the rest counted)",
         "glossary/terms.csv:5: info[BL802] 1 term(s) used by no article: 闲置术语 (line 5)",
         needs_glossary=True),
    Rule("BL803", "glossary-names", _W, _PR,
         "a glossary row whose pinyin, or the English of a person or place, does not match "
         "the Chinese (pypinyin readings; District/County/Town/Village for 区/县/镇/村)",
         "glossary/terms.csv:12: warning[BL803] 冯波: English \"Feng Po\" does not match the "
         "pinyin \"Feng Bo\"", needs_glossary=True),
    Rule("BL901", "unused-waiver", _I, _EN, "a waiver that waived nothing",
         "po:34: info[BL901] waiver '# check: ignore BL603' is unused: no BL603 here any "
         "more; remove it"),
    Rule("BL902", "bad-waiver", _W, _EN, "a waiver comment that cannot be read",
         "po:40: warning[BL902] cannot read waiver '# check: ignore BL999': unknown code "
         "'BL999'"),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in RULE_LIST}


def rule_code(name: str) -> str:
    """The code of the rule called `name` (`untranslated` → BL301)."""
    return next(rule.code for rule in RULE_LIST if rule.name == name)


def codes(**where: object) -> frozenset[str]:
    """Codes of the rules whose fields equal `where` (`codes(scope=Scope.ENTRY)`)."""
    return frozenset(r.code for r in RULE_LIST
                     if all(getattr(r, k) == v for k, v in where.items()))


ENTRY_CODES = codes(scope=Scope.ENTRY)
GLOSSARY_CODES = codes(needs_glossary=True)
DRAFT_CODES = codes(runs_on_drafts=True)
COMPLETENESS_CODES = codes(completeness=True)
CROSS_ARTICLE_CODES = codes(scope=Scope.PROJECT)
STYLE_CODES = frozenset(c for c in RULES if c.startswith("BL7"))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table() -> str:
    """The manual's rule table (pipeline/reference.py puts it in docs/manual/checks.md)."""
    rows = ["| code | name | severity | scope | runs | meaning | example |",
            "|---|---|---|---|---|---|---|"]
    for r in RULE_LIST:
        example = _cell(f"`{r.example}`") if r.example else ""
        runs = ", ".join(w for w, on in (("drafts", r.runs_on_drafts),
                                         ("glossary", r.needs_glossary)) if on)
        rows.append(f"| {r.code} | {r.name} | {r.severity_doc} | {r.scope.value} | {runs} | "
                    f"{_cell(r.doc)} | {example} |")
    return "\n".join(rows) + "\n"


def list_text() -> str:
    """`bilingual check --list-rules`."""
    return "\n".join(f"{r.code}  {r.severity.value:<7}  {r.scope.value:<7}  {r.name}: {r.doc}"
                     for r in RULE_LIST) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.checks.registry",
                                     description="Print the check rules.")
    parser.add_argument("--markdown", action="store_true", help="the manual's table")
    args = parser.parse_args(argv)
    print(markdown_table() if args.markdown else list_text(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
