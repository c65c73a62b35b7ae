"""Reading the XML inside office files without the XML attacks: a document type declaration
(and with it every entity, internal or external) is refused outright, so neither XXE nor
"billion laughs" expansion can happen. Parsing streams from the archive member, so a large
worksheet is never held in memory as a tree."""

from collections.abc import Callable
from xml.parsers import expat


class UnsafeXML(Exception):
    """The part declares a DOCTYPE or entities, or is not well-formed XML."""


def _qualified(name: str) -> str:
    # expat reports "namespace-uri}local"; ElementTree's spelling is "{namespace-uri}local".
    return "{" + name if "}" in name else name


def _refuse(*_args):
    raise UnsafeXML("document type declarations and entities are not allowed")


def parse(
    stream,
    *,
    start: Callable[[str, dict], None] | None = None,
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Feed the XML in ``stream`` (a binary file object) to the callbacks, element by element."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.ordered_attributes = False
    if start is not None:
        parser.StartElementHandler = lambda name, attrs: start(
            _qualified(name), {_qualified(k): v for k, v in attrs.items()}
        )
    if end is not None:
        parser.EndElementHandler = lambda name: end(_qualified(name))
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        parser.ParseFile(stream)
    except expat.ExpatError as error:
        raise UnsafeXML(str(error)) from error
