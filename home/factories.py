"""Factories for the public site's models (factory-boy / wagtail-factories)."""

import datetime
import uuid

import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import (
    CampaignPage,
    ContentPage,
    HomePage,
    InfoPoint,
    SynonymGroup,
    WalkInHours,
)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Welkom in Rotterdam"
    hero_heading = "Werken en wonen in Rotterdam"
    intro = "<p>Informatie voor werknemers uit de Europese Unie.</p>"

    class Meta:
        model = HomePage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Campagne {n}")
    intro = "Alles over je rechten in Nederland."
    body = factory.LazyFunction(list)
    show_in_menus = True

    class Meta:
        model = CampaignPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inhoud {n}")
    intro = "Een gewone pagina."
    body = factory.LazyFunction(list)

    class Meta:
        model = ContentPage


class InfoPointFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"WIN-punt {n}")
    street_address = "Voorbeeldstraat 1"
    postcode = "3083 AA"
    city = "Rotterdam"
    neighbourhood = "Carnisse"
    phone = "14 010"
    languages = "Nederlands, Pools"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = InfoPoint


class WalkInHoursFactory(factory.django.DjangoModelFactory):
    info_point = factory.SubFactory(InfoPointFactory)
    weekday = 1
    opens = datetime.time(9, 30)
    closes = datetime.time(12, 30)
    note = ""
    sort_order = factory.Sequence(int)
    locale = factory.SelfAttribute("info_point.locale")

    class Meta:
        model = WalkInHours


class SynonymGroupFactory(factory.django.DjangoModelFactory):
    terms = "BRP, inschrijven, meldunek, registration"

    class Meta:
        model = SynonymGroup


def items(*values) -> list[dict]:
    """ListBlock items in the block format (wagtail-localize only extracts that format)."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def block(kind: str, value) -> dict:
    """One raw StreamField block, for building page bodies in tests."""
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def all_blocks(*, info_point=None, image=None, page=None) -> list[dict]:
    """One block of every campaign block type (image and info point when given)."""
    blocks = [
        block("heading", {"text": "Inschrijven bij de gemeente", "level": "h2"}),
        block("paragraph", "<p>Woon je <b>langer dan vier maanden</b> in Nederland?</p>"),
        block(
            "call_to_action",
            {
                "text": "Bel 14 010",
                "description": "Een vraag?",
                "page": page.pk if page else None,
                "url": "" if page else "tel:14010",
            },
        ),
        block(
            "faq",
            {
                "title": "Veelgestelde vragen",
                "questions": items({"question": "Kost het geld?", "answer": "<p>Nee.</p>"}),
            },
        ),
        block(
            "steps",
            {"title": "Zo werkt het", "steps": items({"title": "Afspraak", "text": "<p>Bel.</p>"})},
        ),
        block(
            "key_facts", {"title": "Feiten", "facts": [{"value": "5 dagen", "label": "termijn"}]}
        ),
    ]
    if info_point is not None:
        blocks.append(block("info_point", {"info_point": info_point.pk, "heading": ""}))
    if image is not None:
        blocks.append(
            block("image", {"image": image.pk, "alt_text": "Een medewerker helpt", "caption": ""})
        )
    return blocks
