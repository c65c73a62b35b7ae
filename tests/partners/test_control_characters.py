"""Hostile text in every text field of the portal's forms and of the project's admin forms: NUL
and other C0 control characters never give a 5xx, the field shows the translated error, the
input is kept (without the control characters) and nothing with a control character is stored.
Run on PostgreSQL too: it refuses NUL in text and jsonb columns."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from goedwerk.forms import (
    CONTROL_CHARACTERS_MESSAGE,
    SafeForm,
    has_control_characters,
    strip_control_characters,
)
from partners.factories import MembershipFactory, StaffUserFactory
from partners.models import (
    CommitmentResponse,
    Evidence,
    IndicatorValue,
    Invitation,
    Membership,
    Report,
    ReportStatus,
)
from tests.signin import activate_totp

from .conftest import complete_answers
from .helpers import pdf_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

#: (what is typed, what is kept): NUL, other C0 characters, an escape sequence.
HOSTILE = [
    ("12\x0034", "1234"),
    ("a\x01b\x08\x1b[31m\x1f", "ab[31m"),
]
with translation.override("en"):  # the pages under test are in English
    MESSAGE = str(CONTROL_CHARACTERS_MESSAGE)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def test_the_rule_itself():
    assert strip_control_characters("a\x00b\tc\nd\re\x0bf\x1f") == "ab\tc\nd\ref"
    assert not has_control_characters("tab\tline\nreturn\r")
    assert has_control_characters("\x0c")

    class Form(SafeForm):
        from django import forms

        text = forms.CharField(required=False)
        choice = forms.MultipleChoiceField(choices=[("a", "a")], required=False)

    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data["text"] = "x\x00y"
    data.setlist("choice", ["a", "a\x01"])
    form = Form(data)
    assert not form.is_valid()
    assert form.errors["text"] == [MESSAGE]
    assert form.errors["choice"] == [MESSAGE]
    assert form.data["text"] == "xy"
    assert form.data.getlist("choice") == ["a", "a"]
    assert data["text"] == "x\x00y"  # the request's own data is not changed
    assert Form({"text": "fine\ttext"}).is_valid()


def report_url(org, period):
    return reverse(
        "partners:report", kwargs={"organisation_slug": org.slug, "period_id": period.pk}
    )


def _report_fields(covenant):
    b = covenant.branch.pk
    return {
        "workers": f"i{covenant.workers.pk}",
        "registered": f"i{covenant.registered.pk}",
        "member_of": f"i{covenant.member_of.pk}",
        "sna": f"i{covenant.sna.pk}",
        "since": f"i{covenant.since.pk}",
        "number": f"i{covenant.number.pk}",
        "not_applicable": f"c{b}_na",
        "explanation": f"c{b}_explanation",
        "notes": f"c{covenant.brp.pk}_notes",
    }


def _assert_nothing_stored_with_control_characters():
    for raw, text in IndicatorValue.objects.values_list("raw", "text"):
        assert not has_control_characters(raw) and not has_control_characters(text)
    for explanation, notes in CommitmentResponse.objects.values_list("explanation", "notes"):
        assert not has_control_characters(explanation) and not has_control_characters(notes)


@pytest.mark.parametrize("button", ["save", "submit"])
@pytest.mark.parametrize("typed,kept", HOSTILE)
@pytest.mark.parametrize(
    "field",
    [
        "workers",
        "registered",
        "member_of",
        "sna",
        "since",
        "number",
        "not_applicable",
        "explanation",
        "notes",
    ],
)
def test_report_form_field(client_a, org_a, period, covenant, field, typed, kept, button):
    name = _report_fields(covenant)[field]
    prefix = {"sna": "yes", "member_of": "abu", "since": "2020-01-15"}.get(field, "")
    value = prefix + typed
    data = complete_answers(covenant, **{name: value}, **{button: "1"})
    if field == "explanation":
        data[_report_fields(covenant)["not_applicable"]] = "on"
    response = client_a.post(report_url(org_a, period), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html
    assert f'href="#id_{name}' in html  # listed in the error summary, linked to the field
    report = Report.objects.get(organisation=org_a, period=period)
    assert report.status == ReportStatus.DRAFT  # never submitted with a refused field
    # Everything else typed was kept in the draft, and the typed field without the characters.
    saved = IndicatorValue.objects.get(report=report, indicator=covenant.workers).raw
    assert saved == ("120" if field != "workers" else kept)
    if field in ("explanation", "notes"):
        assert f"{_escaped(kept)}</textarea>" in html
        stored = CommitmentResponse.objects.get(report=report)
        assert getattr(stored, field) == kept
    elif field == "number":
        assert 'value="ABU-1234"' not in html and f'value="{_escaped(kept)}"' in html
    _assert_nothing_stored_with_control_characters()


@pytest.mark.parametrize("typed,kept", HOSTILE)
def test_hidden_version_field_never_fails(client_a, org_a, period, covenant, typed, kept):
    data = complete_answers(covenant, version=typed, save="1")
    response = client_a.post(report_url(org_a, period), data)
    assert response.status_code in (200, 302, 409)
    _assert_nothing_stored_with_control_characters()


@pytest.mark.parametrize("typed,kept", HOSTILE)
@pytest.mark.parametrize("field", ["kind", "valid_until", "description", "commitment"])
def test_evidence_form_field(client_a, org_a, period, covenant, field, typed, kept):
    data = {"kind": "general", "valid_until": "", "description": "Certificaat", "commitment": ""}
    data[field] = {"valid_until": "2030-01-01", "kind": "general"}.get(field, "Tekst") + typed
    data["file"] = pdf_file()
    url = reverse(
        "partners:evidence_upload",
        kwargs={"organisation_slug": org_a.slug, "period_id": period.pk},
    )
    response = client_a.post(url, data)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Evidence.objects.exists()


def test_uploaded_file_name_loses_control_characters(client_a, org_a, period, covenant):
    url = reverse(
        "partners:evidence_upload",
        kwargs={"organisation_slug": org_a.slug, "period_id": period.pk},
    )
    response = client_a.post(url, {"kind": "general", "file": pdf_file("cert\x01ificaat.pdf")})
    assert response.status_code in (200, 302)
    for name in Evidence.objects.values_list("original_name", flat=True):
        assert not has_control_characters(name)


@pytest.mark.parametrize("typed,kept", HOSTILE)
@pytest.mark.parametrize("field", ["requested_until", "reason"])
def test_extension_request_field(client_a, org_a, period, field, typed, kept):
    from datetime import timedelta

    data = {
        "requested_until": (period.deadline + timedelta(days=10)).isoformat(),
        "reason": "Onze administratie loopt achter.",
    }
    data[field] += typed
    url = reverse(
        "partners:extension_request",
        kwargs={"organisation_slug": org_a.slug, "period_id": period.pk},
    )
    response = client_a.post(url, data)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not Report.objects.filter(organisation=org_a, extension_requests__isnull=False).exists()


def _with_totp(user):
    activate_totp(user)
    return user


@pytest.mark.parametrize("typed,kept", HOSTILE)
@pytest.mark.parametrize("field", ["email", "role", "language"])
def test_portal_invite_form_field(org_a, field, typed, kept):
    admin = MembershipFactory(organisation=org_a, role=Membership.Role.ADMIN).user
    client = Client()
    client.force_login(_with_totp(admin))
    data = {"email": "nieuw@alfa.example", "role": "reporter", "language": "nl"}
    data[field] += typed
    url = reverse("partners:invite_member", kwargs={"organisation_slug": org_a.slug})
    response = client.post(url, data)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.fixture
def superuser_client(db):
    user = _with_totp(StaffUserFactory(is_superuser=True, email="super@rotterdam.example"))
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("typed,kept", HOSTILE)
@pytest.mark.parametrize("field", ["email", "role", "language"])
def test_admin_invite_form_field(superuser_client, org_a, field, typed, kept):
    data = {"email": "nieuw@alfa.example", "role": "reporter", "language": "nl"}
    data[field] += typed
    url = reverse("partners_organisations:members", args=[org_a.pk])
    response = superuser_client.post(url, data)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not Invitation.objects.exists()


def _admin_cases(covenant, period, org):
    """(add URL, valid POST data, text fields) for every model form of the project's admin."""
    return {
        "covenant": (
            reverse("wagtailsnippets_partners_covenant:add"),
            {
                "title": "Nieuw convenant",
                "code": "nieuw",
                "signed_on": "2026-01-01",
                "ends_on": "2027-01-01",
                "description": "Tekst",
            },
        ),
        "commitment": (
            reverse("wagtailsnippets_partners_commitment:add"),
            {
                "covenant": str(covenant.covenant.pk),
                "party": "employer",
                "order": "9",
                "code": "nieuw",
                "title": "Nieuwe afspraak",
                "description": "Tekst",
            },
        ),
        "indicator": (
            reverse("wagtailsnippets_partners_indicator:add"),
            {
                "commitment": str(covenant.brp.pk),
                "order": "9",
                "code": "nieuw",
                "label": "Nieuw getal",
                "help_text": "Uitleg",
                "value_type": "count",
                "unit": "mensen",
                "choice_codes": "",
                "choice_labels": "",
            },
        ),
        "period": (
            reverse("wagtailsnippets_partners_reportingperiod:add"),
            {
                "covenant": str(covenant.covenant.pk),
                "name": "2031 H1",
                "starts_on": "2031-01-01",
                "ends_on": "2031-06-30",
                "opens_on": "2031-06-01",
                "deadline": "2031-07-31",
            },
        ),
        "organisation": (
            reverse("partners_organisations:add"),
            {
                "name": "Nieuw B.V.",
                "slug": "nieuw",
                "kind": "agency",
                "kvk_number": "12345678",
                "joined_covenant_on": "2025-01-01",
                "website": "https://nieuw.example",
            },
        ),
    }


ADMIN_FIELDS = [
    ("covenant", "title"),
    ("covenant", "code"),
    ("covenant", "signed_on"),
    ("covenant", "description"),
    ("commitment", "code"),
    ("commitment", "title"),
    ("commitment", "description"),
    ("commitment", "order"),
    ("indicator", "label"),
    ("indicator", "help_text"),
    ("indicator", "unit"),
    ("indicator", "choice_codes"),
    ("indicator", "value_type"),
    ("period", "name"),
    ("period", "deadline"),
    ("organisation", "name"),
    ("organisation", "slug"),
    ("organisation", "kvk_number"),
    ("organisation", "website"),
    ("organisation", "joined_covenant_on"),
]


@pytest.mark.parametrize("typed,kept", HOSTILE[:1])
@pytest.mark.parametrize("case,field", ADMIN_FIELDS)
def test_admin_model_form_field(
    superuser_client, covenant, period, org_a, case, field, typed, kept
):
    url, data = _admin_cases(covenant, period, org_a)[case]
    assert field in data
    data = {**data, field: data[field] + typed}
    response = superuser_client.post(url, data)
    assert response.status_code < 500
    assert response.status_code == 200  # the form again, with the error
    assert MESSAGE in response.content.decode()
