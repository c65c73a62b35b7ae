"""Coalition-wide figures, computed in the database with GROUP BY.

Every function here runs a fixed number of queries, whatever the number of organisations or
reports: the counting and summing happens in SQL, Python only arranges the (small) result per
period and indicator.

Two audiences:

* staff (``status_overview``, ``commitment_trends``): every status, every approved figure;
* the public (``public_progress``, ``consented_figures``): approved reports only, and an aggregate
  is published only when no organisation's own figure can be read off it (see ``Figure``).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import (
    Commitment,
    Covenant,
    Indicator,
    IndicatorType,
    IndicatorValue,
    Organisation,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from partners.models.covenant import localize
from partners.reporting.deadlines import is_overdue
from partners.reporting.expected import expected_organisations

from . import wording

#: An aggregate is public only when at least this many organisations without a public profile
#: contribute to it (or none: then it only adds up figures that are public anyway).
MIN_ORGANISATIONS = 3

NOT_STARTED = "not_started"
OVERDUE = "overdue"


def _count(queryset) -> Subquery:
    """A correlated ``SELECT COUNT(*)`` over ``queryset`` as an annotation."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


# --- Staff: reports per status ---------------------------------------------------------------


@dataclass
class PeriodStatus:
    period: ReportingPeriod
    expected: int
    counts: dict[str, int]
    overdue: int
    is_past_deadline: bool

    def __getitem__(self, key: str) -> int:
        """The count for a status, ``not_started`` or ``overdue`` (also as ``row.approved`` in
        templates)."""
        if key == OVERDUE:
            return self.overdue
        if key == NOT_STARTED or key in ReportStatus.values:
            return self.counts.get(key, 0)
        raise KeyError(key)


def status_overview(covenant: Covenant, today: date | None = None) -> list[PeriodStatus]:
    """Per period (oldest first): organisations expected, reports per status, organisations that
    have not started and those that are overdue (``partners.reporting.deadlines``: the deadline
    that counts for each report has passed and it is not handed in). Three queries."""
    today = today or timezone.localdate()
    expected = Organisation.objects.filter(expected_organisations(OuterRef("ends_on")))
    started = Report.objects.filter(organisation=OuterRef("pk"), period=OuterRef(OuterRef("pk")))
    periods = list(
        ReportingPeriod.objects.filter(covenant=covenant)
        .annotate(
            expected_count=_count(expected),
            not_started_count=_count(expected.filter(~Exists(started))),
        )
        .order_by("starts_on", "pk")
    )
    counts: dict[int, dict[str, int]] = {period.pk: {} for period in periods}
    for row in (
        Report.objects.filter(period__covenant=covenant)
        .order_by()
        .values("period_id", "status")
        .annotate(n=Count("pk"))
    ):
        counts[row["period_id"]][row["status"]] = row["n"]
    overdue_reports = dict(
        Report.objects.filter(period__covenant=covenant)
        .overdue(today)
        .order_by()
        .values("period_id")
        .annotate(n=Count("pk"))
        .values_list("period_id", "n")
    )

    overview = []
    for period in periods:
        period_counts = {NOT_STARTED: period.not_started_count, **counts[period.pk]}
        past = period.is_past_deadline(today)
        not_started_late = (
            period.not_started_count if is_overdue(None, period.deadline, today) else 0
        )
        overdue = not_started_late + overdue_reports.get(period.pk, 0)
        overview.append(
            PeriodStatus(
                period=period,
                expected=period.expected_count,
                counts=period_counts,
                overdue=overdue,
                is_past_deadline=past,
            )
        )
    return overview


# --- Figures per indicator and period --------------------------------------------------------


@dataclass
class Figure:
    """One indicator in one period, over the approved reports that answered it."""

    total: int | None = None  # counts: the sum
    contributors: int = 0  # organisations that answered
    hidden: int = 0  # of whom without a public profile
    yes: int = 0  # yes/no: how many answered yes
    no: int = 0
    choices: list[tuple[str, int]] = field(default_factory=list)  # choice: (label, how many)
    share: float | None = None  # parts: percentage of the whole, same period
    suppressed: bool = False  # public: there is a figure, but it may not be shown

    @property
    def publishable(self) -> bool:
        """No organisation's own figure can be read off this aggregate: either every contributor
        has a public profile, or at least MIN_ORGANISATIONS contributors have none. (Requiring
        MIN_ORGANISATIONS of *all* contributors is not enough: subtracting the public profiles'
        figures would reveal the rest.)"""
        if not self.contributors:
            return False
        return self.hidden == 0 or self.hidden >= MIN_ORGANISATIONS


