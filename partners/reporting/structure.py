"""What a report form is made of: the commitments and indicators of the report's party, in the
source language, with their display texts in the active language and the previous answers.

Everything here is fetched in a fixed number of queries, however many commitments, indicators or
periods there are.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from partners.models import (
    Commitment,
    CommitmentResponse,
    Indicator,
    IndicatorType,
    IndicatorValue,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from partners.models.covenant import fallback_lang, localize, text_language


@dataclass
class IndicatorRow:
    indicator: Indicator  # source-language row: what answers refer to
    text: Indicator  # the same indicator in the active language (or the source row)
    previous: str = ""  # the previous period's answer, formatted
    previous_value: IndicatorValue | None = None  # the previous period's answer itself

    @property
    def name(self) -> str:
        return f"i{self.indicator.pk}"

    @property
    def language(self) -> str:
        """The real language of the label, help text, unit and choice labels shown."""
        return text_language(self.indicator, self.text)

    @property
    def lang(self) -> str:
        """``language`` when it is not the page's language (templates print ``lang="…"`` on the
        elements holding these texts), else empty."""
        return fallback_lang(self.indicator, self.text)

    @property
    def choices_lang(self) -> str:
        """``lang`` for the option labels: only choices have labels from the covenant (yes/no
        are the site's own words)."""
        return self.lang if self.indicator.value_type == IndicatorType.CHOICE else ""

    @property
    def value_lang(self) -> str:
        """``lang`` for a formatted answer: a choice's label or a count's unit come from the
        covenant; yes/no, dates and typed text do not."""
        value_type = self.indicator.value_type
        if value_type == IndicatorType.CHOICE or (
            value_type == IndicatorType.COUNT and self.text.unit
        ):
            return self.lang
        return ""

    @property
    def choices(self) -> list[tuple[str, str]]:
        """Codes from the source row, labels in the active language when they line up."""
        source, shown = self.indicator.choices, dict(self.text.choices)
        return [(code, shown.get(code, label)) for code, label in source]


@dataclass
class CommitmentSection:
    commitment: Commitment
    text: Commitment
    rows: list[IndicatorRow] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return f"c{self.commitment.pk}"

    @property
    def language(self) -> str:
        """The real language of the title and description shown."""
        return text_language(self.commitment, self.text)

    @property
    def lang(self) -> str:
        """``language`` when it is not the page's language, else empty (see IndicatorRow)."""
        return fallback_lang(self.commitment, self.text)


def build_sections(period: ReportingPeriod, party: str) -> list[CommitmentSection]:
    """Two queries for the structure, plus one per model for translations (none in Dutch)."""
    commitments = list(
        Commitment.objects.filter(
            covenant_id=period.covenant_id, party=party, locale_id=period.covenant.locale_id
        )
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.filter(locale_id=period.covenant.locale_id).order_by(
                    "order", "pk"
                ),
            )
        )
    )
    indicators = [i for c in commitments for i in c.indicators.all()]
    commitment_texts, indicator_texts = localize(commitments), localize(indicators)
    return [
        CommitmentSection(
            commitment=c,
            text=commitment_texts[c.pk],
            rows=[IndicatorRow(i, indicator_texts[i.pk]) for i in c.indicators.all()],
        )
        for c in commitments
    ]


def fallback_notice(sections: list[CommitmentSection], *others: str) -> str:
    """One sentence for the top of a page when any covenant text on it is shown in Dutch because
    its translation is missing, in the visitor's language; empty otherwise. ``others`` are the
    ``lang`` values of further covenant texts on the page (such as the covenant's title)."""
    langs = [*others]
    for section in sections:
        langs.append(section.lang)
        langs.extend(row.lang for row in section.rows)
    if not any(langs):
        return ""
    language = get_language() or settings.LANGUAGE_CODE
    return _("Some texts are not yet available in %(language)s and are shown in %(source)s.") % {
        "language": _language_name(language),
        "source": _language_name(settings.LANGUAGE_CODE),
    }


