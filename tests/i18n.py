"""Assertions about interface text in the language a page is served in.

Pages under /nl/ (and the admin, whose default language is Dutch) show the Dutch translation of
an English msgid; ``t()`` gives that text, so a test checks the real translated string."""

from django.utils import translation
from django.utils.html import escape


def t(msgid: str, language: str = "nl", *, html: bool = True) -> str:
    with translation.override(language):
        text = translation.gettext(msgid)
    return escape(text) if html else text


def t_page(response, msgid: str, *, html: bool = True) -> str:
    """``msgid`` in the language the response was served in."""
    return t(msgid, response.wsgi_request.LANGUAGE_CODE, html=html)
