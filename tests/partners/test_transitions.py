"""The report's status moves only along TRANSITIONS, by the right people, and is logged."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from partners.factories import ReportFactory, StaffUserFactory, UserFactory
from partners.models import Report, ReportStatus
from partners.models.reports import TRANSITIONS, IllegalTransition, StaleReport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

S = ReportStatus


@pytest.fixture
def reviewer(db):
    user = StaffUserFactory()
    user.user_permissions.add(Permission.objects.get(codename="review_report"))
    return user


@pytest.fixture
def report(org_a, period):
    return ReportFactory(organisation=org_a, period=period)


def test_the_full_cycle(report, member_a, reviewer):
    report.transition_to(S.SUBMITTED, by=member_a)
    report.transition_to(S.CHANGES_REQUESTED, by=reviewer, comment="BRP-cijfers kloppen niet")
    report.transition_to(S.SUBMITTED, by=member_a)
    report.transition_to(S.APPROVED, by=reviewer)
    report.transition_to(S.REOPENED, by=reviewer)
    report.transition_to(S.SUBMITTED, by=member_a)
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    assert report.version == 6
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(report.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "partners.report.submit",
        "partners.report.request_changes",
        "partners.report.submit",
        "partners.report.approve",
        "partners.report.reopen",
        "partners.report.submit",
    ]
    entry = ModelLogEntry.objects.get(action="partners.report.request_changes")
    assert entry.data["comment"] == "BRP-cijfers kloppen niet"


ALL_PAIRS = [(a, b) for a in S.values for b in S.values]


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_every_pair_is_allowed_exactly_when_declared(
    org_a, period, member_a, reviewer, source, target
):
    report = ReportFactory(organisation=org_a, period=period)
    Report.objects.filter(pk=report.pk).update(status=source)  # test setup only
    report = Report.objects.get(pk=report.pk)
    actor = TRANSITIONS.get(source, {}).get(target)
    user = member_a if actor == "partner" else reviewer
    if actor is None:
        with pytest.raises(IllegalTransition):
            report.transition_to(target, by=user)
        assert Report.objects.get(pk=report.pk).status == source
    else:
        report.transition_to(target, by=user)
        assert Report.objects.get(pk=report.pk).status == target


def test_partner_cannot_approve_and_staff_cannot_submit(report, member_a, reviewer):
    with pytest.raises(PermissionDenied):
        report.transition_to(S.SUBMITTED, by=reviewer)  # not a member
    report.transition_to(S.SUBMITTED, by=member_a)
    with pytest.raises(PermissionDenied):
        report.transition_to(S.APPROVED, by=member_a)
    with pytest.raises(PermissionDenied):
        report.transition_to(S.APPROVED, by=StaffUserFactory())  # staff without permission
    with pytest.raises(PermissionDenied):
        report.transition_to(S.APPROVED, by=UserFactory())


def test_member_of_another_organisation_cannot_submit(report, member_b):
    with pytest.raises(PermissionDenied):
        report.transition_to(S.SUBMITTED, by=member_b)


def test_stale_copy_cannot_transition(report, member_a):
    stale = Report.objects.get(pk=report.pk)
    report.transition_to(S.SUBMITTED, by=member_a)
    Report.objects.filter(pk=report.pk).update(status=S.DRAFT)  # pretend it went back
    with pytest.raises(StaleReport):
        stale.transition_to(S.SUBMITTED, by=member_a)


def test_status_cannot_be_set_by_saving(report):
    report.status = S.APPROVED
    with pytest.raises(IllegalTransition):
        report.save()
    assert Report.objects.get(pk=report.pk).status == S.DRAFT
    with pytest.raises(IllegalTransition):
        Report(organisation=report.organisation, period=report.period, status=S.SUBMITTED).save()


def test_status_is_not_a_form_field():
    from django.forms import modelform_factory

    form_class = modelform_factory(Report, exclude=[])
    assert "status" not in form_class.base_fields
    assert "version" not in form_class.base_fields
