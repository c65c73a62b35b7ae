"""CSV files for spreadsheet programs: the dialect, and text shown as text, never run as a formula.

Every CSV the project writes uses ``csv_writer(out, dialect)``: by default the dialect Dutch
Excel opens as columns (``;`` between cells, UTF-8 with a byte order mark); ``plain`` is the
comma-separated file other tools expect.
"""

import csv
import re
from collections.abc import Iterator

from django.utils import translation

from goedwerk.forms import strip_control_characters

# Spreadsheet programs run text starting with these as a formula ("CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A formula character at the start of a cell, or after a ";" or tab where the file may be split
# into more cells.
_FORMULA_AT_A_CELL_START = re.compile(r"(^|[;\t])(?=[=+\-@\t\r])")


def safe_text(value):
    """CSV text a spreadsheet will show as text, never run as a formula: a quote before every
    formula character at the start of the cell and after each ";" or tab (where the file may be
    split into more cells). Control characters are dropped."""
    if isinstance(value, str):
        return _FORMULA_AT_A_CELL_START.sub(r"\1'", strip_control_characters(value))
    return value


BYTE_ORDER_MARK = "\ufeff"  # spreadsheet programs then read the file as UTF-8
DIALECTS = {"excel-nl": ";", "plain": ","}
DEFAULT_DIALECT = "excel-nl"


def dialect_from(value: str | None) -> str:
    """The dialect a request asks for (``?csv=plain``), else the default."""
    return value if value in DIALECTS else DEFAULT_DIALECT


def csv_writer(out, dialect: str = DEFAULT_DIALECT):
    """A csv.writer on ``out`` in ``dialect``; the caller writes ``BYTE_ORDER_MARK`` first."""
    return csv.writer(out, delimiter=DIALECTS[dialect])


def in_language(iterator: Iterator, language: str) -> Iterator:
    """Produce each item of ``iterator`` with ``language`` active. A streamed response is
    consumed after the view has returned, when the request's language is no longer active."""
    iterator = iter(iterator)
    while True:
        with translation.override(language):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item