@dataclass
class IndicatorTrend:
    indicator: Indicator  # the source row (codes, types, part_of)
    label: str  # in the active language
    unit: str
    figures: list[Figure]  # one per period, in the order of the periods
    whole: "IndicatorTrend | None" = None
    explanation: str = ""  # public pages: one sentence for the reader (see ``wording``)

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def value_type(self) -> str:
        return self.indicator.value_type

    @property
    def is_count(self) -> bool:
        return self.indicator.value_type == IndicatorType.COUNT


@dataclass
class CommitmentTrend:
    commitment: Commitment
    title: str
    description: str
    indicators: list[IndicatorTrend]

    @property
    def shares(self) -> list[IndicatorTrend]:
        return [trend for trend in self.indicators if trend.whole is not None]

    @property
    def counts(self) -> list[IndicatorTrend]:
        return [trend for trend in self.indicators if trend.is_count]


def is_provisional(approved: int, expected: int) -> bool:
    """A period's figures are provisional while not every expected organisation's report has
    been approved: a period with 1 of 6 reports approved is not comparable with a complete one."""
    return approved < expected


@dataclass
class Trends:
    covenant: Covenant
    periods: list[ReportingPeriod]
    approved: list[int]  # approved reports per period
    commitments: list[CommitmentTrend]
    expected: list[int] = field(default_factory=list)  # organisations expected to report

    @property
    def provisional(self) -> list[bool]:
        return [is_provisional(a, e) for a, e in zip(self.approved, self.expected, strict=True)]

    @property
    def period_rows(self) -> list[tuple[ReportingPeriod, int, int, bool]]:
        """(period, approved reports, expected reports, provisional) per period."""
        return list(zip(self.periods, self.approved, self.expected, self.provisional, strict=True))

    @property
    def period_labels(self) -> list[str]:
        """Period names for chart axes, provisional ones marked in words."""
        return [
            _("%(period)s (provisional)") % {"period": period.name} if provisional else period.name
            for period, provisional in zip(self.periods, self.provisional, strict=True)
        ]


def covenant_indicators(covenant: Covenant) -> list[Indicator]:
    """The covenant's indicators in the source language, in reporting order (one query)."""
    return list(
        Indicator.objects.filter(commitment__covenant=covenant)
        .select_related("commitment")
        .order_by("commitment__party", "commitment__order", "commitment__pk", "order", "pk")
    )


def _approved_values(covenant: Covenant, periods):
    return IndicatorValue.objects.filter(
        report__period__in=periods,
        report__period__covenant=covenant,
        report__status=ReportStatus.APPROVED,
        is_valid=True,
    ).order_by()


# The figures of approved reports change only when a report is approved or leaves "approved"
# (reopened) or an organisation gives or withdraws its consent to a public profile. Summing every
# approved answer costs about a second at 10,000 organisations and 8 periods, so the sums are kept
# in the cache under a fingerprint of exactly that state, which one indexed query reads; any
# change gives a new key. FIGURES_CACHE_SECONDS bounds what the fingerprint cannot see (an
# indicator's type changed under approved reports).
FIGURES_CACHE_SECONDS = 3600


def _figures_key(covenant: Covenant, periods: list[ReportingPeriod]) -> str:
    state = Report.objects.filter(
        period__in=[period.pk for period in periods], status=ReportStatus.APPROVED
    ).aggregate(
        reports=Count("pk"),
        last_approved=Max("approved_at"),
        organisations=Sum("organisation_id"),
        without_profile=Sum(
            "organisation_id", filter=Q(organisation__public_profile_consent=False)
        ),
    )
    state = (covenant.pk, [period.pk for period in periods], sorted(state.items()))
    return "goedwerk:insight:figures:" + hashlib.sha256(repr(state).encode()).hexdigest()


