"""XML from the network (sitemaps, feeds) parsed with defusedxml: entity declarations and
external references are refused, never expanded, so a billion-laughs file costs nothing."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring


class UnsafeXML(ValueError):
    pass


def parse_xml(data: bytes, what: str) -> Any:
    """The root element of ``data``; :class:`UnsafeXML` for bombs and external entities,
    ValueError for anything else that is not well-formed XML."""
    try:
        return fromstring(
            data.lstrip(), forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise UnsafeXML(
            f"{what}: unsafe XML refused ({type(exc).__name__}): entity declarations and external references are never expanded"
        ) from exc
    except ParseError as exc:
        raise ValueError(f"{what}: not well-formed XML ({exc})") from exc


def local_name(element: Any) -> str:
    """Tag without its namespace: sitemaps and feeds come with and without them."""
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def child_text(element: Any, *names: str) -> str | None:
    """Text of the first direct child whose local name is one of ``names``, in that order."""
    for name in names:
        for child in element:
            if local_name(child) == name and child.text and child.text.strip():
                return child.text.strip()
    return None
