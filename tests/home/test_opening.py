"""The open-now rule (home/opening.py): across midnight and on the days the clocks change."""

import datetime

import pytest
import time_machine
from django.utils import translation

from home import opening
from home.opening import AMSTERDAM, Slot


def ams(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


# 2026-03-27 is a Friday; the clocks go forward on Sunday 29 March 2026 and back on Sunday
# 25 October 2026.
WEEK = [
    Slot(1, t("09:30"), t("12:30")),  # Monday morning
    Slot(4, t("17:00"), t("20:00")),  # Thursday evening
    Slot(5, t("22:00"), t("01:00")),  # Friday night, past midnight
]


@time_machine.travel(ams(2026, 3, 27, 23, 30), tick=False)
def test_open_at_half_past_eleven_in_a_slot_that_ends_after_midnight():
    state = opening.status(WEEK)
    assert state.is_open
    assert state.until == ams(2026, 3, 28, 1, 0)
    with translation.override("en"):
        assert state.text() == "Open now, until 01:00"


@time_machine.travel(ams(2026, 3, 28, 0, 30), tick=False)
def test_still_open_at_half_past_twelve_the_next_day():
    state = opening.status(WEEK)
    assert state.is_open
    assert state.until == ams(2026, 3, 28, 1, 0)


@time_machine.travel(ams(2026, 3, 28, 1, 0), tick=False)
def test_closed_at_the_closing_time_and_the_next_opening_is_monday():
    state = opening.status(WEEK)
    assert state.state == opening.LATER
    assert state.opens == ams(2026, 3, 30, 9, 30)
    with translation.override("en"):
        assert state.text() == "Closed now. Next opening: Monday 30 March at 09:30"


@time_machine.travel(ams(2026, 3, 26, 8, 0), tick=False)
def test_opens_later_today():
    state = opening.status(WEEK)
    assert state.state == opening.LATER_TODAY
    assert state.opens == ams(2026, 3, 26, 17, 0)
    with translation.override("en"):
        assert state.text() == "Closed now. Opens today at 17:00"


@time_machine.travel(ams(2026, 3, 26, 20, 0), tick=False)
def test_opens_tomorrow():
    state = opening.status(WEEK)
    assert state.state == opening.TOMORROW
    assert state.opens == ams(2026, 3, 27, 22, 0)


def test_spring_forward_the_night_slot_is_two_hours_long_in_real_time():
    # Saturday 28 March 22:00 to Sunday 03:00 local: 02:00-03:00 does not exist that night.
    night = [Slot(6, t("22:00"), t("03:00"))]
    start, end = night[0].interval_on(datetime.date(2026, 3, 28))
    assert end - start == datetime.timedelta(hours=4)
    assert start == datetime.datetime(2026, 3, 28, 21, 0, tzinfo=datetime.UTC)  # CET
    assert end == datetime.datetime(2026, 3, 29, 1, 0, tzinfo=datetime.UTC)  # CEST
    # 01:59 UTC+1 is open; one real minute later it is 03:00 CEST: closed.
    assert opening.status(night, ams(2026, 3, 29, 1, 59)).is_open
    after = datetime.datetime(2026, 3, 29, 1, 0, tzinfo=datetime.UTC)
    assert not opening.status(night, after).is_open


@time_machine.travel(datetime.datetime(2026, 3, 29, 7, 0, tzinfo=datetime.UTC), tick=False)
def test_spring_forward_morning_is_summer_time():
    # 07:00 UTC on the switch day is 09:00 CEST: a Sunday slot from 09:00 has just opened.
    state = opening.status([Slot(7, t("09:00"), t("12:00"))])
    assert state.is_open
    assert state.until.utcoffset() == datetime.timedelta(hours=2)


def test_fall_back_the_night_slot_is_an_hour_longer():
    night = [Slot(6, t("22:00"), t("03:00"))]
    start, end = night[0].interval_on(datetime.date(2026, 10, 24))
    assert end - start == datetime.timedelta(hours=6)
    # 02:30 happens twice; at both it is open.
    first = datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)  # 02:30 CEST
    second = datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC)  # 02:30 CET
    assert opening.status(night, first).is_open
    assert opening.status(night, second).is_open
    closed = datetime.datetime(2026, 10, 25, 2, 0, tzinfo=datetime.UTC)  # 03:00 CET
    assert not opening.status(night, closed).is_open


@time_machine.travel(datetime.datetime(2026, 10, 25, 22, 30, tzinfo=datetime.UTC), tick=False)
def test_after_fall_back_a_utc_evening_is_the_next_local_day():
    # 22:30 UTC on 25 October is 23:30 CET (Sunday); 23:30 UTC would already be Monday.
    state = opening.status([Slot(7, t("23:00"), t("23:59"))])
    assert state.is_open


def test_slots_that_follow_on_count_as_one():
    slots = [Slot(5, t("20:00"), t("00:00")), Slot(6, t("00:00"), t("02:00"))]
    state = opening.status(slots, ams(2026, 3, 27, 21, 0))
    assert state.until == ams(2026, 3, 28, 2, 0)


def test_no_hours_no_state():
    assert opening.status([]) is None
    assert opening.timeline([]) == []


def test_the_timeline_changes_at_openings_closings_and_midnight():
    with translation.override("en"):
        entries = opening.timeline(WEEK, ams(2026, 3, 26, 8, 0), days=2)
    moments = [datetime.datetime.fromtimestamp(ms / 1000, AMSTERDAM) for ms, _, _ in entries]
    texts = [text for _, _, text in entries]
    assert [state for _, state, _ in entries][:3] == ["later_today", "open", "tomorrow"]
    assert list(zip(moments, texts, strict=True)) == [
        (ams(2026, 3, 26, 8, 0), "Closed now. Opens today at 17:00"),
        (ams(2026, 3, 26, 17, 0), "Open now, until 20:00"),
        (ams(2026, 3, 26, 20, 0), "Closed now. Opens tomorrow at 22:00"),
        (ams(2026, 3, 27, 0, 0), "Closed now. Opens today at 22:00"),
        (ams(2026, 3, 27, 22, 0), "Open now, until 01:00"),
        (ams(2026, 3, 28, 1, 0), "Closed now. Next opening: Monday 30 March at 09:30"),
        (ams(2026, 3, 28, 8, 0), ""),
    ]


@pytest.mark.parametrize("hour", [0, 6, 12, 18, 23])
def test_the_timeline_agrees_with_status_at_any_moment(hour):
    start = ams(2026, 3, 23, hour, 15)
    with translation.override("en"):
        entries = opening.timeline(WEEK, start)
        for day in range(8):
            moment = start + datetime.timedelta(days=day, minutes=37 * day)
            ms = moment.timestamp() * 1000
            shown = [text for at, _state, text in entries if at <= ms][-1]
            assert shown == opening.status(WEEK, moment).text()
