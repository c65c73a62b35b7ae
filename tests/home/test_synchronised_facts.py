"""Issue #12: facts (address, phone, walk-in hours) are synchronised, texts are translated."""

import datetime

import pytest
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import StringSegment, TranslationSource

from goedwerk.localization.translate import translate_instance
from home.models import InfoPoint

pytestmark = pytest.mark.django_db

TRANSLATIONS = {
    "en": {"WIN-punt Zuid": "WIN point South", "Avondspreekuur": "Evening walk-in"},
    "pl": {"WIN-punt Zuid": "Punkt WIN Południe", "Avondspreekuur": "Wieczorem"},
    "ro": {"WIN-punt Zuid": "Punctul WIN Sud", "Avondspreekuur": "Seara"},
}


def test_only_texts_are_segments_of_an_info_point(info_point):
    source, _ = TranslationSource.get_or_create_from_instance(info_point)
    texts = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert texts == {"WIN-punt Zuid", "Nederlands, Pools", "Avondspreekuur"}
    assert not texts & {info_point.street_address, info_point.postcode, info_point.phone}


def test_a_dutch_change_in_walk_in_hours_reaches_every_language(
    info_point, django_capture_on_commit_callbacks
):
    for code, strings in TRANSLATIONS.items():
        translate_instance(info_point, code, strings, strict=True)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        point = InfoPoint.objects.get(pk=info_point.pk)
        monday, thursday = point.walk_in_hours.order_by("sort_order")
        monday.opens, monday.closes = datetime.time(10, 0), datetime.time(13, 0)
        thursday.weekday = 3  # the evening walk-in moves to Wednesday
        point.walk_in_hours = [monday, thursday]
        point.phone = "010 498 00 00"
        point.street_address = "Pretorialaan 77"
        point.save()

    for code, strings in TRANSLATIONS.items():
        copy = InfoPoint.objects.get(
            translation_key=info_point.translation_key, locale__language_code=code
        )
        assert copy.name == strings["WIN-punt Zuid"]  # the translated texts are kept
        assert (copy.phone, copy.street_address) == ("010 498 00 00", "Pretorialaan 77")
        slots = [
            (slot.weekday, slot.opens, slot.closes, slot.note)
            for slot in copy.walk_in_hours.order_by("sort_order")
        ]
        thursday_source = info_point.walk_in_hours.get(sort_order=1)
        assert slots == [
            (1, datetime.time(10, 0), datetime.time(13, 0), ""),
            (3, thursday_source.opens, thursday_source.closes, strings["Avondspreekuur"]),
        ]


def test_publishing_a_dutch_page_updates_its_live_translations(
    small_site, django_capture_on_commit_callbacks
):
    campaign, campaign_pl = small_site["campaign"], small_site["campaign_pl"]
    flag = not campaign.show_in_menus  # a synchronised (non-text) field
    with django_capture_on_commit_callbacks(execute=True):
        page = Page.objects.get(pk=campaign.pk).specific
        page.show_in_menus = flag
        page.save_revision().publish()

    campaign_pl = Page.objects.get(pk=campaign_pl.pk).specific
    assert campaign_pl.show_in_menus is flag
    assert campaign_pl.live and not campaign_pl.has_unpublished_changes
    assert campaign_pl.title == "Meldunek w gminie"  # the translation is kept
