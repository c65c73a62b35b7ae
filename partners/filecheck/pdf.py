"""PDF checked by its structure, with pypdf.

* No polyglots: the file starts with ``%PDF-`` (the type detection insists on offset 0), holds no
  HTML markup (``<html``, ``<script``, ``<body``, ``<iframe``, ``<!doctype html``) anywhere in its
  raw bytes, and ends with ``%%EOF`` followed by at most ``MAX_TRAILING_BYTES`` (no archive or
  script appended).
* It opens with pypdf and has at least one page; a password-protected PDF that does not open with
  an empty password cannot be inspected and is refused.
* Every object reachable from the trailer (the catalogue, pages, annotations, forms, name trees,
  outlines...) is visited, within ``MAX_OBJECTS`` and ``TIME_LIMIT_SECONDS``. Refused: any
  ``/JS`` or ``/JavaScript`` entry, actions of the kinds in ``FORBIDDEN_ACTIONS`` (Launch,
  JavaScript, ImportData, SubmitForm, GoToR, GoToE, Rendition, RichMediaExecute) wherever they are
  (``/OpenAction``, ``/AA``, links, outlines), ``javascript:``/``file:`` links, XFA forms and
  RichMedia. Embedded files (``/EmbeddedFiles``, file specifications with ``/EF``, file-attachment
  annotations) are refused as attachments.
* The same names are also searched in the raw bytes: an unreferenced object or a second cross-
  reference table may be what another reader finds. (Names spelled with ``#xx`` escapes or inside
  compressed object streams are still found by the walk.)

pypdf's own limits guard decompression (75 MB per stream); streams are never decoded here except
the object streams pypdf needs to find objects.
"""

from __future__ import annotations

import io
import re
import time
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from .refusals import refuse

if TYPE_CHECKING:
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

# pypdf is imported where a PDF is checked, not at start-up: partners' ready() imports this
# package for its system check, and pypdf (with its crypto providers) is a large part of a
# worker's import time (README, "Caching": cold start).

MAX_TRAILING_BYTES = 1024
MAX_OBJECTS = 100_000
TIME_LIMIT_SECONDS = 10.0
HTML_MARKERS = re.compile(rb"<(?:html|script|body|iframe|!doctype\s+html)[\s>/]", re.IGNORECASE)
FORBIDDEN_ACTIONS = {
    "/Launch",
    "/JavaScript",
    "/ImportData",
    "/SubmitForm",
    "/GoToR",
    "/GoToE",
    "/Rendition",
    "/RichMediaExecute",
}
SCRIPT_KEYS = {"/JS", "/JavaScript"}
# Also searched in the raw bytes, in case a reader finds objects pypdf does not (a broken cross-
# reference table is rebuilt differently by different readers).
RAW_SCRIPT_NAMES = re.compile(rb"/(?:JavaScript|JS|Launch|RichMedia|XFA)(?![A-Za-z0-9#])")
RAW_EMBEDDED_NAMES = re.compile(rb"/(?:EmbeddedFiles?|FileAttachment)(?![A-Za-z0-9#])")
UNSAFE_URI_PREFIXES = ("javascript:", "file:", "vbscript:", "data:")


class _TooComplex(Exception):
    pass


def _check_bytes(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise refuse("file_type")
    if HTML_MARKERS.search(data):
        raise refuse("polyglot")
    if RAW_SCRIPT_NAMES.search(data):
        raise refuse("pdf_script")
    if RAW_EMBEDDED_NAMES.search(data):
        raise refuse("embedded")
    end = data.rfind(b"%%EOF")
    if end == -1:
        raise refuse("damaged")
    if len(data) - (end + len(b"%%EOF")) > MAX_TRAILING_BYTES:
        raise refuse("polyglot")


def _value(obj: DictionaryObject, key: str) -> str:
    from pypdf.generic import IndirectObject

    value = obj.get(key)
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return "" if value is None else str(value)


def _check_dictionary(obj: DictionaryObject) -> None:
    keys = set(obj.keys())
    action, subtype = _value(obj, "/S"), _value(obj, "/Subtype")
    if keys & SCRIPT_KEYS or "/XFA" in keys or action in FORBIDDEN_ACTIONS:
        raise refuse("pdf_script")
    if subtype in {"/RichMedia", "/Movie", "/Sound"}:
        raise refuse("pdf_script")
    if action == "/URI" and _value(obj, "/URI").strip().lower().startswith(UNSAFE_URI_PREFIXES):
        raise refuse("pdf_script")
    if "/EmbeddedFiles" in keys or "/EF" in keys or subtype == "/FileAttachment":
        raise refuse("embedded")
    if _value(obj, "/Type") == "/EmbeddedFile":
        raise refuse("embedded")


def _walk(reader: PdfReader) -> None:
    """Visit every object reachable from the trailer, iteratively (deep nesting cannot exhaust
    the stack), once each, within the object budget and the time limit."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_OBJECTS or (visited % 1000 == 0 and time.monotonic() > deadline):
            raise _TooComplex
        if isinstance(obj, DictionaryObject):  # also every stream's dictionary
            _check_dictionary(obj)
            stack.extend(value for key, value in obj.items() if key != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def check_pdf(data: bytes) -> None:
    """Raise the ValidationError for anything active, attached or unreadable in the PDF."""
    from pypdf import PdfReader

    _check_bytes(data)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise refuse("pdf_encrypted")
        if len(reader.pages) < 1:
            raise refuse("damaged")
        _walk(reader)
    except ValidationError:
        raise
    except (_TooComplex, RecursionError) as error:
        raise refuse("too_complex") from error
    except Exception as error:
        # pypdf raises many kinds of errors on broken files; each means "cannot be checked".
        raise refuse("damaged") from error
