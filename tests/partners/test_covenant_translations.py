"""The seeded covenant in every site language: translations loaded by the demo through
wagtail-localize, Dutch fallbacks marked lang="nl" with a notice, and the admin's overview of
missing languages."""

import io
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from partners import covenant_translations, demo
from partners.covenant_seed import COVENANT
from partners.factories import (
    MembershipFactory,
    OrganisationFactory,
    ReportingPeriodFactory,
    StaffUserFactory,
)
from partners.models import Commitment, Covenant, Indicator
from tests.signin import activate_totp

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "pl", "ro", "bg", "hu"]


def _covenant():
    return Covenant.objects.get(code=COVENANT["code"], locale__language_code="nl")


def translate(languages=LANGUAGES, models=(Covenant, Commitment, Indicator)):
    """What the demo loader does, for some languages or models only (to keep tests quick)."""
    objects = covenant_translations.seeded_objects(_covenant())
    objects = [obj for obj in objects if isinstance(obj, models)]
    for language in languages:
        covenant_translations.translate(objects, language)


@pytest.fixture
def translated():
    translate(["pl", "ro"])
    return _covenant()


@pytest.fixture
def loaded():
    """The demo loader's own entry point, all languages."""
    covenant_translations.load(stdout=io.StringIO())
    return _covenant()


@pytest.fixture
def employer_form(db):
    """A member of an employer and the URL of its report form (in the active language)."""
    organisation = OrganisationFactory(slug="alfa", name="Alfa Uitzend B.V.")
    member = MembershipFactory(organisation=organisation).user
    period = ReportingPeriodFactory(covenant=_covenant(), name="2026 H1")
    client = Client()
    client.force_login(member)

    def get(language):
        with translation.override(language):
            url = reverse(
                "partners:report",
                kwargs={"organisation_slug": organisation.slug, "period_id": period.pk},
            )
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    return get


def dutch_marks(html: str) -> int:
    """How many elements of the page's own content (not the language switcher or the <head>)
    are marked as Dutch."""
    main = html[html.index('<main id="main"') : html.index("</main>")]
    return len(re.findall(r'\slang="nl"', main))


def _indicator(code, language="nl"):
    return Indicator.objects.get(code=code, locale__language_code=language)


def test_every_data_file_covers_exactly_the_seeded_texts():
    texts = set()
    for obj in covenant_translations.seeded_objects(_covenant()):
        texts.update(covenant_translations.source_texts(obj))
    for language in LANGUAGES:
        strings = covenant_translations.strings_for(language)
        assert set(strings) == texts, language
        assert all(value.strip() for value in strings.values()), language
        for acronym in ["BRP", "RNI", "SNF", "ABU", "NBBU", "SNA"]:
            for dutch, translated_text in strings.items():
                if re.search(rf"\b{acronym}\b", dutch):
                    assert acronym in translated_text, (language, dutch)


def test_translations_are_real_wagtail_localize_translations(loaded):
    objects = covenant_translations.seeded_objects(loaded)
    for language in LANGUAGES:
        for model in (Covenant, Commitment, Indicator):
            source_count = model.objects.filter(
                locale__language_code="nl", translation_key__in=[o.translation_key for o in objects]
            ).count()
            assert model.objects.filter(locale__language_code=language).count() == source_count
    source = TranslationSource.objects.get_for_instance(_indicator("workers_employed"))
    polish = Translation.objects.get(source=source, target_locale__language_code="pl")
    assert polish.get_progress() == (3, 3)  # label, help text, unit
    # Structure is synchronised, not translated: the Polish row points at the Dutch commitment.
    workers_pl = _indicator("workers_employed", "pl")
    assert workers_pl.commitment_id == _indicator("workers_employed").commitment_id
    member_of = _indicator("branch_organisation", "ro")
    assert member_of.choice_codes == _indicator("branch_organisation").choice_codes
    assert member_of.choices[2] == ("neither", "Niciuna dintre ele")


