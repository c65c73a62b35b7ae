"""The report form in sections: the section list with a status per commitment and the overall
progress (``partners.reporting.progress``), a "Save draft" button per section that comes back to
that section, the current round's verdicts beside their commitment, invalid saved answers marked
when a draft is reopened, and the unsaved-changes script (self-hosted, no inline script)."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from partners.factories import StaffUserFactory
from partners.models import IndicatorValue, Report, ReportStatus
from partners.reporting.feedback import feedback_for
from partners.reporting.models import CommitmentVerdict, Verdict
from partners.reporting.progress import (
    COMPLETE,
    HAS_FEEDBACK,
    INCOMPLETE,
    NOT_APPLICABLE,
    report_progress,
)
from partners.reporting.structure import answers_of, build_sections

from .conftest import complete_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def report_url(org, period):
    return reverse(
        "partners:report", kwargs={"organisation_slug": org.slug, "period_id": period.pk}
    )


def section_list(html: str) -> str:
    match = re.search(r'<nav class="report-sections".*?</nav>', html, re.S)
    assert match, "no section list"
    return match.group(0)


def statuses(html: str) -> dict[str, str]:
    """{section anchor: status in words} from the section list."""
    found = re.findall(
        r'<li><a href="#(c\d+)">[^<]*</a>: <span class="section-status[^"]*">([^<]*)</span>',
        section_list(html),
    )
    return dict(found)


def save_draft(client, org, period, data, section="draft"):
    return client.post(report_url(org, period), {"version": "0", **data, "save": section})


# --- The rule, in the core ---


def test_progress_rule_from_saved_answers_and_required_flags(org_a, period, covenant, client_a):
    sections = build_sections(period, "employer")
    progress = report_progress(sections, {}, {})
    assert [item.status for item in progress.sections] == [INCOMPLETE, INCOMPLETE]
    assert (progress.done, progress.total) == (0, 2)

    # Required answers only: optional "since" and "number" are not needed.
    data = complete_answers(covenant, **{f"i{covenant.since.pk}": "", f"i{covenant.number.pk}": ""})
    save_draft(client_a, org_a, period, {k: v for k, v in data.items() if k != "version"})
    report = Report.objects.get(organisation=org_a, period=period)
    values, responses = answers_of(report)
    progress = report_progress(sections, values, responses)
    assert [item.status for item in progress.sections] == [COMPLETE, COMPLETE]
    assert progress.complete

    # An invalid answer is not an answer; a feedback verdict wins over the status.
    IndicatorValue.objects.filter(report=report, indicator=covenant.workers).update(
        raw="veel", is_valid=False, number=None
    )
    values, responses = answers_of(report)
    progress = report_progress(sections, values, responses, needs_changes={covenant.branch.pk})
    assert [item.status for item in progress.sections] == [INCOMPLETE, HAS_FEEDBACK]
    assert [item.invalid for item in progress.sections] == [1, 0]
    assert progress.done == 1  # the branch answers are still complete


def test_not_applicable_counts_once_explained(org_a, period, covenant, client_a):
    prefix = f"c{covenant.branch.pk}"
    save_draft(client_a, org_a, period, {f"{prefix}_na": "on"})
    report = Report.objects.get(organisation=org_a, period=period)
    sections = build_sections(period, "employer")
    progress = report_progress(sections, *answers_of(report))
    assert progress.sections[1].status == INCOMPLETE  # no explanation yet
    save_draft(
        client_a,
        org_a,
        period,
        {"version": str(report.version), f"{prefix}_na": "on", f"{prefix}_explanation": "Geen"},
    )
    report.refresh_from_db()
    progress = report_progress(sections, *answers_of(report))
    assert progress.sections[1].status == NOT_APPLICABLE
    assert progress.sections[1].done


# --- The page ---


def test_section_list_links_every_section_with_its_status_and_the_progress(
    client_a, org_a, period, covenant
):
    html = client_a.get(report_url(org_a, period)).content.decode()
    nav = section_list(html)
    assert 'aria-label="Sections of the report"' in nav
    brp, branch = f"c{covenant.brp.pk}", f"c{covenant.branch.pk}"
    assert statuses(html) == {brp: "Incomplete", branch: "Incomplete"}
    assert "0 of 2 sections complete" in nav
    assert f'<fieldset class="commitment" id="{brp}">' in html
    assert f'<fieldset class="commitment" id="{branch}">' in html

    save_draft(
        client_a,
        org_a,
        period,
        {
            f"i{covenant.workers.pk}": "10",
            f"i{covenant.registered.pk}": "8",
            f"{branch}_na": "on",
            f"{branch}_explanation": "Wij zijn geen uitzendbureau.",
        },
    )
    html = client_a.get(report_url(org_a, period)).content.decode()
    assert statuses(html) == {brp: "Complete", branch: "Not applicable"}
    assert "2 of 2 sections complete" in section_list(html)


def test_each_section_has_a_save_button_that_comes_back_to_it_with_everything_saved(
    client_a, org_a, period, covenant
):
    html = client_a.get(report_url(org_a, period)).content.decode()
    brp, branch = f"c{covenant.brp.pk}", f"c{covenant.branch.pk}"
    for prefix in (brp, branch):
        assert f'name="save" value="{prefix}"' in html
    assert html.count('name="submit" value="submit"') == 1  # submit stays at the end only
    assert html.rindex('name="submit"') > html.rindex(f'value="{branch}"')

    # The button of the first section saves the answers of the other section too.
    response = save_draft(
        client_a,
        org_a,
        period,
        {f"i{covenant.workers.pk}": "12", f"i{covenant.member_of.pk}": "nbbu"},
        section=branch,
    )
    assert response.status_code == 302
    assert response.url == f"{report_url(org_a, period)}#{branch}"
    report = Report.objects.get(organisation=org_a, period=period)
    values = {v.indicator_id: v for v in report.values.all()}
    assert values[covenant.workers.pk].number == 12
    assert values[covenant.member_of.pk].text == "nbbu"


def test_a_save_button_value_that_is_no_section_goes_back_to_the_top(
    client_a, org_a, period, covenant
):
    response = save_draft(
        client_a, org_a, period, {f"i{covenant.workers.pk}": "3"}, section="c999999"
    )
    assert response.status_code == 302
    assert response.url == report_url(org_a, period)


def test_invalid_saved_answers_are_marked_when_the_draft_is_reopened(
    client_a, org_a, period, covenant
):
    name = f"i{covenant.workers.pk}"
    response = save_draft(
        client_a, org_a, period, {name: "twaalf", f"i{covenant.member_of.pk}": "abu"}
    )
    assert response.status_code == 200  # an error: the draft is saved, the form shown again

    html = client_a.get(report_url(org_a, period)).content.decode()  # no Save pressed
    assert 'class="utrecht-alert utrecht-alert--error error-summary"' in html
    assert "Some saved answers are not valid yet" in html
    assert f'href="#id_{name}"' in html
    assert 'value="twaalf"' in html
    assert f'id="id_{name}-error"' in html
    assert "Enter a whole number of 0 or more" in html
    assert re.search(rf'name="{name}"[^>]*aria-invalid="true"', html)
    assert 'value="abu" ' in html and "checked" in html  # the valid answers stay as they are
    assert "(1 answer to correct)" in section_list(html)
    # No submission-only checks on return: missing answers are not errors yet.
    assert "Answer this question before you submit" not in html
    report = Report.objects.get(organisation=org_a, period=period)
    assert f'name="version" value="{report.version}"' in html


def test_a_draft_without_invalid_answers_has_no_error_summary(client_a, org_a, period, covenant):
    save_draft(client_a, org_a, period, {f"i{covenant.workers.pk}": "12"})
    html = client_a.get(report_url(org_a, period)).content.decode()
    assert 'class="utrecht-alert utrecht-alert--error error-summary"' not in html
    assert 'value="12"' in html


def _changes_requested(org, period, covenant, member, verdicts):
    report = Report.objects.create(organisation=org, period=period)
    report.transition_to(ReportStatus.SUBMITTED, by=member)
    report.refresh_from_db()
    for commitment, verdict, comment in verdicts:
        CommitmentVerdict.objects.create(
            report=report,
            commitment=commitment,
            submitted_at=report.submitted_at,
            verdict=verdict,
            comment=comment,
        )
    staff = StaffUserFactory(is_superuser=True)
    report.transition_to(ReportStatus.CHANGES_REQUESTED, by=staff, comment="Zie BRP")
    return report


def test_current_round_verdicts_are_shown_in_their_section(
    client_a, member_a, org_a, period, covenant
):
    _changes_requested(
        org_a,
        period,
        covenant,
        member_a,
        [
            (covenant.brp, Verdict.NEEDS_CHANGES, "Het aantal ingeschrevenen ontbreekt."),
            (covenant.branch, Verdict.ACCEPTED, "Prima."),
        ],
    )
    html = client_a.get(report_url(org_a, period)).content.decode()
    brp, branch = f"c{covenant.brp.pk}", f"c{covenant.branch.pk}"
    assert statuses(html) == {brp: "Has feedback", branch: "Incomplete"}
    # Beside the commitment it is about: inside its fieldset, before the next one starts.
    brp_block = html[html.index(f'id="{brp}"') : html.index(f'id="{branch}"')]
    assert f'id="{brp}-feedback"' in brp_block
    assert "Needs changes" in brp_block
    assert "Het aantal ingeschrevenen ontbreekt." in brp_block
    branch_block = html[html.index(f'id="{branch}"') : html.index('id="evidence"')]
    assert "Prima." in branch_block and "Accepted" in branch_block
    # The whole-report decision stays at the top.
    assert html.index("Zie BRP") < html.index('class="report-sections"')


def test_feedback_keys_verdicts_by_commitment(member_a, org_a, period, covenant):
    report = _changes_requested(
        org_a, period, covenant, member_a, [(covenant.brp, Verdict.NEEDS_CHANGES, "Te laag")]
    )
    feedback = feedback_for(report)
    assert feedback.verdicts_by_commitment()[covenant.brp.pk]["comment"] == "Te laag"
    assert feedback.needs_changes() == {covenant.brp.pk}


def test_unsaved_changes_script_is_self_hosted_deferred_in_head_and_inline_free(
    client_a, org_a, period, covenant
):
    response = client_a.get(report_url(org_a, period))
    html = response.content.decode()
    head = html[: html.index("</head>")]
    match = re.search(r'<script src="([^"]*unsaved-changes\.js)" defer></script>', head)
    assert match
    assert "data-unsaved-warning" in html
    # No inline script anywhere (JSON-LD data aside), and CSP scripts from 'self' only.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert script_src == ["'self'"]
    path = finders.find("partners/js/unsaved-changes.js")
    assert path
    with open(path, encoding="utf-8") as file:
        source = file.read()
    assert "beforeunload" in source and "submit" in source
    # A read-only report has no form, and no script.
    report = Report.objects.get_or_create(organisation=org_a, period=period)[0]
    report.transition_to(ReportStatus.SUBMITTED, by=response.wsgi_request.user)
    assert "unsaved-changes.js" not in client_a.get(report_url(org_a, period)).content.decode()
