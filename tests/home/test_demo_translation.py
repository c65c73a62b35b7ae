"""translate_page: translations made through wagtail-localize, idempotent, published at once."""

import pytest
from wagtail.models import Locale, PageLogEntry
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from goedwerk.localization.translate import segment_texts, translate_page

pytestmark = pytest.mark.django_db

POLISH = {
    "Welkom in Rotterdam": "Witamy w Rotterdamie",
    "Informatie voor <b>arbeidsmigranten</b> in Rotterdam.": (
        "Informacje dla <b>pracowników migrujących</b> w Rotterdamie."
    ),
    "home-nl": "home-pl",
}


def test_segment_texts_lists_the_keys(home_nl):
    texts = segment_texts(home_nl)
    assert "Welkom in Rotterdam" in texts
    assert "Informatie voor <b>arbeidsmigranten</b> in Rotterdam." in texts


def test_translate_page_creates_a_live_localize_translation(home_nl):
    assert not Locale.objects.filter(language_code="pl").exists()

    polish = translate_page(home_nl, "pl", POLISH)

    assert polish.locale.language_code == "pl"
    assert polish.translation_key == home_nl.translation_key
    assert polish.live and not polish.has_unpublished_changes
    assert polish.title == "Witamy w Rotterdamie"
    assert polish.slug == "home-pl"
    assert "pracowników migrujących" in polish.intro
    # The admin sees a real wagtail-localize translation, not a loose copy.
    source = TranslationSource.objects.get_for_instance(home_nl)
    translation = Translation.objects.get(source=source, target_locale=polish.locale)
    assert translation.enabled
    assert translation.get_progress() == (3, 3)
    assert StringTranslation.objects.filter(locale=polish.locale).count() == 3


def test_untranslated_segments_fall_back_to_the_source(home_nl):
    english = translate_page(home_nl, "en", {"Welkom in Rotterdam": "Welcome to Rotterdam"})
    assert english.title == "Welcome to Rotterdam"
    assert "arbeidsmigranten" in english.intro
    translation = Translation.objects.get(target_locale=english.locale)
    assert translation.get_progress() == (3, 1)


def test_running_twice_changes_nothing(home_nl):
    first = translate_page(home_nl, "pl", POLISH)
    revisions = first.revisions.count()
    logs = PageLogEntry.objects.count()

    second = translate_page(home_nl, "pl", POLISH)

    assert second.pk == first.pk
    assert second.revisions.count() == revisions
    assert PageLogEntry.objects.count() == logs
    assert StringTranslation.objects.filter(locale=first.locale).count() == 3


def test_changed_translation_and_changed_source_update_the_page(home_nl):
    polish = translate_page(home_nl, "pl", POLISH)

    translate_page(home_nl, "pl", {**POLISH, "Welkom in Rotterdam": "Witaj w Rotterdamie"})
    polish.refresh_from_db()
    assert polish.title == "Witaj w Rotterdamie"

    home_nl.title = "Welkom in Rotterdam!"
    home_nl.save_revision().publish()
    translate_page(home_nl, "pl", {"Welkom in Rotterdam!": "Witaj w Rotterdamie!"})
    polish.refresh_from_db()
    assert polish.title == "Witaj w Rotterdamie!"
    assert polish.live


def test_draft_translation_is_not_published(home_nl):
    polish = translate_page(home_nl, "pl", POLISH, publish=False)
    assert not polish.live


def test_strict_rejects_unknown_keys(home_nl):
    with pytest.raises(ValueError, match="no source segment"):
        translate_page(home_nl, "pl", {"Bestaat niet": "Nie istnieje"}, strict=True)


def test_every_locale_follows_a_changed_source(home_nl):
    """The source is shared by all locales: updating it for one must not hide it from another."""
    translate_page(home_nl, "en", {"Welkom in Rotterdam": "Welcome to Rotterdam"})
    polish = translate_page(home_nl, "pl", POLISH)
    home_nl.intro = "<p>Nieuwe inleiding.</p>"
    home_nl.save_revision().publish()

    translate_page(home_nl, "en", {"Welkom in Rotterdam": "Welcome to Rotterdam"})
    translate_page(home_nl, "pl", POLISH)

    polish.refresh_from_db()
    assert "Nieuwe inleiding." in polish.intro


def test_publishing_the_source_without_changes_does_not_resync(home_nl):
    polish = translate_page(home_nl, "pl", POLISH)
    revisions = polish.revisions.count()
    home_nl.save_revision().publish()  # bookkeeping changes only

    translate_page(home_nl, "pl", POLISH)
    assert polish.revisions.count() == revisions
