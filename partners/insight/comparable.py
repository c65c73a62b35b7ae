"""Like-with-like trends: the same organisations in every period.

A coalition total rises when more organisations report, and seems to collapse in a period in which
only a few reports have been approved yet. The trend *charts* therefore compare only the
organisations that have an approved report in every period shown (the periods with at least one
approved report); the tables keep the totals of all approved reports with their "N of M".

Two queries, whatever the number of organisations or reports: the sums per period and indicator
over the same organisations (GROUP BY, with the set of organisations as a GROUP BY ... HAVING
subquery), and the number of those organisations.
"""

import copy
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partners.models import IndicatorValue, Report, ReportingPeriod, ReportStatus

from .stats import MIN_ORGANISATIONS, CommitmentTrend, Figure, Trends


def same_organisations(periods: list[ReportingPeriod]):
    """A subquery of the ids of organisations with an approved report in each of ``periods``."""
    return (
        Report.objects.filter(period__in=periods, status=ReportStatus.APPROVED)
        .order_by()
        .values("organisation_id")
        .annotate(periods=Count("period_id", distinct=True))
        .filter(periods=len(periods))
        .values("organisation_id")
    )


@dataclass
class Comparison:
    """The trend of the same organisations: ``commitments`` mirror ``Trends.commitments`` with
    the figures of those organisations only, over ``periods``."""

    trends: Trends
    periods: list[ReportingPeriod]
    organisations: int  # how many organisations are compared
    commitments: list[CommitmentTrend]
    public: bool = False

    @property
    def labels(self) -> list[str]:
        """The period names for the axis, provisional ones marked."""
        by_period = dict(zip(self.trends.periods, self.trends.period_labels, strict=True))
        return [by_period[period] for period in self.periods]

    def commitment(self, commitment: CommitmentTrend) -> CommitmentTrend | None:
        for trend in self.commitments:
            if trend.commitment.pk == commitment.commitment.pk:
                return trend
        return None

    @property
    def statement(self) -> str:
        """The chart caption's like-with-like statement."""
        if not self.organisations:
            return _(
                "No organisation has an approved report in every period shown, so no "
                "like-with-like comparison can be drawn."
            )
        if self.public:
            return ngettext(
                "The chart compares the same %(count)s employer in every period, so the numbers "
                "do not rise or fall only because more or fewer employers reported.",
                "The chart compares the same %(count)s employers in every period, so the numbers "
                "do not rise or fall only because more or fewer employers reported.",
                self.organisations,
            ) % {"count": self.organisations}
        return ngettext(
            "Same %(count)s organisation in every period: only organisations with an approved "
            "report in each period shown.",
            "Same %(count)s organisations in every period: only organisations with an approved "
            "report in each period shown.",
            self.organisations,
        ) % {"count": self.organisations}

    @property
    def caption(self) -> list[str]:
        return [self.statement, basis(self.trends, self.periods)]


def basis(trends: Trends, periods: list[ReportingPeriod] | None = None) -> str:
    """How many of the expected reports the figures rest on, per period ("2025 H1: 5 of 6"),
    provisional periods marked."""
    rows = {period: (a, e) for period, a, e, _p in trends.period_rows}
    labels = dict(zip(trends.periods, trends.period_labels, strict=True))
    return _("Approved reports: %(periods)s.") % {
        "periods": "; ".join(
            _("%(period)s: %(approved)s of %(expected)s")
            % {"period": labels[period], "approved": rows[period][0], "expected": rows[period][1]}
            for period in (trends.periods if periods is None else periods)
        )
    }


def publishable_beside(same: Figure, full: Figure) -> bool:
    """Whether the like-with-like figure may be published next to the total of all reports
    (``full``, as published): it must be publishable itself, and so must the difference between
    the two, the organisations left out, or one of them could be read off the pair."""
    if not same.publishable:
        return False
    if full.suppressed or full.total is None:
        return True
    left_out = full.contributors - same.contributors
    hidden = full.hidden - same.hidden
    return left_out == 0 or hidden == 0 or hidden >= MIN_ORGANISATIONS


def _figures(covenant, periods, organisations) -> dict[tuple[int, int], Figure]:
    rows = (
        IndicatorValue.objects.filter(
            report__period__in=periods,
            report__period__covenant=covenant,
            report__status=ReportStatus.APPROVED,
            report__organisation_id__in=organisations,
            is_valid=True,
            number__isnull=False,
        )
        .order_by()
        .values("report__period_id", "indicator_id")
        .annotate(
            total=Sum("number"),
            contributors=Count("pk"),
            hidden=Count("pk", filter=Q(report__organisation__public_profile_consent=False)),
        )
    )
    return {
        (row["report__period_id"], row["indicator_id"]): Figure(
            total=row["total"], contributors=row["contributors"], hidden=row["hidden"]
        )
        for row in rows
    }


def same_organisation_trends(trends: Trends, *, public: bool = False) -> Comparison:
    """The counts of ``trends`` (from ``stats.commitment_trends`` or ``stats.public_progress``)
    again, over the organisations with an approved report in every period that has any, with
    the shares of parts in their wholes. With ``public=True`` every figure that is not
    publishable is emptied (see ``stats.Figure.publishable``)."""
    periods = [
        period for period, approved in zip(trends.periods, trends.approved, strict=True) if approved
    ]
    if not periods:
        return Comparison(trends, [], 0, [], public)
    organisations = same_organisations(periods)
    count = organisations.count()
    figures = _figures(trends.covenant, periods, organisations) if count else {}

    commitments = []
    by_indicator = {}
    for commitment in trends.commitments:
        copied = copy.copy(commitment)
        copied.indicators = []
        for trend in commitment.indicators:
            if not trend.is_count:
                continue
            row = []
            for period in periods:
                figure = figures.get((period.pk, trend.indicator.pk), Figure())
                full = trend.figures[trends.periods.index(period)]
                if public and not publishable_beside(figure, full):
                    figure = Figure(suppressed=bool(figure.contributors))
                row.append(figure)
            new = copy.copy(trend)
            new.figures, new.whole = row, None
            copied.indicators.append(new)
            by_indicator[trend.indicator.pk] = new
        commitments.append(copied)
    for trend in by_indicator.values():
        whole = by_indicator.get(trend.indicator.part_of_id)
        if whole is None:
            continue
        trend.whole = whole
        for part, of in zip(trend.figures, whole.figures, strict=True):
            if part.total is not None and of.total:
                part.share = round(100 * part.total / of.total, 1)
    return Comparison(trends, periods, count, commitments, public)
