"""The staff dashboard in the Wagtail admin: who may see it, what it shows, the home panel and
a number of queries that does not grow with the number of organisations."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from partners.factories import MembershipFactory, StaffUserFactory
from partners.insight import stats
from partners.insight.factories import PartnerFactory, make_report, reviewer
from partners.models import ReportStatus

from .conftest import with_mfa

pytestmark = pytest.mark.django_db

DASHBOARD = "partners_insight:dashboard"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def staff_with(*permissions):
    user = with_mfa(StaffUserFactory())
    group = Group.objects.create(name=f"group-{user.pk}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for label in permissions:
        app_label, codename = label.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user.groups.add(group)
    return user


def test_partner_users_and_staff_without_permission_are_refused(covenant, h1):
    partner = MembershipFactory(organisation=PartnerFactory()).user
    export = reverse("partners_insight:export", args=[h1.pk, "csv"])
    for user in (partner, staff_with()):
        client = client_for(user)
        for url in (reverse(DASHBOARD), export):
            response = client.get(url)
            assert response.status_code in (302, 403), (user, url)
            assert b"Reports per status" not in response.content
    anonymous = Client().get(reverse(DASHBOARD))
    assert anonymous.status_code == 302


@pytest.mark.parametrize("permission", ["partners.review_report", "partners_insight.view_insight"])
def test_reviewers_and_viewers_see_the_dashboard(covenant, h1, permission):
    response = client_for(staff_with(permission)).get(reverse(DASHBOARD))
    assert response.status_code == 200
    assert b"Reports per status" in response.content


def test_menu_item_only_for_those_who_may_see_it(covenant):
    home = reverse("wagtailadmin_home")
    allowed = client_for(staff_with("partners_insight.view_insight")).get(home)
    refused = client_for(staff_with()).get(home)
    assert reverse(DASHBOARD).encode() in allowed.content
    assert reverse(DASHBOARD).encode() not in refused.content


@time_machine.travel(date(2025, 9, 1), tick=False)
def test_dashboard_shows_statuses_charts_and_approved_figures(staff_client, covenant, ind, h1):
    staff = reviewer()
    for employed in (100, 50, 30):
        make_report(PartnerFactory(), h1, {ind["workers_employed"]: employed}, staff=staff)
    make_report(PartnerFactory(), h1, {ind["workers_employed"]: 999}, status="submitted")

    response = staff_client.get(reverse(DASHBOARD), {"period": h1.pk})
    assert response.status_code == 200
    context = response.context
    row, _cells = next(item for item in context["overview"] if item[0].period == h1)
    assert row[ReportStatus.APPROVED] == 3
    assert row[ReportStatus.SUBMITTED] == 1
    html = response.content.decode()
    assert 'role="img"' in html
    assert "<title id=" in html and "<desc id=" in html
    employed = next(
        trend
        for commitment in context["trends"].commitments
        for trend in commitment.indicators
        if trend.code == "workers_employed"
    )
    assert employed.figures[0].total == 180  # 100 + 50 + 30, the submitted 999 left out
    expected = row.expected
    assert expected > 3  # the organisations that have not started count as expected too
    assert (
        f'<th scope="row">Approved reports</th><td class="number">3 of {expected} '
        '<span class="w-status w-status--label">provisional</span>' in html
    )
    with translation.override("en"):  # the labels follow the active language
        assert context["trends"].period_labels[0] == f"{h1.name} (provisional)"
    assert reverse("partners_insight:export", args=[h1.pk, "xlsx"]) in html


def test_home_panel_links_to_the_dashboard(staff_client, covenant, h1):
    make_report(PartnerFactory(), h1, status=ReportStatus.SUBMITTED)
    response = staff_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert 'id="coalition-insight' in html
    assert "1 report waiting for review" in html
    refused = client_for(staff_with()).get(reverse("wagtailadmin_home"))
    assert 'id="coalition-insight' not in refused.content.decode()


def test_dashboard_queries_do_not_grow_with_organisations(
    staff_client, covenant, ind, h1, h2, django_assert_max_num_queries, monkeypatch
):
    # The uncached path (the figures' cache is tested on its own, in test_stats.py).
    monkeypatch.setattr(stats, "FIGURES_CACHE_SECONDS", 0)
    staff = reviewer()

    def add(count):
        for index in range(count):
            organisation = PartnerFactory()
            status = ReportStatus.APPROVED if index % 3 else ReportStatus.SUBMITTED
            answers = {ind["workers_employed"]: 10, ind["registered_brp_address"]: 7}
            make_report(organisation, h1, answers, status=status, staff=staff)

    url = reverse(DASHBOARD)
    add(3)
    staff_client.get(url)  # warm caches (content types, site, permissions)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    add(27)
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(url)
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(url)
