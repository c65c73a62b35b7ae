"""Is an info point open now? The one place that answers it.

Walk-in hours are wall-clock times in Rotterdam: a slot is a weekday (1 = Monday ... 7 = Sunday)
with an opening and a closing time; a closing time at or before the opening time means the slot
ends the next day (a night slot 22:00-01:00). Every moment is compared in UTC after placing the
slot's times in Europe/Amsterdam, so the answer is right across midnight and on the two days a
year the clocks change (the last Sunday of March and of October).

``status(slots, moment)`` gives the state at one moment. Pages are cached, so a page also gets
``timeline(slots, start)``: every state change of the coming eight days with its text, rendered
at the time the page is built; a small script (static/js/opening.js) shows the entry that holds
in the visitor's browser. The rule stays here; the script only compares timestamps.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HORIZON_DAYS = 8  # a week, and the day after: what a cached page may need

OPEN = "open"
LATER_TODAY = "later_today"
TOMORROW = "tomorrow"
LATER = "later"


@dataclass(frozen=True)
class Slot:
    weekday: int
    opens: datetime.time
    closes: datetime.time

    @classmethod
    def of(cls, hours) -> "Slot":
        """From a WalkInHours row (or anything with weekday, opens and closes)."""
        return cls(hours.weekday, hours.opens, hours.closes)

    def interval_on(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
        """(start, end) in UTC of this slot when it starts on ``day`` (local date)."""
        end_day = day + datetime.timedelta(days=1) if self.closes <= self.opens else day
        start = datetime.datetime.combine(day, self.opens, tzinfo=AMSTERDAM)
        end = datetime.datetime.combine(end_day, self.closes, tzinfo=AMSTERDAM)
        return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)


@dataclass(frozen=True)
class Opening:
    """``state`` is OPEN (``until`` set), LATER_TODAY, TOMORROW or LATER (``opens`` set); both
    times are in Europe/Amsterdam."""

    state: str
    opens: datetime.datetime | None = None
    until: datetime.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.state == OPEN

    def text(self) -> str:
        """The sentence for the visitor, in the active language."""
        if self.state == OPEN:
            return gettext("Open now, until %(time)s") % {"time": _clock(self.until)}
        time = _clock(self.opens)
        if self.state == LATER_TODAY:
            return gettext("Closed now. Opens today at %(time)s") % {"time": time}
        if self.state == TOMORROW:
            return gettext("Closed now. Opens tomorrow at %(time)s") % {"time": time}
        return gettext("Closed now. Next opening: %(day)s at %(time)s") % {
            "day": date_format(self.opens, "l j F"),
            "time": time,
        }


def _clock(moment: datetime.datetime) -> str:
    return moment.strftime("%H:%M")


def _as_slots(slots) -> list[Slot]:
    return [slot if isinstance(slot, Slot) else Slot.of(slot) for slot in slots]


def _intervals(slots: list[Slot], moment: datetime.datetime, days: int):
    """All intervals (UTC) that start from the day before ``moment`` (a night slot of yesterday
    may still run) up to ``days`` days after it, sorted by start."""
    today = moment.astimezone(AMSTERDAM).date()
    found = []
    for offset in range(-1, days + 1):
        day = today + datetime.timedelta(days=offset)
        for slot in slots:
            if slot.weekday == day.isoweekday():
                found.append(slot.interval_on(day))
    return sorted(found)


def status(slots, moment: datetime.datetime | None = None) -> Opening | None:
    """The state at ``moment`` (default: now); None when there are no walk-in hours."""
    slots = _as_slots(slots)
    if not slots:
        return None
    moment = (moment or timezone.now()).astimezone(datetime.UTC)
    intervals = _intervals(slots, moment, 8)
    for start, end in intervals:
        if start <= moment < end:
            # Slots that follow on without a gap (22:00-00:00, then 00:00-02:00) count as one.
            for next_start, next_end in intervals:
                if next_start <= end < next_end:
                    end = next_end
            return Opening(OPEN, until=end.astimezone(AMSTERDAM))
    start = min(start for start, _end in intervals if start > moment)
    opens = start.astimezone(AMSTERDAM)
    days = (opens.date() - moment.astimezone(AMSTERDAM).date()).days
    state = LATER_TODAY if days == 0 else TOMORROW if days == 1 else LATER
    return Opening(state, opens=opens)


def change_moments(slots, start: datetime.datetime, days: int = HORIZON_DAYS):
    """``start`` and every later moment within ``days`` at which the state or its wording can
    change: each opening, each closing and each local midnight (when "tomorrow" becomes
    "today")."""
    slots = _as_slots(slots)
    start = start.astimezone(datetime.UTC)
    end = start + datetime.timedelta(days=days)
    today = start.astimezone(AMSTERDAM).date()
    moments = {start}
    for offset in range(1, days + 2):
        day = today + datetime.timedelta(days=offset)
        moments.add(datetime.datetime.combine(day, datetime.time(0), tzinfo=AMSTERDAM))
    for opens, closes in _intervals(slots, start, days + 1):
        moments.update((opens, closes))
    return sorted(m.astimezone(datetime.UTC) for m in moments if start <= m < end)


def timeline(slots, start: datetime.datetime | None = None, days: int = HORIZON_DAYS):
    """[(UTC timestamp in milliseconds, state, text), ...] from ``start`` (default: now) for
    ``days`` days, one entry per change of the text, in the active language; plus a last entry
    with an empty state and text at the horizon (past it the page does not know). Empty without
    walk-in hours."""
    slots = _as_slots(slots)
    if not slots:
        return []
    start = start or timezone.now()
    entries = []
    for moment in change_moments(slots, start, days):
        state = status(slots, moment)
        text = state.text()
        if not entries or entries[-1][2] != text:
            entries.append((int(moment.timestamp() * 1000), state.state, text))
    horizon = start.astimezone(datetime.UTC) + datetime.timedelta(days=days)
    entries.append((int(horizon.timestamp() * 1000), "", ""))
    return entries