def test_loading_twice_changes_nothing(loaded):
    def counts():
        return {
            "covenants": Covenant.objects.count(),
            "commitments": Commitment.objects.count(),
            "indicators": Indicator.objects.count(),
            "sources": TranslationSource.objects.count(),
            "translations": Translation.objects.count(),
            "strings": StringTranslation.objects.count(),
            "labels": sorted(Indicator.objects.values_list("pk", "label")),
        }

    first = counts()
    sources = sorted(TranslationSource.objects.values_list("pk", "last_updated_at"))
    covenant_translations.load(stdout=io.StringIO())
    assert counts() == first
    assert sorted(TranslationSource.objects.values_list("pk", "last_updated_at")) == sources


def test_the_demo_loader_translates_the_covenant(monkeypatch):
    calls = []
    monkeypatch.setattr(demo.demo_accounts, "load", lambda **kwargs: None)
    monkeypatch.setattr(demo.demo_reports, "load", lambda **kwargs: None)
    monkeypatch.setattr(demo.review_demo, "load", lambda **kwargs: None)
    monkeypatch.setattr(demo.covenant_translations, "load", lambda **kwargs: calls.append(kwargs))
    demo.load(stdout=io.StringIO(), password="x")
    assert len(calls) == 1


@pytest.mark.parametrize(
    "language, texts",
    [
        (
            "pl",
            [
                "Rejestracja w BRP",
                "Zakwaterowanie zgodne z normą SNF",
                "W tym zarejestrowani tylko w RNI",
                "Czy Państwa organizacja jest zarejestrowana w SNF?",
                "Żadna z nich",
                "Koalicja Dobrego Pracodawcy Rotterdam",
            ],
        ),
        (
            "ro",
            [
                "Înregistrarea în BRP",
                "Cursuri de limba neerlandeză",
                "Dintre care înregistrați doar în RNI",
                "Este organizația dumneavoastră înregistrată la SNF?",
            ],
        ),
        ("bg", ["Регистрация в BRP", "Уроци по нидерландски език", "Членски номер"]),
        ("hu", ["Bejelentkezés a BRP-be", "Holland nyelvórák", "Tagsági szám"]),
        ("en", ["Registration in the BRP", "Dutch language classes", "Membership number"]),
    ],
)
def test_report_form_shows_the_covenant_in_the_visitors_language(employer_form, language, texts):
    translate([language], models=(Covenant, Commitment, Indicator))
    html = employer_form(language)
    for text in texts:
        assert text in html, text
    assert "Inschrijving in de BRP" not in html
    assert "Taallessen Nederlands" not in html
    assert dutch_marks(html) == 0
    assert 'id="fallback-notice"' not in html


def test_dutch_form_has_no_marks_and_no_notice(employer_form):
    html = employer_form("nl")
    assert "Inschrijving in de BRP" in html
    assert dutch_marks(html) == 0
    assert 'id="fallback-notice"' not in html


def test_a_missing_translation_is_shown_in_dutch_marked_with_a_notice(translated, employer_form):
    _indicator("registered_rni_only", "pl").delete()

    html = employer_form("pl")

    assert "W tym zarejestrowani tylko w RNI" not in html
    label = re.search(r'<span lang="nl">Van wie alleen ingeschreven in de RNI</span>', html)
    assert label, "the Dutch label is marked as Dutch"
    assert (
        '<p class="help" id="id_i{}-hint" lang="nl">Niet-ingezetenen'.format(
            _indicator("registered_rni_only").pk
        )
        in html
    )
    assert dutch_marks(html) == 3  # label, help text, unit of that one indicator
    assert 'id="fallback-notice"' in html
    with translation.override("pl"):
        notice = translation.gettext(
            "Some texts are not yet available in %(language)s and are shown in %(source)s."
        ) % {
            "language": translation.get_language_info("pl")["name_translated"],
            "source": translation.get_language_info("nl")["name_translated"],
        }
    assert notice in html
    # The rest stays Polish.
    assert "W tym zarejestrowani w BRP z aktualnym adresem" in html


