"""Exports of one reporting period: one row per organisation, one column per indicator.

Every organisation expected to report has a row with its status, the deadline that counts and
whether it is overdue (``partners.reporting``); figures come only from reports handed in
(submitted or approved), or with ``approved_only`` from approved ones, and the header says so.

Rows are produced by a generator that reads the organisations in chunks (five queries per chunk),
so memory does not grow with the number of organisations:

* CSV is streamed to the client as the rows are produced (``StreamingHttpResponse``).
* XLSX cannot be streamed: an .xlsx file is a ZIP archive whose parts (and the central directory
  at the end) are only complete once the last row is written, and openpyxl needs a seekable file
  to assemble it. A ``write_only`` workbook writes each row to a temporary file on disk straight
  away instead of keeping cells in memory, the archive is built in another temporary file, and
  ``FileResponse`` sends that file in blocks. Memory stays flat; the cost is disk space for the
  duration of the request.
"""

import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from django.db.models import Exists, FilteredRelation, OuterRef, Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from goedwerk.forms import strip_control_characters
from goedwerk.spreadsheets import BYTE_ORDER_MARK, DEFAULT_DIALECT, csv_writer, safe_text
from partners.models import (
    CommitmentResponse,
    IndicatorType,
    IndicatorValue,
    Organisation,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from partners.models.covenant import localize
from partners.reporting.deadlines import DEADLINE, is_overdue
from partners.reporting.expected import expected_organisations
from partners.reporting.states import HANDED_IN

from .stats import covenant_indicators

CHUNK_SIZE = 500


def organisation_ids(period: ReportingPeriod) -> list[int]:
    """Organisations in the export: those expected to report, and any other with a report."""
    has_report = Report.objects.filter(organisation=OuterRef("pk"), period=period)
    return list(
        Organisation.objects.filter(expected_organisations(period.ends_on) | Q(Exists(has_report)))
        .order_by("name", "pk")
        .values_list("pk", flat=True)
    )


class PeriodExport:
    """The table of one period. ``header()`` and ``rows()`` give Python values (numbers, dates,
    text); the writers below turn them into CSV or XLSX."""

    def __init__(
        self, period: ReportingPeriod, chunk_size: int = CHUNK_SIZE, *, approved_only=False
    ):
        self.period = period
        self.chunk_size = chunk_size
        self.approved_only = approved_only
        # Figures only from reports handed in (or approved only): a draft's figures are nobody's
        # statement yet. Every row still shows its status and deadline.
        self.with_figures = {ReportStatus.APPROVED} if approved_only else set(HANDED_IN)
        self.indicators = covenant_indicators(period.covenant)
        self.labels = localize(self.indicators)
        commitments = []
        for indicator in self.indicators:
            if indicator.commitment not in commitments:
                commitments.append(indicator.commitment)
        self.titles = localize(commitments)
        # (kind, object): a "not applicable" column before the indicators of commitments that
        # allow it, then one column per indicator.
        self.columns: list[tuple[str, object]] = []
        for commitment in commitments:
            if commitment.allows_not_applicable:
                self.columns.append(("not_applicable", commitment))
            self.columns.extend(
                ("indicator", indicator)
                for indicator in self.indicators
                if indicator.commitment_id == commitment.pk
            )
        self.ids = organisation_ids(period)

    @property
    def filename_stem(self) -> str:
        return f"goedwerk-{slugify(self.period.covenant.code)}-{slugify(self.period.name)}"

    def __len__(self) -> int:
        return len(self.ids)

    def header(self) -> list[str]:
        fixed = [
            _("Organisation"),
            _("KvK number"),
            _("Kind"),
            _("Status"),
            _("Deadline"),
            _("Overdue"),
            _("Submitted at"),
            _("Approved at"),
            _("Figures included (approved reports only)")
            if self.approved_only
            else _("Figures included (submitted and approved reports only)"),
        ]
        columns = []
        for kind, obj in self.columns:
            if kind == "not_applicable":
                columns.append(f"{obj.code}: {_('not applicable')}")
            else:
                columns.append(f"{obj.code}: {self.labels[obj.pk].label}")
        return fixed + columns

    def rows(self) -> Iterator[list]:
        for start in range(0, len(self.ids), self.chunk_size):
            yield from self._chunk(self.ids[start : start + self.chunk_size])

    def _chunk(self, ids: list[int]) -> Iterator[list]:
        organisations = list(
            Organisation.objects.filter(pk__in=ids)
            .annotate(report=FilteredRelation("reports", condition=Q(reports__period=self.period)))
            .order_by("name", "pk")
            .values(
                "pk",
                "name",
                "kvk_number",
                "kind",
                "report__id",
                "report__status",
                "report__submitted_at",
                "report__approved_at",
            )
        )
        report_ids = [row["report__id"] for row in organisations if row["report__id"]]
        figure_ids = [
            row["report__id"] for row in organisations if row["report__status"] in self.with_figures
        ]
        deadlines = dict(
            Report.objects.filter(pk__in=report_ids).with_deadline().values_list("pk", DEADLINE)
        )
        values = defaultdict(dict)
        for report_id, indicator_id, *answer in IndicatorValue.objects.filter(
            report_id__in=figure_ids
        ).values_list(
            "report_id", "indicator_id", "raw", "is_valid", "number", "boolean", "text", "date"
        ):
            values[report_id][indicator_id] = Answer(*answer)
        not_applicable = defaultdict(set)
        for report_id, commitment_id in CommitmentResponse.objects.filter(
            report_id__in=figure_ids, not_applicable=True
        ).values_list("report_id", "commitment_id"):
            not_applicable[report_id].add(commitment_id)
        kinds = dict(Organisation.Kind.choices)
        statuses = dict(ReportStatus.choices)
        today = timezone.localdate()
        for row in organisations:
            report_id = row["report__id"]
            status = row["report__status"]
            approved = row["report__approved_at"] if status == ReportStatus.APPROVED else None
            deadline = deadlines.get(report_id, self.period.deadline)
            line = [
                row["name"],
                row["kvk_number"],
                str(kinds.get(row["kind"], row["kind"])),
                str(statuses[status]) if status else _("Not started"),
                deadline,
                _("yes") if is_overdue(status, deadline, today) else "",
                _local(row["report__submitted_at"]),
                _local(approved),
                _("yes") if status in self.with_figures else _("no"),
            ]
            answers = values.get(report_id, {})
            for kind, obj in self.columns:
                if kind == "not_applicable":
                    line.append(_("yes") if obj.pk in not_applicable[report_id] else "")
                else:
                    line.append(_answer(answers.get(obj.pk), obj.value_type))
            yield line


def _local(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


class Answer(NamedTuple):
    raw: str
    is_valid: bool
    number: int | None
    boolean: bool | None
    text: str
    date: date | None


def _answer(value: Answer | None, value_type: str):
    if value is None:
        return None
    if not value.is_valid:
        return value.raw
    if value_type == IndicatorType.COUNT:
        return value.number
    if value_type == IndicatorType.YES_NO:
        return None if value.boolean is None else (_("yes") if value.boolean else _("no"))
    if value_type == IndicatorType.DATE:
        return value.date
    return value.text or None


# --- Writers ---------------------------------------------------------------------------------


class _Echo:
    """A write-only file-like object: csv.writer hands back each line instead of buffering."""

    def write(self, value):
        return value


def in_language(iterator: Iterator, language: str) -> Iterator:
    """Produce each item of ``iterator`` with ``language`` active. A streamed response is
    consumed after the view has returned, when the request's language is no longer active."""
    iterator = iter(iterator)
    while True:
        with translation.override(language):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item


def csv_lines(export: PeriodExport, dialect: str = DEFAULT_DIALECT) -> Iterator[str]:
    writer = csv_writer(_Echo(), dialect)
    yield BYTE_ORDER_MARK
    yield writer.writerow([safe_text(cell) for cell in export.header()])
    for row in export.rows():
        yield writer.writerow([_csv_cell(cell) for cell in row])


def _csv_cell(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return safe_text(value)


def xlsx_file(export: PeriodExport):
    """Write the export to an anonymous temporary file (deleted when closed) and return it,
    positioned at the start."""
    # openpyxl is imported when a workbook is made, not when the URLs are loaded (start-up).
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(export.period.name))
    bold = Font(bold=True)
    sheet.append([_xlsx_cell(sheet, text, font=bold) for text in export.header()])
    for row in export.rows():
        sheet.append([_xlsx_value(sheet, value) for value in row])
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    try:
        workbook.save(handle)
    except Exception:
        handle.close()
        raise
    handle.seek(0)
    return handle


def _xlsx_cell(sheet, value, font=None):
    """Text as a typed string cell (openpyxl would make a formula of text starting with "="),
    exactly as typed, without control characters (which XML cannot hold)."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = strip_control_characters(value)
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    return cell


def _xlsx_value(sheet, value):
    """A data cell as ``_xlsx_cell`` makes it, but only text that openpyxl would take for a
    formula or an error value ("#N/A") gets a cell object of its own: the sheet writes plain
    values through one reused cell, which keeps a 10,000-row export fast."""
    from openpyxl.cell.cell import ERROR_CODES

    if isinstance(value, str):
        value = strip_control_characters(value)
        if value.startswith("=") or value in ERROR_CODES:
            return _xlsx_cell(sheet, value)
    return value


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", strip_control_characters(name))[:31] or "export"
