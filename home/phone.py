"""Phone numbers as people in the Netherlands write them, and as a foreign SIM must dial them.

``international("010 123 4567")`` is "+31 10 123 4567": the trunk 0 becomes the country code and
the grouping stays. Short numbers such as the municipal line 14 010 work only from a Dutch
network: they have no international form (the site settings' *phone number from abroad* is shown
beside them). ``tel_href`` makes the link from either form.
"""

import re

COUNTRY_CODE = "31"
_NOT_DIALLED = re.compile(r"[^\d+]")
_SPACES = re.compile(r"\s+")


def tel_href(number: str) -> str:
    """``tel:`` link of a number as people write it ("14 010" -> "tel:14010")."""
    return "tel:" + _NOT_DIALLED.sub("", number) if number.strip() else ""


def international(number: str) -> str:
    """The number in +31 form, grouped as written; "" when it has none (a short number)."""
    number = _SPACES.sub(" ", number.replace("-", " ")).strip()
    if number.startswith("+"):
        return number
    if number.startswith("00"):
        return "+" + number[2:].lstrip()
    if number.startswith("0") and len(_NOT_DIALLED.sub("", number)) == 10:
        return f"+{COUNTRY_CODE} {number[1:].lstrip()}"
    return ""
