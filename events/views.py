"""The sub-page routes of the job fair pages (the models keep only the ``@path`` declarations
and call these): the calendar and news feed of an index page, the calendar download of a fair."""

from .feeds import JobFairFeed
from .ical import calendar_response


def index_calendar(request, index_page):
    """The upcoming fairs of one language as a calendar to subscribe to."""
    fairs = list(index_page.fairs().upcoming().with_exhibitors())
    return calendar_response(
        request, fairs, name=index_page.title, filename=f"{index_page.slug}.ics", attachment=False
    )


def index_feed(request, index_page):
    """The upcoming fairs of one language as an Atom feed."""
    return JobFairFeed(index_page)(request)


def fair_calendar(request, fair):
    """One fair as a calendar file to download."""
    return calendar_response(
        request, [fair], name=fair.title, filename=f"{fair.slug}.ics", attachment=True
    )
