"""The report form: drafts that never lose input, submission checks, read-only after submission,
concurrent edits and query counts."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from partners.factories import (
    IndicatorFactory,
    MembershipFactory,
    ReportFactory,
    ReportingPeriodFactory,
)
from partners.models import IndicatorValue, Report, ReportStatus

from .conftest import complete_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def report_url(org, period):
    return reverse(
        "partners:report", kwargs={"organisation_slug": org.slug, "period_id": period.pk}
    )


def test_form_groups_indicators_per_commitment_with_described_inputs(
    client_a, org_a, period, covenant
):
    response = client_a.get(report_url(org_a, period))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<fieldset class="commitment"') == 2  # employer commitments only
    assert "Inschrijving BRP</legend>" in html
    assert "Banenmarkten" not in html  # the municipality's commitment
    covenant.workers.help_text = "Tel iedereen op de peildatum."
    covenant.workers.save()
    html = client_a.get(report_url(org_a, period)).content.decode()
    name = f"i{covenant.workers.pk}"
    assert f'id="id_{name}-hint"' in html
    assert f'aria-describedby="id_{name}-hint"' in html


def test_draft_with_invalid_values_keeps_the_input_and_saves_it_flagged(
    client_a, org_a, period, covenant
):
    data = {
        "version": "0",
        "save": "draft",
        f"i{covenant.workers.pk}": "twelve",
        f"i{covenant.registered.pk}": "7",
    }
    response = client_a.post(report_url(org_a, period), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="twelve"' in html
    assert "Enter a whole number of 0 or more" in html
    assert 'class="utrecht-alert utrecht-alert--error error-summary"' in html
    assert f'href="#id_i{covenant.workers.pk}"' in html
    assert 'aria-invalid="true"' in html
    report = Report.objects.get(organisation=org_a, period=period)
    assert report.status == ReportStatus.DRAFT
    stored = {v.indicator_id: v for v in report.values.all()}
    assert stored[covenant.workers.pk].raw == "twelve"
    assert stored[covenant.workers.pk].is_valid is False
    assert stored[covenant.registered.pk].number == 7
    # Coming back later, the typed text is still there.
    html = client_a.get(report_url(org_a, period)).content.decode()
    assert 'value="twelve"' in html
    assert f'name="version" value="{report.version}"' in html


def test_incomplete_draft_is_saved_without_errors(client_a, org_a, period, covenant):
    response = client_a.post(
        report_url(org_a, period), {"version": "0", "save": "draft", f"i{covenant.workers.pk}": "5"}
    )
    assert response.status_code == 302
    report = Report.objects.get(organisation=org_a, period=period)
    assert report.values.get().number == 5
    assert report.status == ReportStatus.DRAFT


def submit(client, org, period, data):
    return client.post(report_url(org, period), {**data, "submit": "submit"})


def test_submit_rejects_missing_required_answers(client_a, org_a, period, covenant):
    response = submit(
        client_a, org_a, period, complete_answers(covenant, **{f"i{covenant.sna.pk}": None})
    )
    assert response.status_code == 200
    assert "Answer this question before you submit the report." in response.content.decode()
    report = Report.objects.get(organisation=org_a, period=period)
    assert report.status == ReportStatus.DRAFT
    assert report.values.count() == 5  # everything else was kept as a draft


def test_submit_rejects_a_part_larger_than_its_whole(client_a, org_a, period, covenant):
    data = complete_answers(
        covenant, **{f"i{covenant.workers.pk}": "10", f"i{covenant.registered.pk}": "11"}
    )
    response = submit(client_a, org_a, period, data)
    html = response.content.decode()
    assert "This cannot be more than “Werknemers” (10)." in html
    assert Report.objects.get(organisation=org_a, period=period).status == ReportStatus.DRAFT


def test_not_applicable_needs_an_explanation(client_a, org_a, period, covenant):
    prefix = f"c{covenant.branch.pk}"
    data = complete_answers(
        covenant,
        **{f"{prefix}_na": "on", f"i{covenant.member_of.pk}": None, f"i{covenant.sna.pk}": None},
    )
    response = submit(client_a, org_a, period, data)
    assert "Explain why this commitment does not apply" in response.content.decode()
    assert Report.objects.get(organisation=org_a, period=period).status == ReportStatus.DRAFT

    data[f"{prefix}_explanation"] = "Wij zijn geen uitzendbureau."
    response = submit(client_a, org_a, period, {**data, "version": "1"})
    assert response.status_code == 302
    report = Report.objects.get(organisation=org_a, period=period)
    assert report.status == ReportStatus.SUBMITTED
    assert report.responses.get().explanation == "Wij zijn geen uitzendbureau."


def test_complete_report_is_submitted_logged_and_read_only(
    client_a, member_a, org_a, period, covenant
):
    response = submit(client_a, org_a, period, complete_answers(covenant))
    assert response.status_code == 302
    assert response.url == reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug})
    report = Report.objects.get(organisation=org_a, period=period)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == member_a
    assert report.submitted_at is not None
    values = {v.indicator_id: v for v in report.values.all()}
    assert values[covenant.workers.pk].number == 120
    assert values[covenant.sna.pk].boolean is True
    assert values[covenant.member_of.pk].text == "abu"
    assert values[covenant.since.pk].date.isoformat() == "2020-01-15"
    assert ModelLogEntry.objects.filter(action="partners.report.submit", user=member_a).exists()

    html = client_a.get(report_url(org_a, period)).content.decode()
    # No form posts to the report any more (the comment threads post elsewhere).
    assert '<form method="post" action="' + report_url(org_a, period) + '"' not in html
    assert "read-only" in html
    assert "ABU" in html

    # A POST to a submitted report changes nothing.
    response = client_a.post(
        report_url(org_a, period),
        {
            **complete_answers(covenant, **{f"i{covenant.workers.pk}": "999"}),
            "version": "2",
            "save": "draft",
        },
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get(report=report, indicator=covenant.workers).number == 120


def test_concurrent_edit_is_refused_and_keeps_the_input(
    client_a, org_a, period, covenant, member_a
):
    colleague = MembershipFactory(organisation=org_a).user
    other = Client()
    other.force_login(colleague)
    url = report_url(org_a, period)
    # Both open the empty report (version 0); the colleague saves first.
    assert (
        other.post(
            url, {"version": "0", "save": "draft", f"i{covenant.workers.pk}": "50"}
        ).status_code
        == 302
    )
    response = client_a.post(
        url, {"version": "0", "save": "draft", f"i{covenant.workers.pk}": "70"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this report while you were editing it" in html
    assert 'value="70"' in html  # my input is still in the form
    # (the form carried no base, so every answer that differs is one to decide) and the saved
    # value is shown beside it
    assert 'id="conflicting-answers"' in html and "<td>50</td>" in html
    report = Report.objects.get(organisation=org_a, period=period)
    assert report.values.get().number == 50  # nothing was overwritten
    assert f'name="version" value="{report.version}"' in html
    # Saving again, knowingly, with the current version replaces the colleague's answer.
    response = client_a.post(
        url, {"version": str(report.version), "save": "draft", f"i{covenant.workers.pk}": "70"}
    )
    assert response.status_code == 302
    assert report.values.get().number == 70


def test_previous_period_value_is_shown_beside_the_input(
    client_a, org_a, period, covenant, member_a
):
    earlier = ReportingPeriodFactory(
        covenant=covenant.covenant,
        name="2025 H1",
        starts_on=period.starts_on.replace(year=period.starts_on.year - 1),
        ends_on=period.starts_on.replace(year=period.starts_on.year - 1),
    )
    old = ReportFactory(organisation=org_a, period=earlier)
    IndicatorValue.objects.create(report=old, indicator=covenant.workers, raw="88", number=88)
    old.transition_to(ReportStatus.SUBMITTED, by=member_a)
    html = client_a.get(report_url(org_a, period)).content.decode()
    assert "Previous period (2025 H1): 88" in html
    assert f'aria-describedby="id_i{covenant.workers.pk}-previous"' in html


def test_report_form_query_count_does_not_grow_with_indicators(
    client_a, org_a, period, covenant, django_assert_max_num_queries
):
    url = report_url(org_a, period)
    client_a.get(url)
    with CaptureQueriesContext(connection) as few:
        client_a.get(url)
    for n in range(15):
        IndicatorFactory(commitment=covenant.brp, code=f"extra_{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client_a.get(url).status_code == 200


def test_period_that_is_not_open_yet_is_not_found(client_a, org_a, covenant):
    from datetime import timedelta

    from django.utils import timezone

    future = ReportingPeriodFactory(
        covenant=covenant.covenant, opens_on=timezone.localdate() + timedelta(days=5)
    )
    assert client_a.get(report_url(org_a, future)).status_code == 404


def test_municipality_reports_on_its_own_commitments(period, covenant):
    from partners.factories import OrganisationFactory

    municipality = OrganisationFactory(slug="gemeente", kind="municipality")
    user = MembershipFactory(organisation=municipality).user
    client = Client()
    client.force_login(user)
    html = client.get(report_url(municipality, period)).content.decode()
    assert "Banenmarkten" in html
    assert "Inschrijving BRP" not in html


def test_a_date_typed_day_first_is_shown_again_as_iso(client_a, org_a, period, covenant):
    url = report_url(org_a, period)
    client_a.post(url, {"version": "0", "save": "draft", f"i{covenant.since.pk}": "15-01-2020"})
    assert IndicatorValue.objects.get(indicator=covenant.since).date.isoformat() == "2020-01-15"
    assert 'value="2020-01-15"' in client_a.get(url).content.decode()
