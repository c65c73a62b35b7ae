"""Which organisations are expected to report for a period: those that had joined the covenant
by the end of the period, or whose joining date is unknown. Used by the insight counts, the
exports and the reminders."""

from django.db.models import Q


def expected_organisations(ends_on) -> Q:
    """A filter on Organisation for a period ending on ``ends_on`` (a date or an ``OuterRef``)."""
    return Q(joined_covenant_on__isnull=True) | Q(joined_covenant_on__lte=ends_on)


def is_expected(organisation, period) -> bool:
    """The same rule for one organisation and period in Python."""
    joined = organisation.joined_covenant_on
    return joined is None or joined <= period.ends_on
