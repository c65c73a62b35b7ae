"""Exports of one reporting period: one row per organisation, one column per indicator.

Every organisation expected to report has a row with its status, the deadline that counts and
whether it is overdue (``partners.reporting``); figures come only from reports handed in
(submitted or approved), or with ``approved_only`` from approved ones, and the header says so.

Rows are produced by a generator that reads the organisations in chunks (four set-based queries
per chunk: the answers are pivoted in SQL, one row per report; rows are plain lists, no model is
instantiated), so memory does not grow with the number of organisations:

* CSV is streamed to the client as the rows are produced (``StreamingHttpResponse``).
* XLSX cannot be streamed: an .xlsx file is a ZIP archive whose parts (and the central directory
  at the end) are only complete once the last row is written, and openpyxl needs a seekable file
  to assemble it. A ``write_only`` workbook writes each row to a temporary file on disk straight
  away instead of keeping cells in memory, the archive is built in another temporary file, and
  ``FileResponse`` sends that file in blocks. Memory stays flat; the cost is disk space for the
  duration of the request.
"""

import io
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import NullIf
from django.utils import timezone
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
from partners.reporting.deadlines import DEADLINE, deadline_expression, is_overdue
from partners.reporting.expected import expected_organisations
from partners.reporting.states import HANDED_IN

from .stats import covenant_indicators

CHUNK_SIZE = 2000


def in_export(period: ReportingPeriod) -> Q:
    """Organisations in the export: those expected to report, and any other with a report."""
    has_report = Report.objects.filter(organisation=OuterRef("pk"), period=period)
    return expected_organisations(period.ends_on) | Q(Exists(has_report))


def _after(key, prefix: str = "") -> Q:
    """Organisations after ``key`` (name, id) in export order (by name, then id)."""
    name, pk = key
    return Q(**{f"{prefix}name__gt": name}) | Q(**{f"{prefix}name": name, f"{prefix}pk__gt": pk})


