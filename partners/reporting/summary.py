"""The summary of a handed-in report: what the printable page and the PDF download show.

Built once here, in the active language (covenant texts through ``localize``), so the HTML page
and the PDF (``summary_pdf``) cannot disagree. A summary exists once a report has been submitted
at least once (``submitted_at`` is set): a draft that was never handed in has none.

It always shows the answers saved now, with the status and the time of the last submission. While
the report is back with the partner (changes requested, reopened) those answers may already differ
from what was submitted; ``changed_since_submission`` says the summary must state that.

A fixed number of queries, however many commitments, indicators, answers or files there are.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from partners.models import Evidence, Report, ReportStatus
from partners.models.covenant import localize
from partners.models.reports import party_for

from .structure import answers_of, build_sections, format_value


@dataclass
class SummaryAnswer:
    label: str
    value: str  # formatted for reading; "" when not answered


@dataclass
class SummaryEvidence:
    name: str
    kind: str
    commitment: str  # the commitment's title, "" for evidence of the report as a whole
    valid_until: object = None


@dataclass
class SummaryCommitment:
    number: int
    anchor: str
    title: str
    not_applicable: bool = False
    explanation: str = ""
    notes: str = ""
    answers: list[SummaryAnswer] = field(default_factory=list)


@dataclass
class ReportSummary:
    report: Report
    organisation: object
    period: object
    covenant_title: str
    status: str  # the status code (ReportStatus)
    status_label: str
    submitted_at: datetime | None
    submitted_by: str
    updated_at: datetime | None
    commitments: list[SummaryCommitment]
    evidence: list[SummaryEvidence]

    @property
    def changed_since_submission(self) -> bool:
        """Back with the partner: the saved answers may differ from the submitted ones."""
        return self.report.is_editable

    @property
    def filename(self) -> str:
        """``<organisation>-<period>.pdf``, safe for a Content-Disposition header."""
        period = slugify(self.period.name) or str(self.period.pk)
        return f"{self.organisation.slug}-{period}.pdf"

    @property
    def status_note(self) -> str:
        """One sentence on where the report stands, for both the page and the PDF."""
        when = _format_datetime(self.submitted_at)
        if self.status == ReportStatus.APPROVED:
            return _("Submitted on %(date)s and approved by the municipality.") % {"date": when}
        if self.changed_since_submission:
            return _(
                "Last submitted on %(date)s. The report is back with your organisation "
                "(%(status)s): these are the answers saved now, which may differ from what "
                "was submitted."
            ) % {"date": when, "status": self.status_label.lower()}
        return _("Submitted on %(date)s; the municipality is reviewing it.") % {"date": when}


def _format_datetime(value) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def format_datetime(value) -> str:
    """A timestamp of the summary in the active language and the site's time zone."""
    return _format_datetime(value)


def handed_in_report(organisation, period_id) -> Report | None:
    """``organisation``'s report for the period, if it has been submitted at least once."""
    return (
        Report.objects.filter(
            organisation=organisation, period_id=period_id, submitted_at__isnull=False
        )
        .select_related("organisation", "period__covenant", "submitted_by")
        .first()
    )


def build_summary(report: Report) -> ReportSummary:
    """The summary of ``report`` (fetched with ``handed_in_report``) in the active language."""
    period, organisation = report.period, report.organisation
    sections = build_sections(period, party_for(organisation))
    values, responses = answers_of(report)
    commitments = []
    for number, section in enumerate(sections, start=1):
        response = responses.get(section.commitment.pk)
        not_applicable = bool(response and response.not_applicable)
        commitments.append(
            SummaryCommitment(
                number=number,
                anchor=section.prefix,
                title=section.text.title,
                not_applicable=not_applicable,
                explanation=response.explanation if not_applicable else "",
                notes=response.notes if response else "",
                answers=[]
                if not_applicable
                else [
                    SummaryAnswer(
                        label=row.text.label,
                        value=format_value(row, values.get(row.indicator.pk)),
                    )
                    for row in section.rows
                ],
            )
        )
    titles = {section.commitment.pk: section.text.title for section in sections}
    evidence = [
        SummaryEvidence(
            name=item.original_name,
            kind=item.get_kind_display(),
            commitment=titles.get(item.commitment_id, ""),
            valid_until=item.valid_until,
        )
        for item in Evidence.objects.current().filter(report=report).order_by("uploaded_at", "pk")
    ]
    submitter = report.submitted_by
    return ReportSummary(
        report=report,
        organisation=organisation,
        period=period,
        covenant_title=localize([period.covenant])[period.covenant.pk].title,
        status=report.status,
        status_label=report.get_status_display(),
        submitted_at=report.submitted_at,
        submitted_by=(submitter.get_full_name() or submitter.email) if submitter else "",
        updated_at=report.updated_at,
        commitments=commitments,
        evidence=evidence,
    )