def _language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def format_value(row: IndicatorRow, value: IndicatorValue | None) -> str:
    if value is None or value.raw == "":
        return ""
    if not value.is_valid:
        return value.raw
    value_type = row.indicator.value_type
    if value_type == IndicatorType.COUNT:
        number = formats.number_format(value.number, use_l10n=True, force_grouping=True)
        return f"{number} {row.text.unit}".strip()
    if value_type == IndicatorType.YES_NO:
        return _("Yes") if value.boolean else _("No")
    if value_type == IndicatorType.DATE:
        return formats.date_format(value.date, "DATE_FORMAT")
    if value_type == IndicatorType.CHOICE:
        return dict(row.choices).get(value.text, value.text)
    return value.text


def answers_of(report: Report | None) -> tuple[dict, dict]:
    """({indicator_id: IndicatorValue}, {commitment_id: CommitmentResponse}) in two queries."""
    if report is None or report.pk is None:
        return {}, {}
    values = {v.indicator_id: v for v in IndicatorValue.objects.filter(report=report)}
    responses = {r.commitment_id: r for r in CommitmentResponse.objects.filter(report=report)}
    return values, responses


def previous_report(report_period: ReportingPeriod, organisation) -> Report | None:
    """The organisation's report of the period before, when it was handed in."""
    return (
        Report.objects.filter(
            organisation=organisation,
            period__covenant_id=report_period.covenant_id,
            period__ends_on__lt=report_period.starts_on,
        )
        .exclude(status=ReportStatus.DRAFT)
        .select_related("period")
        .order_by("-period__ends_on")
        .first()
    )


def attach_previous(sections: list[CommitmentSection], report: Report | None) -> None:
    values = {}
    if report is not None:
        values = {v.indicator_id: v for v in IndicatorValue.objects.filter(report=report)}
    for section in sections:
        for row in section.rows:
            row.previous_value = values.get(row.indicator.pk)
            row.previous = format_value(row, row.previous_value)


def snapshot_answers(report: Report) -> dict:
    """The report's answers as stored, in the form ``SubmissionSnapshot.answers`` keeps."""
    values, responses = answers_of(report)
    return {
        "values": {str(pk): value.raw for pk, value in values.items() if value.raw != ""},
        "responses": {
            str(pk): {
                "not_applicable": response.not_applicable,
                "explanation": response.explanation,
                "notes": response.notes,
            }
            for pk, response in responses.items()
        },
    }


def last_submitted_answers(report: Report) -> dict | None:
    """The answers of the submission before the one shown (one query): for a handed-in report
    the submission before the current one, for an editable report the last one handed in.
    None when there is none (or it was handed in before snapshots were kept)."""
    from .models import SubmissionSnapshot

    if report.pk is None or report.submitted_at is None:
        return None
    snapshots = SubmissionSnapshot.objects.filter(report=report)
    if not report.is_editable:
        snapshots = snapshots.filter(submitted_at__lt=report.submitted_at)
    snapshot = snapshots.order_by("-submitted_at").only("answers").first()
    return snapshot.answers if snapshot else None


@dataclass
class Change:
    """How a count moved against the previous period."""

    absolute: int
    percent: float | None  # None when the previous period had 0
    sharp: bool  # beyond the threshold (any move away from 0 counts as sharp)


def change_between(
    row: IndicatorRow, current: IndicatorValue | None, threshold_percent: float
) -> Change | None:
    """The change of a count from the previous period's answer (``row.previous_value``) to
    ``current``; None when either is missing or invalid or the indicator is not a count."""
    previous = row.previous_value
    if row.indicator.value_type != IndicatorType.COUNT:
        return None
    if current is None or previous is None or not (current.is_valid and previous.is_valid):
        return None
    if current.number is None or previous.number is None:
        return None
    absolute = current.number - previous.number
    if previous.number == 0:
        return Change(absolute, None, absolute != 0)
    percent = absolute * 100 / previous.number
    return Change(absolute, percent, abs(percent) > threshold_percent)
