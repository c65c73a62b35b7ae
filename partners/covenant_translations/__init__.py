"""Translations of the seeded Rotterdam covenant, its commitments and indicators (demo content).

The covenant is seeded in Dutch by a data migration (``partners/covenant_seed.py``). Its texts in
the other site languages live here as data, one JSON file per language (``en.json``, ``pl.json``
...), each mapping a Dutch source text to its translation. The keys are the segment texts
exactly as wagtail-localize extracts them (a multi-line text field such as the choice labels has
its lines joined by ``<br/>``).

``load()`` is called by the demo loader (``manage.py load_demo``, see ``partners/demo.py``) and
translates every object through wagtail-localize (``goedwerk.localization.translate``), the way
an editor would in the admin: the translations show up in the admin with their progress, can be
corrected there and are kept in sync with the source. Running it again changes nothing.

These are not in a migration on purpose: translations are content that staff maintain in the
admin; production gets them by running the loader once or by translating in the admin.
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from goedwerk.localization.translate import translate_instance
from partners.covenant_seed import COVENANT
from partners.models import Commitment, Covenant, Indicator

DATA_DIR = Path(__file__).resolve().parent


def languages() -> list[str]:
    """The site languages other than the source language that have a data file."""
    return [
        code
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE and (DATA_DIR / f"{code}.json").exists()
    ]


@cache
def strings_for(language: str) -> dict[str, str]:
    """Dutch source text → translation, from ``<language>.json``."""
    with open(DATA_DIR / f"{language}.json", encoding="utf-8") as data:
        return json.load(data)


def source_texts(instance) -> list[str]:
    """The texts wagtail-localize extracts from ``instance`` (no database writes)."""
    return [
        segment.string.data
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    ]


def seeded_objects(covenant: Covenant) -> list:
    """The covenant and its commitments and indicators, in the source language."""
    commitments = list(
        Commitment.objects.filter(covenant=covenant, locale=covenant.locale).order_by(
            "party", "order", "pk"
        )
    )
    indicators = list(
        Indicator.objects.filter(commitment__in=commitments, locale=covenant.locale).order_by(
            "commitment__party", "commitment__order", "order", "pk"
        )
    )
    return [covenant, *commitments, *indicators]


def translate(objects, language: str) -> int:
    """Translate ``objects`` into ``language`` with the texts of its data file; returns how many
    objects were translated. Texts without an entry stay Dutch (wagtail-localize's fallback)."""
    strings = strings_for(language)
    count = 0
    for instance in objects:
        own = {text: strings[text] for text in source_texts(instance) if text in strings}
        if own:
            translate_instance(instance, language, own, strict=True)
            count += 1
    return count


def load(*, stdout) -> None:
    covenant = Covenant.objects.filter(
        code=COVENANT["code"], locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if covenant is None:
        stdout.write("Covenant translations: the Rotterdam covenant is missing; nothing done.")
        return
    objects = seeded_objects(covenant)
    done = {language: translate(objects, language) for language in languages()}
    stdout.write(
        "Covenant translations: "
        + ", ".join(f"{language} ({count})" for language, count in done.items())
        + f" of {len(objects)} objects translated."
    )
