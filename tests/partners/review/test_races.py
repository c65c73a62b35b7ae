"""Decisions taken at the same moment: staff decisions are serialised by a row lock on the report
(PostgreSQL), and partner writes on SQLite answer with the conflict page rather than a 500 when
the database stays locked."""

import sqlite3
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from partners.factories import MembershipFactory, OrganisationFactory, ReportFactory
from partners.models import Evidence, Report, ReportStatus
from partners.models.reports import IllegalTransition, StaleReport
from partners.reporting import decisions as services
from partners.reporting import evidence as evidence_rules
from partners.reporting import writing
from partners.reporting.models import CommitmentVerdict, Verdict

from .conftest import fill

ROUNDS = 12
DECISIONS = ("partners.report.approve", "partners.report.request_changes")


def _run_together(*actions):
    """Run each action in its own thread (and so its own database connection), all released at
    the same moment; returns what each raised (or None)."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            action()
        except Exception as error:  # the outcome is what the test looks at
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _submitted_report(covenant, period, n):
    organisation = OrganisationFactory(name=f"Race {n}", slug=f"race-{n}")
    member = MembershipFactory(organisation=organisation).user
    report = ReportFactory(organisation=organisation, period=period)
    fill(report, covenant)
    report.transition_to(ReportStatus.SUBMITTED, by=member)
    return report


EXPECTED = (services.ReviewError, StaleReport, IllegalTransition)


@pytest.mark.django_db(transaction=True)
def test_verdict_against_approve_and_request_changes_never_leaves_an_illegal_state(
    reviewer, covenant, period
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises whole transactions")
    for n in range(ROUNDS):
        report = _submitted_report(covenant, period, n)
        version = report.version

        def verdict(pk=report.pk):
            services.set_verdict(
                Report.objects.get(pk=pk),
                covenant.brp,
                by=reviewer,
                verdict=Verdict.NEEDS_CHANGES,
                comment="Aantallen kloppen niet",
            )

        def approve(pk=report.pk, version=version):
            services.approve(Report.objects.get(pk=pk), by=reviewer, expected_version=version)

        def request_changes(pk=report.pk, version=version):
            services.request_changes(
                Report.objects.get(pk=pk),
                by=reviewer,
                comment="Graag aanvullen",
                resubmit_by=timezone.localdate(),
                expected_version=version,
            )

        actions = (verdict, approve, request_changes) if n % 2 else (verdict, approve)
        outcomes = _run_together(*actions)
        unexpected = [o for o in outcomes if o is not None and not isinstance(o, EXPECTED)]
        assert not unexpected, unexpected

        report.refresh_from_db()
        needs_changes = CommitmentVerdict.objects.filter(
            report=report, submitted_at=report.submitted_at, verdict=Verdict.NEEDS_CHANGES
        ).exists()
        assert not (report.status == ReportStatus.APPROVED and needs_changes), f"round {n}"
        decisions = ModelLogEntry.objects.filter(
            object_id=str(report.pk), action__in=DECISIONS
        ).count()
        assert decisions == (0 if report.status == ReportStatus.SUBMITTED else 1), f"round {n}"
        if report.status == ReportStatus.SUBMITTED:  # approve was refused: the verdict came first
            assert needs_changes and isinstance(outcomes[1], services.ReviewError)


@pytest.mark.django_db(transaction=True)
def test_two_extension_decisions_at_once_decide_once(reviewer, covenant, period, partner, draft):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    from datetime import timedelta

    extension = writing.request_extension(
        organisation=draft.organisation,
        period=draft.period,
        by=partner,
        until=period.deadline + timedelta(days=20),
        reason="Drukte",
    )
    outcomes = _run_together(
        lambda: services.grant_extension(
            type(extension).objects.get(pk=extension.pk),
            by=reviewer,
            until=period.deadline + timedelta(days=20),
        ),
        lambda: services.refuse_extension(
            type(extension).objects.get(pk=extension.pk), by=reviewer, comment="Nee"
        ),
    )
    assert sum(outcome is None for outcome in outcomes) == 1
    assert all(o is None or isinstance(o, services.ReviewError) for o in outcomes)
    assert draft.deadlines.count() == (1 if outcomes[0] is None else 0)


# --- SQLite: a locked database is the conflict page ------------------------------------------


def _sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's database-wide write lock")


def _report_url(report_or_org, period):
    return reverse(
        "partners:report",
        kwargs={"organisation_slug": report_or_org.slug, "period_id": period.pk},
    )


def _answers(covenant, version=0, workers="120"):
    return {
        "version": str(version),
        "save": "draft",
        f"i{covenant.workers.pk}": workers,
        f"i{covenant.registered.pk}": "100",
        f"i{covenant.started.pk}": "12",
    }


@pytest.mark.django_db(transaction=True)
def test_sqlite_write_while_another_writer_holds_the_lock_is_a_conflict(
    partner_client, organisation, period, covenant
):
    _sqlite_only()
    blocker = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process is writing and does not finish
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 200")  # do not wait the full 20 s here
        response = partner_client.post(_report_url(organisation, period), _answers(covenant))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert response.status_code == 409
    assert 'id="conflict"' in response.content.decode()
    assert 'value="120"' in response.content.decode()  # what was typed is still in the form
    response = partner_client.post(_report_url(organisation, period), _answers(covenant))
    assert response.status_code == 302  # once the other writer is done, saving works


@pytest.mark.django_db(transaction=True)
def test_sqlite_two_concurrent_writers_get_saved_or_the_conflict_page(
    organisation, period, covenant, partner
):
    _sqlite_only()
    colleague = MembershipFactory(organisation=organisation).user
    clients = []
    for user in (partner, colleague):
        client = Client()
        client.force_login(user)
        clients.append(client)
    statuses = []
    for n in range(ROUNDS):
        version = (
            Report.objects.filter(organisation=organisation)
            .values_list("version", flat=True)
            .first()
        )
        results = [None, None]

        def post(index, version=version or 0, n=n, results=results):
            response = clients[index].post(
                _report_url(organisation, period),
                _answers(covenant, version, workers=str(100 + n + index)),
            )
            results[index] = response.status_code

        outcomes = _run_together(lambda: post(0), lambda: post(1))
        assert outcomes == [None, None]
        statuses.extend(results)
        assert set(results) <= {302, 409}, results
        assert 302 in results  # one of the two always gets through
    assert all(status < 500 for status in statuses)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; SQLite serialises whole transactions",
)
@pytest.mark.django_db(transaction=True)
def test_submitting_and_deleting_evidence_at_once_never_changes_a_handed_in_report(
    covenant, period
):
    """Deleting evidence locks the report: the submission either waits for the deletion (and
    hands in the report without it) or comes first (and the deletion is refused)."""
    for n in range(ROUNDS):
        organisation = OrganisationFactory(name=f"Bewijs {n}", slug=f"bewijs-{n}")
        member = MembershipFactory(organisation=organisation).user
        report = ReportFactory(organisation=organisation, period=period)
        evidence = Evidence.objects.create(
            report=report,
            stored_name=f"evidence/race-{n}.pdf",
            original_name=f"race-{n}.pdf",
            content_type="application/pdf",
            size=10,
            uploaded_by=member,
        )
        outcomes = _run_together(
            lambda report=report, member=member: writing.hand_in(
                Report.objects.get(pk=report.pk), by=member
            ),
            lambda evidence=evidence, member=member: evidence_rules.delete_evidence(
                Evidence.objects.get(pk=evidence.pk), by=member
            ),
        )
        report.refresh_from_db()
        evidence.refresh_from_db()
        assert report.status == ReportStatus.SUBMITTED and outcomes[0] is None, outcomes
        if evidence.withdrawn_at is not None:  # the deletion came first ...
            assert outcomes[1] is None
            # ... and the submission was written after it (log ids follow the order of the
            # inserts; without the lock the deletion could land after the submission).
            deleted = ModelLogEntry.objects.get(
                action="partners.evidence.delete", object_id=evidence.pk
            )
            handed_in = ModelLogEntry.objects.for_instance(report).get(
                action="partners.report.submit"
            )
            assert deleted.pk < handed_in.pk
        else:  # the submission came first: the deletion was refused
            assert isinstance(outcomes[1], writing.ReportLocked), outcomes