def _figures(covenant: Covenant, periods: list[ReportingPeriod]) -> dict[tuple[int, int], Figure]:
    """{(period id, indicator id): Figure} over approved reports: from the cache while the
    approved reports and the consents are the same (one query), else two GROUP BY queries."""
    if not FIGURES_CACHE_SECONDS:
        return _sum_figures(covenant, periods)
    key = _figures_key(covenant, periods)
    figures = cache.get(key)
    if figures is None:
        figures = _sum_figures(covenant, periods)
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures


def _sum_figures(covenant, periods) -> dict[tuple[int, int], Figure]:
    no_profile = Q(report__organisation__public_profile_consent=False)
    answered = (
        Q(number__isnull=False) | Q(boolean__isnull=False) | Q(date__isnull=False) | ~Q(text="")
    )
    figures: dict[tuple[int, int], Figure] = {}
    rows = (
        _approved_values(covenant, periods)
        .filter(answered)
        .values("report__period_id", "indicator_id")
        .annotate(
            total=Sum("number"),
            contributors=Count("pk"),
            hidden=Count("pk", filter=no_profile),
            yes=Count("pk", filter=Q(boolean=True)),
            no=Count("pk", filter=Q(boolean=False)),
        )
    )
    for row in rows:
        figures[row["report__period_id"], row["indicator_id"]] = Figure(
            total=row["total"],
            contributors=row["contributors"],
            hidden=row["hidden"],
            yes=row["yes"],
            no=row["no"],
        )
    choice_rows = (
        _approved_values(covenant, periods)
        .filter(indicator__value_type=IndicatorType.CHOICE)
        .exclude(text="")
        .values("report__period_id", "indicator_id", "text")
        .annotate(n=Count("pk"))
        .order_by("report__period_id", "indicator_id", "-n", "text")
    )
    for row in choice_rows:
        figure = figures.get((row["report__period_id"], row["indicator_id"]))
        if figure is not None:
            figure.choices.append((row["text"], row["n"]))
    return figures


def _expected_per_period(periods: list[ReportingPeriod]) -> dict[int, int]:
    """{period id: organisations expected to report} (one query)."""
    if not periods:
        return {}
    expected = Organisation.objects.filter(expected_organisations(OuterRef("ends_on")))
    return dict(
        ReportingPeriod.objects.filter(pk__in=[period.pk for period in periods])
        .annotate(n=_count(expected))
        .values_list("pk", "n")
    )


def _approved_per_period(covenant: Covenant) -> dict[int, int]:
    return dict(
        Report.objects.filter(period__covenant=covenant, status=ReportStatus.APPROVED)
        .order_by()
        .values("period_id")
        .annotate(n=Count("pk"))
        .values_list("period_id", "n")
    )


def commitment_trends(
    covenant: Covenant, periods: list[ReportingPeriod] | None = None, *, public: bool = False
) -> Trends:
    """Per commitment and indicator, the approved figures of each period (oldest first).

    With ``public=True`` only counts are kept and every figure that is not publishable is
    replaced by an empty one, so that templates cannot show it by mistake."""
    if periods is None:
        periods = list(ReportingPeriod.objects.filter(covenant=covenant).order_by("starts_on"))
    approved = _approved_per_period(covenant)
    expected = _expected_per_period(periods)
    indicators = covenant_indicators(covenant)
    # Staff screens keep the sums in the cache (``_figures``); public pages are in the page cache
    # already and sum at once, within their query bound.
    figures = ((_sum_figures if public else _figures)(covenant, periods)) if periods else {}
    labels = localize(indicators)
    titles = localize({indicator.commitment for indicator in indicators})

    by_commitment: dict[int, CommitmentTrend] = {}
    by_indicator: dict[int, IndicatorTrend] = {}
    for indicator in indicators:
        if public and indicator.value_type != IndicatorType.COUNT:
            continue
        row = []
        for period in periods:
            figure = figures.get((period.pk, indicator.pk), Figure())
            if public and not figure.publishable:
                figure = Figure(suppressed=bool(figure.contributors))
            row.append(figure)
        translated = labels[indicator.pk]
        if indicator.value_type == IndicatorType.CHOICE:
            names = dict(translated.choices)
            for figure in row:
                figure.choices = [(names.get(code, code), n) for code, n in figure.choices]
        trend = IndicatorTrend(
            indicator=indicator, label=translated.label, unit=translated.unit, figures=row
        )
        by_indicator[indicator.pk] = trend
        commitment = indicator.commitment
        if commitment.pk not in by_commitment:
            title = titles[commitment.pk]
            by_commitment[commitment.pk] = CommitmentTrend(
                commitment=commitment,
                title=title.title,
                description=title.description,
                indicators=[],
            )
        by_commitment[commitment.pk].indicators.append(trend)

    for trend in by_indicator.values():
        whole = by_indicator.get(trend.indicator.part_of_id)
        if whole is None:
            continue
        trend.whole = whole
        for part, of in zip(trend.figures, whole.figures, strict=True):
            if part.total is not None and of.total:
                part.share = round(100 * part.total / of.total, 1)

    return Trends(
        covenant=covenant,
        periods=periods,
        approved=[approved.get(period.pk, 0) for period in periods],
        commitments=list(by_commitment.values()),
        expected=[expected.get(period.pk, 0) for period in periods],
    )