def _up_to(key, prefix: str = "") -> Q:
    """Organisations up to and including ``key`` (name, id) in export order."""
    name, pk = key
    return Q(**{f"{prefix}name__lt": name}) | Q(**{f"{prefix}name": name, f"{prefix}pk__lte": pk})


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
        self.count = Organisation.objects.filter(in_export(period)).count()

    @property
    def filename_stem(self) -> str:
        return f"goedwerk-{slugify(self.period.covenant.code)}-{slugify(self.period.name)}"

    def __len__(self) -> int:
        return self.count

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
        """One list of cells per organisation, read in chunks of ``chunk_size`` organisations
        (in export order, each chunk after the last organisation of the one before: no list of
        ids in the SQL), four queries per chunk (see ``_chunk``). The queries are built once and
        only filtered per chunk: building 30 aggregates costs Django more than running them."""
        organisations, answers = self._queries()
        last = None
        while True:
            chunk = organisations if last is None else organisations.filter(_after(last))
            rows = list(chunk[: self.chunk_size])
            if not rows:
                return
            yield from self._chunk(rows, answers, first=last, last=(rows[-1][0], rows[-1][1]))
            if len(rows) < self.chunk_size:
                return
            last = (rows[-1][0], rows[-1][1])

    def _queries(self):
        """(organisations, answers): the two querysets that each chunk filters.

        * The organisations with their report's columns and the deadline that counts
          (``partners.reporting.deadlines``), in export order.
        * The answers, one row per report (GROUP BY) with an aggregate per indicator column, in
          column order: the value of a valid answer as the export shows it (count, date, text or
          choice; yes/no as the words), else None. On PostgreSQL ``MAX(...) FILTER (WHERE
          indicator_id = ...)``; elsewhere Django writes it as a CASE. Invalid answers are read
          apart (they are rare)."""
        organisations = (
            Organisation.objects.filter(in_export(self.period))
            .annotate(report=FilteredRelation("reports", condition=Q(reports__period=self.period)))
            .annotate(
                report_pk=F("report__id"),
                period_deadline=Value(self.period.deadline, output_field=DateField()),
            )
            .annotate(**{DEADLINE: deadline_expression("report_pk", "period_deadline")})
            .order_by("name", "pk")
            .values_list(
                "name",
                "pk",
                "kvk_number",
                "kind",
                "report_pk",
                "report__status",
                "report__submitted_at",
                "report__approved_at",
                DEADLINE,
            )
        )
        yes, no = _("yes"), _("no")
        aggregates = {}
        for position, (kind, indicator) in enumerate(self.columns):
            if kind != "indicator":
                continue
            answered = Q(indicator_id=indicator.pk, is_valid=True)
            if indicator.value_type == IndicatorType.YES_NO:
                value = Case(
                    When(boolean=True, then=Value(yes)),
                    When(boolean=False, then=Value(no)),
                    output_field=CharField(),
                )
            elif indicator.value_type == IndicatorType.COUNT:
                value = F("number")
            elif indicator.value_type == IndicatorType.DATE:
                value = F("date")
            else:
                value = NullIf("text", Value(""))
            aggregates[f"c{position}"] = Max(value, filter=answered)
        answers = (
            IndicatorValue.objects.filter(
                report__period=self.period, report__status__in=self.with_figures
            )
            .order_by()
            .values("report_id")
            .annotate(**aggregates)
            .values_list("report_id", *aggregates)
        )
        return organisations, answers

    def _chunk(self, organisations: list, answers, first, last) -> Iterator[list]:
        """The rows of ``organisations`` (after ``first``, up to ``last``), with three more
        queries over the reports of those organisations whose figures are included: their
        answers, one row per report; their invalid answers; the commitments they marked not
        applicable. The rows are plain lists; no model is instantiated."""
        with_figures = self.with_figures
        figures, invalid, not_applicable = {}, defaultdict(list), defaultdict(set)
        if any(row[5] in with_figures for row in organisations):
            figures, invalid, not_applicable = self._answers(answers, first, last)

        yes, no, not_started = _("yes"), _("no"), _("Not started")
        kinds = {value: str(label) for value, label in Organisation.Kind.choices}
        statuses = {value: str(label) for value, label in ReportStatus.choices}
        # (position, commitment id) of the "not applicable" columns, which the GROUP BY leaves
        # out, in increasing order: inserting each shifts the ones after it.
        flags = [(n, obj.pk) for n, (kind, obj) in enumerate(self.columns) if kind != "indicator"]
        no_figures = [None] * len(self.columns)
        for n, _commitment in flags:
            no_figures[n] = ""
        unanswered = [None] * (len(self.columns) - len(flags))
        tz = timezone.get_current_timezone()
        today = timezone.localdate()
        for name, _pk, kvk, kind, report_id, status, submitted, approved, deadline in organisations:
            included = status in with_figures
            line = [
                name,
                kvk,
                kinds.get(kind, kind),
                statuses[status] if status else not_started,
                deadline,
                yes if is_overdue(status, deadline, today) else "",
                _local(submitted, tz),
                _local(approved, tz) if status == ReportStatus.APPROVED else None,
                yes if included else no,
            ]
            if not included:
                line.extend(no_figures)
                yield line
                continue
            cells = figures.get(report_id) or unanswered.copy()
            marked = not_applicable.get(report_id, ())
            for n, commitment_id in flags:
                cells.insert(n, yes if commitment_id in marked else "")
            for n, raw in invalid.get(report_id, ()):
                cells[n] = raw
            line.extend(cells)
            yield line

    def _answers(self, answers, first, last):
        """({report id: cells}, {report id: [(position, raw)]}, {report id: {commitment id}})
        for the reports with figures of the organisations after ``first`` up to ``last``."""
        prefix = "report__organisation__"
        of_chunk = (
            _up_to(last, prefix) if first is None else _after(first, prefix) & _up_to(last, prefix)
        )
        figures = {report_id: cells for report_id, *cells in answers.filter(of_chunk)}
        reports = Q(report__period=self.period, report__status__in=self.with_figures) & of_chunk
        position = {obj.pk: n for n, (kind, obj) in enumerate(self.columns) if kind == "indicator"}
        invalid = defaultdict(list)
        for report_id, indicator_id, raw in IndicatorValue.objects.filter(
            reports, is_valid=False
        ).values_list("report_id", "indicator_id", "raw"):
            if indicator_id in position:
                invalid[report_id].append((position[indicator_id], raw))
        not_applicable = defaultdict(set)
        for report_id, commitment_id in CommitmentResponse.objects.filter(
            reports, not_applicable=True
        ).values_list("report_id", "commitment_id"):
            not_applicable[report_id].add(commitment_id)
        return figures, invalid, not_applicable


def _local(moment, tz):
    """An aware moment as naive local time to the second, as spreadsheets show it."""
    if moment is None:
        return None
    return moment.astimezone(tz).replace(tzinfo=None, microsecond=0)


# --- Writers ---------------------------------------------------------------------------------


#: Rows per piece of a streamed CSV: a piece per row costs the response more than the row.
CSV_ROWS_PER_PIECE = 250


def csv_lines(export: PeriodExport, dialect: str = DEFAULT_DIALECT) -> Iterator[str]:
    """The export as CSV text, in pieces of ``CSV_ROWS_PER_PIECE`` rows. Text goes through
    ``safe_text``; csv.writer writes None as an empty cell and numbers, dates and (naive,
    whole-second) times with ``str``, which is their ISO form ("2025-08-15", "2025-08-15
    14:05:00")."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, dialect)
    yield BYTE_ORDER_MARK
    writer.writerow([safe_text(cell) for cell in export.header()])
    for number, row in enumerate(export.rows(), start=1):
        writer.writerow([safe_text(cell) if cell.__class__ is str else cell for cell in row])
        if number % CSV_ROWS_PER_PIECE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


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
