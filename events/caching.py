"""When what the site shows about job fairs changes by itself: a fair's "upcoming" state, the
next-fair block and the index's lists depend on the clock. The page cache (goedwerk.pagecache,
GOEDWERK_PAGE_CACHE_EXPIRY) keeps no page past the moment returned here."""

from datetime import datetime

from django.db.models import Min, Q


def next_state_change(now: datetime) -> datetime | None:
    """The earliest start or end of a live fair at or after ``now`` (None: no such moment)."""
    from events.models import JobFairPage

    moments = JobFairPage.objects.live().aggregate(
        next_start=Min("start", filter=Q(start__gte=now)),
        next_end=Min("end", filter=Q(end__gte=now)),
    )
    return min((m for m in moments.values() if m is not None), default=None)
