"""The period overview in the admin: every organisation expected to report, with or without a
report, the deadline that counts, waiting extension requests, filters, flat query counts, the
CSV export and "send reminder now" (idempotent within its interval, audited, staff only)."""

import csv
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from partners import audit
from partners.factories import (
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    ReportingPeriodFactory,
)
from partners.models import ReportStatus
from partners.reporting import decisions, reminders, writing
from partners.reporting.models import ReminderKind, SentReminder

from .conftest import fill

INDEX = "partners_review_overview:index"
EXPORT = "partners_review_overview:export"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


SEEDED = "Gemeente Rotterdam"  # the municipality, created by a data migration


def _rows(response) -> dict[str, object]:
    return {
        row.organisation.name: row
        for row in response.context["rows"]
        if row.organisation.name != SEEDED
    }


def _remind(client, period, *organisations, **extra):
    return client.post(
        reverse(INDEX),
        {"period": period.pk, "organisation": [o.pk for o in organisations], **extra},
        follow=True,
    )


@pytest.fixture
def quiet(organisation, period):
    """An organisation with a member that has not started its report."""
    org = OrganisationFactory(name="Otto Workforce", slug="otto")
    MembershipFactory(organisation=org)
    return org


@pytest.mark.django_db
def test_overview_lists_organisations_without_a_report(reviewer_client, draft, quiet, period):
    late = OrganisationFactory(
        name="Joined later", joined_covenant_on=period.ends_on + timedelta(1)
    )
    response = reviewer_client.get(reverse(INDEX))
    assert response.status_code == 200
    assert response.context["period"] == period
    rows = _rows(response)
    assert set(rows) == {"Tempo-Team", "Otto Workforce"}  # not the one that joined later
    assert late.name not in rows
    assert rows["Otto Workforce"].status_label == "Not started"
    assert rows["Otto Workforce"].deadline == period.deadline
    assert rows["Tempo-Team"].status_label == "Draft"
    html = response.content.decode()
    assert "Not started" in html
    assert f'datetime="{period.deadline.isoformat()}"' in html
    assert reverse("partners_review_reports:review", args=[draft.pk]) in html
    assert "ago" not in html  # absolute dates only


@pytest.mark.django_db
def test_deadline_that_counts_extension_and_resubmit_date(
    reviewer, reviewer_client, submitted, partner, period, other_organisation, covenant
):
    # Tempo-Team: changes requested with a resubmit date after the period deadline.
    resubmit = period.deadline + timedelta(days=20)
    decisions.request_changes(
        submitted, by=reviewer, comment="Graag aanvullen", resubmit_by=resubmit
    )
    # Vebego: asked for more time (waiting), then a second organisation with a granted one.
    member = MembershipFactory(organisation=other_organisation).user
    asked = period.deadline + timedelta(days=10)
    writing.request_extension(
        organisation=other_organisation, period=period, by=member, until=asked, reason="Drukte"
    )
    granted_org = OrganisationFactory(name="Granted BV")
    granted_member = MembershipFactory(organisation=granted_org).user
    extension = writing.request_extension(
        organisation=granted_org,
        period=period,
        by=granted_member,
        until=period.deadline + timedelta(days=30),
        reason="Overstap",
    )
    decisions.grant_extension(extension, by=reviewer, until=period.deadline + timedelta(days=25))

    rows = _rows(reviewer_client.get(reverse(INDEX)))
    assert rows["Tempo-Team"].deadline == resubmit
    assert rows["Tempo-Team"].status == ReportStatus.CHANGES_REQUESTED
    assert rows["Tempo-Team"].reviewer == (reviewer.get_full_name() or reviewer.email)
    assert rows["Vebego Zorg"].pending_until == asked
    assert rows["Vebego Zorg"].deadline == period.deadline
    assert rows["Granted BV"].deadline == period.deadline + timedelta(days=25)
    assert rows["Granted BV"].pending_until is None
    assert rows["Granted BV"].reviewer == (reviewer.get_full_name() or reviewer.email)
    assert rows["Granted BV"].last_activity is not None


@pytest.mark.django_db
def test_filters(reviewer_client, draft, quiet, period, covenant, other_organisation):
    past = ReportingPeriodFactory(
        covenant=covenant.covenant,
        name="2025 H1",
        starts_on=period.starts_on - timedelta(days=200),
        ends_on=period.starts_on - timedelta(days=20),
        opens_on=period.starts_on - timedelta(days=30),
        deadline=timezone.localdate() - timedelta(days=5),
    )
    member = MembershipFactory(organisation=other_organisation).user
    ReportFactory(organisation=other_organisation, period=past).transition_to(
        ReportStatus.SUBMITTED, by=member
    )
    writing.request_extension(
        organisation=draft.organisation,
        period=past,
        by=draft.organisation.memberships.first().user,
        until=past.deadline + timedelta(days=10),
        reason="Drukte",
    )

    def names(**params):
        response = reviewer_client.get(reverse(INDEX), {"period": past.pk, **params})
        return sorted(_rows(response))

    assert names() == ["Otto Workforce", "Tempo-Team", "Vebego Zorg"]
    assert names(status="not_started") == ["Otto Workforce"]
    assert names(status=["not_started", "submitted"]) == ["Otto Workforce", "Vebego Zorg"]
    assert names(status="draft") == ["Tempo-Team"]
    assert names(overdue="1") == ["Otto Workforce", "Tempo-Team"]
    assert names(pending="1") == ["Tempo-Team"]
    assert names(overdue="1", status="not_started") == ["Otto Workforce"]
    html = reviewer_client.get(reverse(INDEX), {"period": past.pk}).content.decode()
    assert "Overdue" in html  # as text, not only a colour
    assert "asked until" in html


