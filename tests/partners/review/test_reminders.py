"""Deadline reminders: 14 and 3 days before and once overdue, each sent once however often the
command runs, following the deadline that counts for each organisation."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from partners import audit
from partners.factories import (
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    ReportingPeriodFactory,
    UserFactory,
)
from partners.models import ReportStatus
from partners.reporting import decisions as services
from partners.reporting import emails, reminders
from partners.reporting.models import SentReminder

AMS = ZoneInfo("Europe/Amsterdam")


def at(day: str):
    return time_machine.travel(datetime.fromisoformat(day).replace(hour=7, tzinfo=AMS), tick=False)


def run() -> str:
    out = StringIO()
    call_command("send_report_reminders", stdout=out)
    return out.getvalue()


@pytest.fixture
def spring(covenant):
    return ReportingPeriodFactory(
        covenant=covenant.covenant,
        name="2026 Q1",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 3, 31),
        opens_on=date(2026, 3, 1),
        deadline=date(2026, 4, 30),
    )


@pytest.mark.django_db
def test_reminders_are_sent_once_each(spring, partner, organisation):
    OrganisationFactory(name="Zonder leden")  # no members: nobody to remind
    schedule = [
        ("2026-04-01", []),
        ("2026-04-15", []),
        ("2026-04-16", ["days_14"]),
        ("2026-04-16", []),
        ("2026-04-20", []),
        ("2026-04-27", ["days_3"]),
        ("2026-04-28", []),
        ("2026-04-30", []),
        ("2026-05-01", ["overdue"]),
        ("2026-05-02", []),
        ("2026-06-15", []),
    ]
    for day, expected in schedule:
        mail.outbox.clear()
        with at(day):
            output = run()
        kinds = list(
            SentReminder.objects.filter(sent_at__date=date.fromisoformat(day)).values_list(
                "kind", flat=True
            )
        )
        assert len(mail.outbox) == len(expected), (day, output)
        if expected:
            assert set(kinds) >= set(expected), day
            assert mail.outbox[0].to == [partner.email]
    assert SentReminder.objects.count() == 3
    assert set(SentReminder.objects.values_list("recipients", flat=True)) == {1}
    # Each reminder sent is in the audit trail once (the organisation had not started: the
    # entries are on the reminder records).
    entries = ModelLogEntry.objects.filter(action=audit.REMINDER_SEND).order_by("timestamp")
    assert [e.data["kind"] for e in entries] == ["days_14", "days_3", "overdue"]
    assert {e.data["recipients"] for e in entries} == {1}


@pytest.mark.django_db
def test_a_reminder_about_a_started_report_is_on_its_timeline(spring, partner, organisation):
    report = ReportFactory(organisation=organisation, period=spring)
    with at("2026-04-16"):
        run()
    [entry] = ModelLogEntry.objects.for_instance(report).filter(action=audit.REMINDER_SEND)
    assert entry.data["kind"] == "days_14" and entry.data["due_on"] == "2026-04-30"


@pytest.mark.django_db
def test_reminder_is_in_the_partners_language(spring, partner):
    with at("2026-04-27"):
        run()
    (message,) = mail.outbox
    from django.utils import translation

    with translation.override("pl"):
        expected = translation.gettext("Reminder: your report %(period)s is due on %(date)s")
    assert message.subject.startswith("[Goed Werk] " + expected.split("%")[0].strip())
    assert "/pl/portaal/tempo-team/rapportages/" in message.body
    assert 'lang="pl"' in message.alternatives[0][0]


@pytest.mark.django_db
def test_handed_in_reports_get_no_reminders(spring, partner, organisation):
    report = ReportFactory(organisation=organisation, period=spring)
    with at("2026-04-02"):
        report.transition_to(ReportStatus.SUBMITTED, by=partner)
    with at("2026-04-27"):
        output = run()
    assert mail.outbox == [] and "Sent 0 reminder(s)." in output


@pytest.mark.django_db
def test_a_new_deadline_gets_new_reminders(spring, partner, organisation, reviewer):
    report = ReportFactory(organisation=organisation, period=spring)
    with at("2026-04-16"):
        run()
        report.transition_to(ReportStatus.SUBMITTED, by=partner)
    with at("2026-04-20"):
        services.request_changes(
            report, by=reviewer, comment="Aanvullen", resubmit_by=date(2026, 5, 20)
        )
    mail.outbox.clear()
    with at("2026-05-01"):
        run()  # the period's deadline has passed, but this report's deadline has not
    assert mail.outbox == []
    with at("2026-05-06"):
        run()
        run()
    assert len(mail.outbox) == 1
    assert SentReminder.objects.filter(due_on=date(2026, 5, 20), kind="days_14").count() == 1


@pytest.mark.django_db
def test_a_failed_send_is_tried_again(spring, partner, monkeypatch):
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        raise ConnectionError("mail server down")

    monkeypatch.setattr(emails, "reminder", failing)
    with at("2026-04-27"), pytest.raises(ConnectionError):
        run()
    assert not SentReminder.objects.exists()
    monkeypatch.undo()
    with at("2026-04-27"):
        run()
    assert len(mail.outbox) == 1 and SentReminder.objects.count() == 1


@pytest.mark.django_db
def test_dry_run_sends_nothing(spring, partner):
    with at("2026-04-27"):
        out = StringIO()
        call_command("send_report_reminders", "--dry-run", stdout=out)
    assert "Would send days_3 reminder: Tempo-Team / 2026 Q1" in out.getvalue()
    assert mail.outbox == [] and not SentReminder.objects.exists()


@pytest.mark.django_db
def test_due_reminders_queries_do_not_grow(spring, django_assert_max_num_queries):
    def make(n):
        for _ in range(n):
            organisation = OrganisationFactory()
            MembershipFactory(organisation=organisation, user=UserFactory())
            ReportFactory(organisation=organisation, period=spring)

    make(2)
    with at("2026-04-27"), django_assert_max_num_queries(10) as few:
        assert len(reminders.due_reminders(date(2026, 4, 27))) == 2
    make(20)
    with at("2026-04-27"), django_assert_max_num_queries(len(few.captured_queries)):
        assert len(reminders.due_reminders(date(2026, 4, 27))) == 22
