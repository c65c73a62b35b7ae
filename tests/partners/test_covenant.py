"""The seeded Rotterdam covenant, the indicator rules, and display in the visitor's language."""

import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale

from partners import demo_accounts, demo_reports
from partners.covenant_seed import seed
from partners.models import Commitment, Covenant, Indicator, Organisation, Report, ReportStatus
from partners.models.covenant import localize

pytestmark = pytest.mark.django_db


def test_seed_creates_the_rotterdam_covenant_and_is_idempotent():
    seed(apps)  # the data migration ran it already (unless a transactional test flushed it)
    seed(apps)
    covenant = Covenant.objects.get(code="rotterdam-goed-werkgeverschap")
    assert covenant.signed_on.isoformat() == "2024-06-27"
    employer = Commitment.objects.filter(covenant=covenant, party="employer")
    municipality = Commitment.objects.filter(covenant=covenant, party="municipality")
    assert employer.count() == 7
    assert municipality.count() == 5
    assert set(employer.filter(allows_not_applicable=True).values_list("code", flat=True)) == {
        "housing_snf",
        "branch_membership",
    }
    registered = Indicator.objects.get(code="registered_brp_address")
    assert registered.part_of.code == "workers_employed"
    branch = Indicator.objects.get(code="branch_organisation")
    assert [code for code, _label in branch.choices] == ["abu", "nbbu", "neither", "not_applicable"]
    assert Organisation.objects.get(slug="gemeente-rotterdam").kind == "municipality"
    assert Indicator.objects.filter(commitment__covenant=covenant).count() == 38
    # No indicator asks for personal data.
    labels = " ".join(Indicator.objects.values_list("label", flat=True)).lower()
    assert "bsn" not in labels and "naam" not in labels


def test_indicator_rules_are_validated(covenant):
    bad = Indicator(
        commitment=covenant.brp, code="x", label="X", value_type="choice", choice_codes="a\nb"
    )
    with pytest.raises(ValidationError) as error:
        bad.clean()
    assert "choice_labels" in error.value.message_dict
    yes_no_part = Indicator(
        commitment=covenant.brp, code="y", label="Y", value_type="yes_no", part_of=covenant.workers
    )
    with pytest.raises(ValidationError) as error:
        yes_no_part.clean()
    assert "part_of" in error.value.message_dict


def test_display_uses_the_translation_in_one_query_and_falls_back_to_dutch(
    covenant, django_assert_num_queries
):
    english, _ = Locale.objects.get_or_create(language_code="en")
    translated = covenant.workers.copy_for_translation(english)
    translated.label = "Workers employed"
    translated.save()
    indicators = [covenant.workers, covenant.registered]
    with translation.override("en"), django_assert_num_queries(1):
        shown = localize(indicators)
    assert shown[covenant.workers.pk].label == "Workers employed"
    assert shown[covenant.registered.pk].label == "Ingeschreven in de BRP"  # fallback
    with translation.override("nl"), django_assert_num_queries(0):
        assert localize(indicators)[covenant.workers.pk].label == "Werknemers"


def test_demo_reports_load_twice_gives_the_same_result():
    out = io.StringIO()
    demo_accounts.load(stdout=out, password="demo-password-123")
    demo_reports.load(stdout=out, password="demo-password-123")
    first = sorted(Report.objects.values_list("organisation__slug", "period__name", "status"))
    values = Report.objects.values_list("values__pk", flat=True).count()
    demo_reports.load(stdout=out, password="demo-password-123")
    assert (
        sorted(Report.objects.values_list("organisation__slug", "period__name", "status")) == first
    )
    assert Report.objects.values_list("values__pk", flat=True).count() == values
    submitted = Report.objects.filter(status=ReportStatus.SUBMITTED)
    assert submitted.values("organisation").distinct().count() == 6  # five employers + municipality
    assert submitted.values("period").distinct().count() == 2
    draft = Report.objects.get(status=ReportStatus.DRAFT)
    assert draft.organisation.slug == "tempo-team"
    assert draft.period.is_open()
    vebego = submitted.filter(organisation__slug="vebego-zorg").first()
    assert vebego.responses.filter(not_applicable=True).count() == 2
    assert draft.evidence.get().expiry_state() == "expiring"


def test_wagtail_localize_translates_one_indicator_on_its_own(covenant, django_user_model):
    from wagtail_localize.models import StringSegment, StringTranslation, Translation
    from wagtail_localize.operations import TranslationCreator

    english, _ = Locale.objects.get_or_create(language_code="en")
    staff = django_user_model.objects.create(username="editor", is_staff=True, is_superuser=True)
    TranslationCreator(staff, [english]).create_translations(covenant.registered)
    translation_ = Translation.objects.get(target_locale=english)
    segment = StringSegment.objects.get(
        source=translation_.source, string__data="Ingeschreven in de BRP"
    )
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=english,
        context=segment.context,
        data="Registered in the BRP",
    )
    translation_.save_target(user=staff)
    translated = Indicator.objects.get(
        translation_key=covenant.registered.translation_key, locale=english
    )
    # Structure and codes are shared with the Dutch original; only the text differs.
    assert translated.code == covenant.registered.code
    assert translated.commitment == covenant.brp
    assert translated.part_of == covenant.workers
    with translation.override("en"):
        assert localize([covenant.registered])[covenant.registered.pk].label == (
            "Registered in the BRP"
        )