# --- Public ----------------------------------------------------------------------------------


def public_progress(covenant: Covenant) -> Trends:
    """What the public progress page shows: periods with at least one approved report, counts
    only, suppressed where an organisation could be recognised."""
    periods = list(
        ReportingPeriod.objects.filter(
            covenant=covenant,
            reports__status=ReportStatus.APPROVED,
        )
        .distinct()
        .order_by("starts_on")
    )
    trends = wording.apply(commitment_trends(covenant, periods, public=True))
    trends.commitments = [
        commitment
        for commitment in trends.commitments
        if any(figure.total is not None for t in commitment.indicators for figure in t.figures)
    ]
    return trends


@dataclass
class ProfileFigures:
    """An organisation's own figures from its latest approved report (public profiles only)."""

    period: ReportingPeriod
    rows: list["ProfileRow"]


@dataclass
class ProfileRow:
    label: str  # the public wording (see ``wording``), else the portal's label
    number: int
    share: float | None  # percentage of its whole in the same report
    explanation: str = ""


def consented_figures(covenant: Covenant, organisations) -> dict[int, ProfileFigures]:
    """{organisation id: ProfileFigures} for organisations with a public profile. Two queries."""
    ids = [org.pk for org in organisations if org.public_profile_consent]
    if not ids:
        return {}
    latest: dict[int, Report] = {}
    for report in (
        Report.objects.filter(
            organisation_id__in=ids,
            organisation__public_profile_consent=True,
            period__covenant=covenant,
            status=ReportStatus.APPROVED,
        )
        .select_related("period")
        .order_by("organisation_id", "-period__starts_on")
    ):
        latest.setdefault(report.organisation_id, report)
    if not latest:
        return {}
    indicators = [i for i in covenant_indicators(covenant) if i.value_type == IndicatorType.COUNT]
    labels = localize(indicators)
    numbers: dict[tuple[int, int], int] = {
        (report_id, indicator_id): number
        for report_id, indicator_id, number in IndicatorValue.objects.filter(
            report__in=[report.pk for report in latest.values()],
            is_valid=True,
            number__isnull=False,
        ).values_list("report_id", "indicator_id", "number")
    }
    result = {}
    for organisation_id, report in latest.items():
        rows = []
        for indicator in indicators:
            number = numbers.get((report.pk, indicator.pk))
            if number is None:
                continue
            whole = numbers.get((report.pk, indicator.part_of_id)) if indicator.part_of_id else None
            share = round(100 * number / whole, 1) if whole else None
            public = wording.indicator(indicator.code)
            rows.append(
                ProfileRow(
                    label=str(public.label) if public else labels[indicator.pk].label,
                    number=number,
                    share=share,
                    explanation=str(public.explanation) if public else "",
                )
            )
        result[organisation_id] = ProfileFigures(period=report.period, rows=rows)
    return result
