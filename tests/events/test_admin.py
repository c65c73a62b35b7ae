"""The editor's side: the Wagtail forms of a fair, with their validation."""

import pytest
from django.contrib.auth import get_user_model

from events.factories import JobFairExhibitorFactory
from events.models import JobFairPage
from tests.signin import activate_totp

from .conftest import ams

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "pw")
    # Staff must have an authenticator app before they may use the admin.
    activate_totp(user)
    client.force_login(user)
    return client


def test_add_and_edit_forms_render(editor_client, index, make_fair):
    response = editor_client.get(f"/admin/pages/add/events/jobfairpage/{index.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="languages_spoken" value="pl"' in html
    assert 'name="exhibitors-TOTAL_FORMS"' in html
    fair = make_fair()
    JobFairExhibitorFactory(page=fair)
    assert editor_client.get(f"/admin/pages/{fair.pk}/edit/").status_code == 200


def _form_data(fair, **overrides):
    data = {
        "title": fair.title,
        "slug": fair.slug,
        "intro": fair.intro,
        "start": "2025-10-04 10:00",
        "end": "2025-10-04 15:00",
        "status": "scheduled",
        "venue_name": fair.venue_name,
        "street_address": fair.street_address,
        "postcode": fair.postcode,
        "city": fair.city,
        "languages_spoken": ["nl", "pl"],
        "is_free": "on",
        "exhibitors-TOTAL_FORMS": "1",
        "exhibitors-INITIAL_FORMS": "0",
        "exhibitors-MIN_NUM_FORMS": "0",
        "exhibitors-MAX_NUM_FORMS": "1000",
        "exhibitors-0-name": "EURES",
        "exhibitors-0-kind": "eures",
        "exhibitors-0-ORDER": "1",
        "organisers-TOTAL_FORMS": "0",
        "organisers-INITIAL_FORMS": "0",
        "organisers-MIN_NUM_FORMS": "0",
        "organisers-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def _form(fair, data):
    form_class = JobFairPage.get_edit_handler().get_form_class()
    return form_class(data, instance=fair, parent_page=fair.get_parent())


def test_valid_form_saves_languages_and_stands(make_fair):
    fair = make_fair()
    form = _form(fair, _form_data(fair))
    assert form.is_valid(), form.errors
    saved = form.save()
    saved.refresh_from_db()
    assert saved.languages_spoken == ["nl", "pl"]
    assert saved.start == ams(2025, 10, 4, 10)  # typed in Rotterdam time
    assert [s.name for s in saved.exhibitors.all()] == ["EURES"]


def test_postponed_without_dates_shows_errors_and_keeps_input(make_fair):
    fair = make_fair()
    form = _form(fair, _form_data(fair, status="postponed", venue_name="Nieuwe zaal"))
    assert not form.is_valid()
    assert "previous_start" in form.errors
    assert form["venue_name"].value() == "Nieuwe zaal"


def test_stand_needs_organisation_or_name(make_fair):
    fair = make_fair()
    form = _form(fair, _form_data(fair, **{"exhibitors-0-name": ""}))
    assert not form.is_valid()
    assert form.formsets["exhibitors"].forms[0].errors["name"]


def test_unknown_language_refused(make_fair):
    fair = make_fair()
    form = _form(fair, _form_data(fair, languages_spoken=["nl", "xx"]))
    assert not form.is_valid()
    assert "languages_spoken" in form.errors