@pytest.mark.django_db
def test_default_period_is_the_open_one_with_the_nearest_deadline(reviewer_client, covenant):
    today = timezone.localdate()
    ReportingPeriodFactory(covenant=covenant.covenant, name="far", deadline=today + timedelta(90))
    near = ReportingPeriodFactory(
        covenant=covenant.covenant, name="near", deadline=today + timedelta(5)
    )
    ReportingPeriodFactory(
        covenant=covenant.covenant,
        name="not open",
        opens_on=today + timedelta(1),
        deadline=today + timedelta(2),
    )
    assert reviewer_client.get(reverse(INDEX)).context["period"] == near


@pytest.mark.django_db
def test_queries_do_not_grow_with_organisations(
    reviewer, reviewer_client, period, covenant, django_assert_max_num_queries
):
    def make(n):
        for _ in range(n):
            organisation = OrganisationFactory()
            member = MembershipFactory(organisation=organisation).user
            report = ReportFactory(organisation=organisation, period=period)
            fill(report, covenant)
            report.transition_to(ReportStatus.SUBMITTED, by=member)
            decisions.set_verdict(report, covenant.brp, by=reviewer, verdict="accepted", comment="")
            OrganisationFactory()  # and one that has not started

    make(3)
    reviewer_client.get(reverse(INDEX))  # warm caches
    with django_assert_max_num_queries(100) as three:
        reviewer_client.get(reverse(INDEX))
    make(12)
    with django_assert_max_num_queries(len(three.captured_queries)):
        response = reviewer_client.get(reverse(INDEX))
    assert len(_rows(response)) == 30  # 15 with a report, 15 without
    with django_assert_max_num_queries(len(three.captured_queries)):
        reviewer_client.get(reverse(EXPORT))