def test_a_missing_commitment_translation_marks_its_title(translated, employer_form):
    Commitment.objects.get(code="language_classes", locale__language_code="ro").delete()
    html = employer_form("ro")
    assert re.search(r'<legend lang="nl">.*Taallessen Nederlands</legend>', html)
    assert '<p class="help" lang="nl">Lessen Nederlands' in html
    assert "Angajați care au început cursuri de limbă" in html  # its indicators are translated
    assert 'id="fallback-notice"' in html


# --- The admin --------------------------------------------------------------------------------


@pytest.fixture
def admin_client(db, english):
    user = StaffUserFactory(is_superuser=True)
    activate_totp(user)  # staff reach the admin only with MFA
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def _listing(client, model, **params):
    response = client.get(reverse(f"wagtailsnippets_partners_{model}:list"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("model", ["covenant", "commitment", "indicator"])
def test_admin_listing_shows_missing_languages(admin_client, model):
    cls = {"covenant": Covenant, "commitment": Commitment, "indicator": Indicator}[model]
    translate(models=(cls,))
    html = _listing(admin_client, model)
    assert "Translations" in html
    assert "Missing:" not in html
    assert "Translated into every language" in html

    cls.objects.filter(locale__language_code__in=["hu", "bg"]).delete()
    html = _listing(admin_client, model)
    assert "<strong>Missing:</strong> Bulgarian, Hungarian" in html
    assert "Translated into: English, Polish, Romanian" in html


def test_admin_listing_shows_an_untranslated_row(admin_client):
    translate(models=(Commitment,))
    covenant = _covenant()
    lone = Commitment.objects.create(
        covenant=covenant, locale=covenant.locale, code="extra", title="Nieuwe afspraak", order=9
    )
    html = _listing(admin_client, "commitment", locale="nl")
    row = html[html.index("Nieuwe afspraak") :]
    row = row[: row.index("</tr>")]
    assert "<strong>Missing:</strong> English, Polish, Romanian, Bulgarian, Hungarian" in row
    assert lone.locale.language_code == settings.LANGUAGE_CODE


def test_admin_listing_queries_do_not_grow_with_translations(
    admin_client, django_assert_max_num_queries
):
    """The column costs one query for the whole page, however many languages there are. (What
    grows with the rows is wagtail-localize's own per-row buttons, not this column.)"""
    translate(["pl"], models=(Indicator,))
    with CaptureQueriesContext(connection) as one_language:
        _listing(admin_client, "indicator")
    lookups = [
        q["sql"]
        for q in one_language.captured_queries
        if '"partners_indicator"."translation_key" IN' in q["sql"]
    ]
    assert len(lookups) == 1

    translate(["en", "ro", "bg", "hu"], models=(Indicator,))
    with django_assert_max_num_queries(len(one_language)):
        html = _listing(admin_client, "indicator")
    assert html.count("Translated into every language") == 20  # one page


def test_fallback_lang_marks_only_texts_in_another_language_than_the_page(translated):
    from partners.models.covenant import fallback_lang, localize, text_language

    source = _indicator("registered_rni_only")
    _indicator("registered_rni_only", "ro").delete()
    for language, shown_lang, mark in [("nl", "nl", ""), ("pl", "pl", ""), ("ro", "nl", "nl")]:
        with translation.override(language):
            text = localize([source])[source.pk]
            assert text_language(source, text) == shown_lang
            assert fallback_lang(source, text) == mark


def test_notice_names_the_languages_in_the_visitors_language(translated):
    from partners.reporting.structure import build_sections, fallback_notice

    period = ReportingPeriodFactory(covenant=_covenant(), name="2026 H1")
    with translation.override("pl"):
        assert fallback_notice(build_sections(period, "employer")) == ""
        assert fallback_notice([], "nl").startswith(translation.gettext("Some texts"))
        _indicator("registered_rni_only", "pl").delete()
        notice = fallback_notice(build_sections(period, "employer"))
    # The language names come from Django's own catalogues, in the visitor's language.
    assert "polski" in notice and "holenderski" in notice
