"""How the status of a job fair is shown, in one place: the label on the pages, the prefix of
the title in the iCalendar feed and the Atom feed, iCalendar's STATUS and schema.org's
``eventStatus`` and ``eventAttendanceMode``.

This module imports nothing from the app, so the models, the feeds and the SEO data can all use
it without an import cycle.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

SCHEMA = "https://schema.org/"


class JobFairStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")
    MOVED_ONLINE = "moved_online", _("Moved online")


# JobFairStatus value -> schema.org EventStatusType
_SCHEMA_STATUS = {
    JobFairStatus.SCHEDULED: "EventScheduled",
    JobFairStatus.POSTPONED: "EventPostponed",
    JobFairStatus.CANCELLED: "EventCancelled",
    JobFairStatus.MOVED_ONLINE: "EventMovedOnline",
}


def is_announced(fair) -> bool:
    """Whether visitors are told about the status (anything but "scheduled")."""
    return fair.status != JobFairStatus.SCHEDULED


def is_date_pending(fair) -> bool:
    """Postponed, and the new date is not known yet."""
    return fair.status == JobFairStatus.POSTPONED and fair.new_date_pending


def label(fair) -> str:
    """The status in the active language, e.g. "Postponed"; empty for a scheduled fair."""
    if not is_announced(fair):
        return ""
    return str(JobFairStatus(fair.status).label)


def titled(fair) -> str:
    """The title with the status in front ("Cancelled: Job fair Zuid"), as calendars and feed
    readers show it; a scheduled fair keeps its plain title."""
    if not is_announced(fair):
        return fair.title
    return f"{label(fair)}: {fair.title}"


def ical_status(fair) -> str:
    """iCalendar (RFC 5545) STATUS of the event."""
    if fair.status == JobFairStatus.CANCELLED:
        return "CANCELLED"
    if is_date_pending(fair):
        return "TENTATIVE"
    return "CONFIRMED"


def schema_event_status(fair) -> str:
    """schema.org ``eventStatus`` URL."""
    return SCHEMA + _SCHEMA_STATUS[JobFairStatus(fair.status)]


def schema_attendance_mode(fair) -> str:
    """schema.org ``eventAttendanceMode`` URL."""
    online = fair.status == JobFairStatus.MOVED_ONLINE
    return SCHEMA + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode")