@pytest.mark.django_db
def test_export_is_csv_for_dutch_excel(reviewer_client, draft, quiet, period, reviewer):
    OrganisationFactory(name="=HYPERLINK(1)", slug="evil")
    response = reviewer_client.get(reverse(EXPORT), {"period": period.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    lines = list(csv.reader(body.removeprefix("\ufeff").splitlines(), delimiter=";"))
    assert lines[0][:3] == ["Organisation", "Status", "Deadline"]
    by_name = {line[0]: line for line in lines[1:]}
    assert by_name["Otto Workforce"][1] == "Not started"
    assert by_name["Otto Workforce"][2] == period.deadline.isoformat()
    assert by_name["Tempo-Team"][1] == "Draft"
    assert "'=HYPERLINK(1)" in by_name  # neutralised
    assert ModelLogEntry.objects.filter(action=audit.REPORTS_EXPORT, user=reviewer).exists()
    # Filters apply to the export too.
    response = reviewer_client.get(reverse(EXPORT), {"period": period.pk, "status": "draft"})
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    lines = list(csv.reader(body.splitlines(), delimiter=";"))
    assert [line[0] for line in lines[1:]] == ["Tempo-Team"]


@pytest.mark.django_db
def test_admin_language_is_used(reviewer, reviewer_client, quiet, period):
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = "nl"
    profile.save()
    response = reviewer_client.get(reverse(INDEX))
    assert _rows(response)["Otto Workforce"].status_label == "Niet begonnen"
    assert "Not started" not in response.content.decode()
    export = b"".join(reviewer_client.get(reverse(EXPORT)).streaming_content).decode()
    assert "Organisation;" not in export


@pytest.mark.django_db
def test_send_reminder_now_once_within_the_interval(
    reviewer, reviewer_client, partner, draft, quiet, period, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _remind(reviewer_client, period, draft.organisation, quiet)
    assert response.status_code == 200
    assert len(mail.outbox) == 2  # one member each
    assert {m.to[0] for m in mail.outbox} >= {partner.email}
    text = " ".join(str(m) for m in response.context["messages"])
    assert "Reminders sent to 2 organisations" in text

    # Logged: on the report's timeline, or on the reminder record for one not started.
    entries = ModelLogEntry.objects.filter(action=audit.REMINDER_SEND_NOW)
    assert entries.count() == 2
    assert all(entry.user_id == reviewer.pk for entry in entries)
    assert entries.filter(object_id=str(draft.pk)).exists()
    record = SentReminder.objects.get(organisation=quiet)
    assert record.kind == ReminderKind.NOW and record.sent_by == reviewer
    assert record.recipients == 1

    # Again at once: nothing sent, both named as skipped.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _remind(reviewer_client, period, draft.organisation, quiet)
    assert mail.outbox == []
    text = " ".join(str(m) for m in response.context["messages"])
    assert "Not sent to Otto Workforce, Tempo-Team" in text
    assert "24 hours" in text
    assert SentReminder.objects.filter(kind=ReminderKind.NOW).count() == 2

    # After the interval it may go out again.
    SentReminder.objects.update(sent_at=timezone.now() - timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        _remind(reviewer_client, period, quiet)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_reminder_now_interval_is_a_setting(
    settings, reviewer, quiet, period, django_capture_on_commit_callbacks
):
    settings.REMINDER_NOW_INTERVAL_HOURS = 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_now(quiet, period, by=reviewer) == reminders.NowOutcome.SENT
    SentReminder.objects.update(sent_at=timezone.now() - timedelta(minutes=61))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_now(quiet, period, by=reviewer) == reminders.NowOutcome.SENT
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_reminder_now_is_in_the_partners_language(
    reviewer, partner, draft, period, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_now(draft.organisation, period, by=reviewer)
    (message,) = mail.outbox
    assert "/pl/" in message.body  # the Polish portal link for the Polish-speaking partner


@pytest.mark.django_db
def test_no_reminder_for_a_handed_in_report(
    reviewer_client, submitted, period, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _remind(reviewer_client, period, submitted.organisation)
    assert mail.outbox == []
    assert "has been handed in" in " ".join(str(m) for m in response.context["messages"])
    assert not ModelLogEntry.objects.filter(action=audit.REMINDER_SEND_NOW).exists()


@pytest.mark.django_db
def test_reminder_now_refused_without_permission(
    staff_without_permission, partner_client, quiet, period, reviewer
):
    client = _client(staff_without_permission)
    for url in (reverse(INDEX), reverse(EXPORT)):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Otto Workforce" not in response.content.decode()
    response = client.post(reverse(INDEX), {"period": period.pk, "organisation": [quiet.pk]})
    assert response.status_code in (302, 403)
    response = partner_client.post(
        reverse(INDEX), {"period": period.pk, "organisation": [quiet.pk]}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert partner_client.get(reverse(EXPORT)).status_code == 302
    assert not SentReminder.objects.exists()
    assert mail.outbox == []
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) not in home
    with pytest.raises(PermissionDenied):  # the service refuses too
        reminders.send_now(quiet, period, by=staff_without_permission)


@pytest.mark.django_db
def test_reminder_post_needs_csrf(reviewer, quiet, period):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post(reverse(INDEX), {"period": period.pk, "organisation": [quiet.pk]})
    assert response.status_code == 403
    assert not SentReminder.objects.exists()


@pytest.mark.django_db
def test_menu_item_for_reviewers(reviewer_client):
    assert reverse(INDEX) in reviewer_client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_send_once(reviewer, covenant, period):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises whole transactions")
    organisation = OrganisationFactory(name="Race BV")
    MembershipFactory(organisation=organisation)
    barrier = threading.Barrier(2)
    outcomes = [None, None]

    def run(index):
        try:
            barrier.wait()
            outcomes[index] = reminders.send_now(organisation, period, by=reviewer)
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == [reminders.NowOutcome.RECENT, reminders.NowOutcome.SENT]
    assert SentReminder.objects.filter(organisation=organisation).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_no_reminder_for_an_organisation_outside_the_period(
    reviewer_client, period, django_capture_on_commit_callbacks
):
    late = OrganisationFactory(
        name="Joined later", joined_covenant_on=period.ends_on + timedelta(1)
    )
    MembershipFactory(organisation=late)
    with django_capture_on_commit_callbacks(execute=True):
        response = _remind(reviewer_client, period, late, query="status=draft\r\nX: y")
    assert mail.outbox == []
    assert not SentReminder.objects.exists()
    assert "Select at least one organisation" in " ".join(
        str(m) for m in response.context["messages"]
    )


@pytest.mark.django_db
def test_a_reminder_the_mail_server_refused_can_be_sent_again(
    reviewer, quiet, period, django_capture_on_commit_callbacks, monkeypatch
):
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server away")

    with monkeypatch.context() as patched, django_capture_on_commit_callbacks(execute=True):
        patched.setattr(EmailBackend, "send_messages", refuse)
        # Queued: the task runs after the commit, fails, and the task backend records that.
        assert reminders.send_now(quiet, period, by=reviewer) == reminders.NowOutcome.SENT
    assert mail.outbox == []
    # Nothing stands in the way of sending it again, and the failure is on record.
    assert not SentReminder.objects.filter(organisation=quiet, kind=ReminderKind.NOW).exists()
    failed = ModelLogEntry.objects.get(action=audit.REMINDER_SEND_NOW_FAILED)
    assert failed.user_id == reviewer.pk
    assert failed.data["organisation"] == quiet.pk

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_now(quiet, period, by=reviewer) == reminders.NowOutcome.SENT
    assert len(mail.outbox) == 1
    assert SentReminder.objects.filter(organisation=quiet, kind=ReminderKind.NOW).count() == 1
