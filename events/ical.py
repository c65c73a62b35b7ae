"""iCalendar (RFC 5545) for job fairs: one fair as a download, the upcoming fairs as a feed.

Times are written in Europe/Amsterdam with a VTIMEZONE, so that a fair that crosses a change of
summer time keeps its real UTC offsets. The UID comes from the page's ``translation_key``: the
same in every language and across edits, so a calendar updates the event instead of adding a
copy. SEQUENCE is raised at every publication (see signals.py).
"""

import re
from datetime import date, timedelta
from html import unescape
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration, vGeo

from . import status
from .models.calendar import CalendarSequence
from .status import JobFairStatus

if TYPE_CHECKING:
    from .models.fair import JobFairPage

PRODID = "-//Goed Werk Rotterdam//Job fairs//EN"
# How often subscribed calendars should fetch the feed again.
REFRESH = timedelta(hours=6)


def event_uid(fair: "JobFairPage") -> str:
    return f"job-fair-{fair.translation_key}@goedwerk"


def _plain(html: str) -> str:
    """Rich text as plain text: one line per paragraph or list item."""
    text = re.sub(r"</(p|li|h[2-6])>", "\n", html)
    text = unescape(strip_tags(text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _description(fair: "JobFairPage") -> str:
    lines = [fair.intro]
    if fair.status_note:
        lines.append(fair.status_note)
    if fair.is_moved_online:
        lines.append(_("Online: %(url)s") % {"url": fair.online_url})
    if status.is_date_pending(fair):
        lines.append(_("Postponed: the new date will be announced."))
    elif fair.status == JobFairStatus.POSTPONED and fair.previous_start:
        lines.append(
            _("Postponed; originally planned for %(date)s.")
            % {"date": date_format(timezone.localtime(fair.previous_start), "DATE_FORMAT")}
        )
    stands = [stand.display_name for stand in fair.exhibitors.all()]
    if stands:
        lines.append(_("Stands: %(names)s") % {"names": ", ".join(stands)})
    if fair.languages_spoken:
        lines.append(
            _("Languages spoken: %(languages)s") % {"languages": ", ".join(fair.spoken_languages)}
        )
    if fair.is_free:
        lines.append(_("Free entry."))
    if fair.registration_url:
        lines.append(_("Register: %(url)s") % {"url": fair.registration_url})
    if fair.what_to_bring:
        lines.append(_("What to bring: %(text)s") % {"text": _plain(fair.what_to_bring)})
    return "\n\n".join(line.strip() for line in lines if line and line.strip())


def build_event(fair: "JobFairPage", *, request, tz: ZoneInfo, stamp, sequence: int) -> Event:
    event = Event()
    event.add("uid", event_uid(fair))
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(fair.start, tz))
    event.add("dtend", timezone.localtime(fair.end, tz))
    event.add("summary", status.titled(fair))
    event.add("description", _description(fair))
    event.add("status", status.ical_status(fair))
    event.add("sequence", sequence)
    event.add("url", fair.get_full_url(request=request))
    if fair.last_published_at:
        event.add("last-modified", fair.last_published_at)
    if fair.is_moved_online:
        event.add("location", fair.online_url)
    else:
        event.add("location", fair.location_text)
        if fair.latitude is not None and fair.longitude is not None:
            event.add("geo", vGeo((float(fair.latitude), float(fair.longitude))))
    event.add("transp", "OPAQUE")
    event.add("class", "PUBLIC")
    return event


def build_calendar(fairs: list["JobFairPage"], *, request, name: str) -> Calendar:
    tz = ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    sequences = CalendarSequence.for_fairs(fairs)
    for fair in fairs:
        sequence = sequences.get(fair.translation_key, 0)
        calendar.add_component(
            build_event(fair, request=request, tz=tz, stamp=stamp, sequence=sequence)
        )
    if fairs:
        # Only the years the events need: a VTIMEZONE for all of history would be huge.
        first = min(timezone.localtime(f.start, tz).date() for f in fairs)
        last = max(timezone.localtime(f.end, tz).date() for f in fairs)
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 1, 12, 31)
        )
    return calendar


def calendar_response(request, fairs, *, name: str, filename: str, attachment: bool):
    calendar = build_calendar(fairs, request=request, name=name)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
