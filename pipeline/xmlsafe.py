"""Reading XML from other tools (TMX, TBX) safely: one parser that resolves no
entity, loads no DTD and fetches nothing, and the refusal of any entity a file
declares or uses, located at its line, since such a file's text cannot be read
as its author meant it."""

from __future__ import annotations

from lxml import etree


def safe_parser(encoding: str | None = None, huge_tree: bool = False) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=huge_tree, encoding=encoding)


def entity_line(root: etree._Element, data: bytes) -> int | None:
    """The line of the first entity declared in the DOCTYPE or used in the text
    (character references such as `&#233;` are not entities), or None."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        at = data.find(b"<!ENTITY")
        return data[:at].count(b"\n") + 1 if at >= 0 else 1
    used = next(root.iter(etree.Entity), None)
    if used is not None:
        return used.sourceline or (used.getparent().sourceline if used.getparent() is not None
                                   else 1)
    return None


ENTITY_ERROR = ("declares or uses an XML entity (<!ENTITY …> or &name;): entities are not read, "
                "so its text would be incomplete; write the text itself")
