"""The log of staff views of a partner's reports and the portal page that shows it to the
organisation's admins ("Who viewed our reports")."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from partners.factories import ReportFactory, ReportingPeriodFactory
from partners.privacy.access_log import REPORT_VIEWED, staff_views_for
from tests.signin import activate_totp

from .conftest import make_evidence, signed_in

pytestmark = pytest.mark.django_db
PAGE = "/en/portaal/{slug}/inzage/"


def review(client, report):
    return client.get(reverse("partners_review_reports:review", args=[report.pk]))


def test_opening_the_review_screen_is_logged_once_per_15_minutes(reviewer, report):
    client = signed_in(reviewer)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        assert review(client, report).status_code == 200
        review(client, report)
    with time_machine.travel(now + timedelta(minutes=14), tick=False):
        review(client, report)
    entries = ModelLogEntry.objects.filter(action=REPORT_VIEWED)
    assert entries.count() == 1
    assert entries.get().user_id == reviewer.pk
    assert entries.get().object_id == str(report.pk)
    with time_machine.travel(now + timedelta(minutes=16), tick=False):
        review(client, report)
    assert entries.count() == 2


def test_staff_without_the_review_permission_leave_no_view(report, reviewer):
    reviewer.groups.clear()
    response = review(signed_in(reviewer), report)
    assert response.status_code in {302, 403}
    assert not ModelLogEntry.objects.filter(action=REPORT_VIEWED).exists()


def test_the_organisation_admin_sees_who_viewed_and_downloaded(
    reviewer, org_admin, report, other_org
):
    evidence = make_evidence(report, "loonstroken-overzicht.pdf")
    other_report = ReportFactory(organisation=other_org, period=ReportingPeriodFactory())
    other_evidence = make_evidence(other_report, "bravo-geheim.pdf")
    staff = signed_in(reviewer)
    review(staff, report)
    review(staff, other_report)
    assert staff.get(reverse("partners_review_reports:evidence", args=[evidence.pk])).status_code
    staff.get(reverse("partners_review_reports:evidence", args=[other_evidence.pk]))

    response = signed_in(org_admin).get(PAGE.format(slug="alfa"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rita Reviewer" in html
    assert "Report 2026 H1" in html
    assert "loonstroken-overzicht.pdf" in html
    assert "Opened the report" in html
    # Nothing of the other organisation.
    assert "bravo-geheim.pdf" not in html
    assert str(other_report.period.name) not in html
    assert len(response.context["rows"]) == 2


def test_reporters_and_other_organisations_admins_get_404(reporter, org, other_org):
    from partners.factories import MembershipFactory
    from partners.models import Membership

    assert signed_in(reporter).get(PAGE.format(slug="alfa")).status_code == 404
    other_admin = MembershipFactory(organisation=other_org, role=Membership.Role.ADMIN).user

    activate_totp(other_admin)
    assert signed_in(other_admin).get(PAGE.format(slug="alfa")).status_code == 404
    assert signed_in(other_admin).get(PAGE.format(slug="bravo")).status_code == 200
    response = signed_in(other_admin).get(PAGE.format(slug="bravo"))
    assert response.context["rows"] == []


def test_anonymous_visitors_are_sent_to_login(org):
    from django.test import Client

    response = Client().get(PAGE.format(slug="alfa"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_the_members_page_links_to_it_for_admins_only(org_admin, reporter):
    link = PAGE.format(slug="alfa")
    assert link in signed_in(org_admin).get("/en/portaal/alfa/leden/").content.decode()
    assert link not in signed_in(reporter).get("/en/portaal/alfa/leden/").content.decode()


def test_a_removed_member_of_staff_is_shown_without_a_name(reviewer, org, report):
    from partners.privacy.retention import anonymise_removed_users

    review(signed_in(reviewer), report)
    reviewer.delete()
    anonymise_removed_users()
    from partners.privacy.access_log import as_rows

    with translation.override("en"):
        rows = as_rows(staff_views_for(org))
    assert [row.who for row in rows] == ["A former member of staff"]
