"""Text for spreadsheet files (CSV exports): shown as text, never run as a formula."""

import re

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
