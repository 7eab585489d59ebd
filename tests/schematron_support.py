"""ISO Schematron with XPath 2.0 (elementpath over lxml), for the TBX-Basic v3 dialect's
constraints (its .sch binds XSLT 2, which lxml's XSLT 1 Schematron cannot run)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SCH = "{http://purl.oclc.org/dsdl/schematron}"


@dataclass(frozen=True)
class Failure:
    line: int
    message: str


def schematron_failures(schema: Path, document: bytes) -> list[Failure]:
    """Every failed assert and fired report, with the line of the node it fired on.

    Each rule's test runs once over the document as a predicate on its context;
    within a pattern a node belongs to the first rule whose context matches it."""
    from elementpath import XPath2Parser, XPathContext

    sch = etree.parse(str(schema)).getroot()
    parser = XPath2Parser(namespaces={ns.get("prefix"): ns.get("uri")
                                      for ns in sch.iter(f"{SCH}ns")})
    context = XPathContext(etree.ElementTree(etree.fromstring(document)))
    failures = []
    for pattern in sch.iter(f"{SCH}pattern"):
        claimed: set[etree._Element] = set()
        for rule in pattern.iter(f"{SCH}rule"):
            where = f"//({rule.get('context')})"
            for check in rule:
                if check.tag not in (f"{SCH}assert", f"{SCH}report"):
                    continue
                test = check.get("test")
                fires = f"not({test})" if check.tag == f"{SCH}assert" else test
                failures += [Failure(node.sourceline, " ".join((check.text or test).split()))
                             for node in parser.parse(f"{where}[{fires}]").get_results(context)
                             if node not in claimed]
            claimed |= set(parser.parse(where).get_results(context))
    return failures
