"""STAND-IN (search branch): the languages to try after the visitor's, ending with the source
language. Another branch builds the real ``goedwerk.localization.fallback``; at merge its module
replaces this file, which only gives the site search the one function it calls."""

from django.conf import settings


def chain(language_code: str) -> list[str]:
    """The site languages to offer after ``language_code``: English, then the source language
    (Dutch), leaving out the language itself and any language the site does not publish in."""
    configured = [code for code, _name in settings.LANGUAGES]
    return [
        code
        for code in ("en", settings.LANGUAGE_CODE)
        if code != language_code and code in configured
    ]
