"""BL601–BL603: inline Markdown and placeholders survive translation.

Markup is compared as a multiset of token types (order may change with word
order), link/image targets as a multiset of URLs, placeholders literally.
"""

from __future__ import annotations

import re
from collections import Counter

from ..findings import Finding
from .base import EntryContext, EntryView, inline_tokens, is_plain

# Token types that are prose, not markup.
_PROSE = frozenset({"text", "softbreak", "hardbreak"})
_NAMES = {
    "em_open": "emphasis", "strong_open": "strong", "code_inline": "code span",
    "link_open": "link", "image": "image", "html_inline": "raw HTML", "s_open": "strikethrough",
}
# {name} / {0} / {}, printf %s %d %5.2f, Python %(name)s — not "95%" or "% growth".
PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9.]*\}|%(?:\([A-Za-z_]\w*\))?[-+#0]*\d*(?:\.\d+)?"
                         r"[sdifrxXeEgGcu](?![A-Za-z])")


def markup_profile(text: str) -> tuple[Counter[str], Counter[str]]:
    """(markup token types, link/image targets) of inline Markdown."""
    types: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    if is_plain(text):  # no markup to count
        return types, targets
    for token in inline_tokens(text):
        if token.type in _PROSE:
            continue
        types[token.type] += 1
        if token.type == "link_open":
            targets[str(token.attrs.get("href", ""))] += 1
        elif token.type == "image":
            targets[str(token.attrs.get("src", ""))] += 1
    return types, targets


def _describe(counter: Counter[str]) -> str:
    named = Counter({_NAMES.get(t, t): n for t, n in counter.items()
                     if not t.endswith("_close")})
    return ", ".join(f"{n} {name}" for name, n in sorted(named.items())) or "none"


def _unmatched(view: EntryView, code: str, source: Counter[str], translation: Counter[str],
               label: str) -> list[Finding]:
    """One finding for each item the translation lacks, then each it adds (`label`
    names an item: `{}` is where it goes)."""
    return [*(view.finding(code, f"{label.format(item)} missing from the translation",
                           term=item, expected=item)
              for item in sorted((source - translation).elements())),
            *(view.finding(code, f"{label.format(item)} is not in the source",
                           term=item, found=item)
              for item in sorted((translation - source).elements()))]


def markup_findings(view: EntryView) -> list[Finding]:
    src_types, src_targets = markup_profile(view.msgid)
    dst_types, dst_targets = markup_profile(view.msgstr)
    # A title in 《》 is set in italics in English (《无穷之路》 → *The Road*): as
    # many emphases as the source has titles are its punctuation, not added markup.
    titles = min(view.msgid.count("《"), dst_types["em_open"] - src_types["em_open"])
    if titles > 0:
        dst_types.subtract({"em_open": titles, "em_close": titles})
        dst_types = +dst_types
    findings: list[Finding] = []
    if src_types != dst_types:
        lost, added = src_types - dst_types, dst_types - src_types
        parts = ([f"missing {_describe(lost)}"] if lost else []) + \
                ([f"added {_describe(added)}"] if added else [])
        findings.append(view.finding(
            "BL601", f"inline markup differs from the source: {'; '.join(parts)}",
            expected=_describe(src_types), found=_describe(dst_types)))
    findings += _unmatched(view, "BL602", src_targets, dst_targets, 'link target "{}"')
    findings += _unmatched(view, "BL603", Counter(PLACEHOLDER.findall(view.msgid)),
                           Counter(PLACEHOLDER.findall(view.msgstr)), "placeholder {}")
    return findings


def check(view: EntryView, ctx: EntryContext) -> list[Finding]:
    """The registry's entry point (`Rule.check`)."""
    return markup_findings(view)

