"""Issue #14: the export rows are built from a few set-based queries per chunk; this holds them to
the rules read one report at a time through the models (``deadline_for``,
``report_is_overdue``, ``IndicatorValue``), for every value type, invalid answers, "not
applicable", set deadlines, every status, organisations outside the period and chunk borders, in
the rows, in the CSV and in the XLSX."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from goedwerk.spreadsheets import safe_text
from partners.insight import exports
from partners.insight.factories import PartnerFactory, make_report, reviewer
from partners.models import (
    CommitmentResponse,
    IndicatorType,
    IndicatorValue,
    Organisation,
    Report,
    ReportStatus,
)
from partners.reporting.deadlines import deadline_for, report_is_overdue
from partners.reporting.expected import is_expected
from partners.reporting.models import DeadlineReason, ReportDeadline
from partners.reporting.states import HANDED_IN

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(covenant, ind, h1):
    """Reports in every status with answers of every type, some invalid, one commitment not
    applicable, a set deadline, hostile text, an organisation that joined after the period
    (with and without a report) and one that has not started."""
    staff = reviewer()
    every_type = {
        ind["workers_employed"]: 120,
        ind["registered_brp_address"]: 0,
        ind["language_in_working_hours"]: True,
        ind["snf_registered"]: False,
        ind["snf_registration_date"]: date(2023, 5, 1),
        ind["branch_organisation"]: "abu",
        ind["membership_number"]: "=HYPERLINK(1)",
    }
    statuses = [
        ReportStatus.APPROVED,
        ReportStatus.SUBMITTED,
        ReportStatus.DRAFT,
        ReportStatus.CHANGES_REQUESTED,
        ReportStatus.REOPENED,
    ]
    for n, status in enumerate(statuses * 2):
        organisation = PartnerFactory(name=f"{'-' if n == 3 else ''}Werkgever {n:02d}")
        answers = every_type if n % 2 == 0 else {ind["workers_employed"]: n}
        report = make_report(organisation, h1, answers, status=status, staff=staff)
        if n == 1:  # an invalid answer keeps what was typed
            IndicatorValue.objects.create(
                report=report, indicator=ind["workers_housed"], raw="+veel", is_valid=False
            )
            IndicatorValue.objects.create(
                report=report, indicator=ind["snf_registered"], raw="misschien", is_valid=False
            )
        if n in (0, 5):
            CommitmentResponse.objects.create(
                report=report,
                commitment=ind["workers_housed"].commitment,
                not_applicable=True,
                explanation="Geen huisvesting.",
            )
        if status == ReportStatus.CHANGES_REQUESTED:
            ReportDeadline.objects.create(
                report=report,
                due_on=h1.deadline + timedelta(days=30 * n),
                reason=DeadlineReason.CHANGES_REQUESTED,
                set_by=staff,
            )
    late = PartnerFactory(name="Laat B.V.", joined_covenant_on=h1.ends_on + timedelta(days=1))
    make_report(late, h1, {ind["workers_employed"]: 5}, status=ReportStatus.SUBMITTED, staff=staff)
    PartnerFactory(name="Later B.V.", joined_covenant_on=h1.ends_on + timedelta(days=1))
    PartnerFactory(name="Nog niet begonnen")


def local(moment):
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else None


def expected_rows(period, *, approved_only=False):
    """The export, one organisation and one report at a time, through the models."""
    table = exports.PeriodExport(period)  # for its columns only
    with_figures = {ReportStatus.APPROVED} if approved_only else set(HANDED_IN)
    statuses, kinds = dict(ReportStatus.choices), dict(Organisation.Kind.choices)
    today = timezone.localdate()
    rows = []
    for organisation in Organisation.objects.order_by("name", "pk"):
        report = Report.objects.filter(organisation=organisation, period=period).first()
        if report is None and not is_expected(organisation, period):
            continue
        status = report.status if report else None
        deadline = deadline_for(report, period=period)
        figures = report is not None and status in with_figures
        row = [
            organisation.name,
            organisation.kvk_number,
            str(kinds[organisation.kind]),
            str(statuses[status]) if report else _("Not started"),
            deadline,
            _("yes") if report_is_overdue(report, period=period, day=today) else "",
            local(report.submitted_at) if report else None,
            local(report.approved_at) if status == ReportStatus.APPROVED else None,
            _("yes") if figures else _("no"),
        ]
        values = {v.indicator_id: v for v in report.values.all()} if figures else {}
        not_applicable = (
            {r.commitment_id for r in report.responses.filter(not_applicable=True)}
            if figures
            else set()
        )
        for kind, obj in table.columns:
            if kind == "not_applicable":
                row.append(_("yes") if obj.pk in not_applicable else "")
                continue
            value = values.get(obj.pk)
            if value is None:
                row.append(None)
            elif not value.is_valid:
                row.append(value.raw)
            elif obj.value_type == IndicatorType.YES_NO and value.value is not None:
                row.append(_("yes") if value.value else _("no"))
            else:
                row.append(value.value)
        rows.append(row)
    return rows


@pytest.mark.parametrize("approved_only", [False, True])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_rows_are_the_rules_applied_one_report_at_a_time(varied, h1, approved_only, language):
    with translation.override(language):
        expected = expected_rows(h1, approved_only=approved_only)
        for chunk_size in (3, 500):  # chunk borders change nothing
            table = exports.PeriodExport(h1, chunk_size=chunk_size, approved_only=approved_only)
            assert [list(row) for row in table.rows()] == expected
    assert len(expected) == 13  # 10 reports, the late one with a report, not started, Gemeente
    employed = 9 + [obj for _kind, obj in table.columns].index(
        next(i for i in table.indicators if i.code == "workers_employed")
    )
    assert any(row[employed] == 120 for row in expected)  # real figures are compared


def test_csv_and_xlsx_cells_are_the_rows(staff_client, varied, h1):
    with translation.override("en"):  # the staff member's admin language
        expected = expected_rows(h1)
    url = reverse("partners_insight:export", args=[h1.pk, "csv"])
    text = b"".join(staff_client.get(url).streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]

    def as_csv(value):
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.isoformat(sep=" ")
        if isinstance(value, date):
            return value.isoformat()
        return str(safe_text(value))

    assert lines == [[as_csv(value) for value in row] for row in expected]

    url = reverse("partners_insight:export", args=[h1.pk, "xlsx"])
    sheet = load_workbook(io.BytesIO(b"".join(staff_client.get(url).streaming_content))).active

    def as_xlsx(value):
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day)
        return None if value == "" else value

    cells = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    width = len(expected[0])
    assert [row + [None] * (width - len(row)) for row in cells] == [
        [as_xlsx(value) for value in row] for row in expected
    ]
