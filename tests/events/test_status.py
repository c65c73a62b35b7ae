"""events/status.py decides every way a status is shown; the pages, feeds and SEO data use it."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from events import status
from events.status import JobFairStatus


def fair(value, *, pending=False, title="Job fair Zuid"):
    return SimpleNamespace(status=value, new_date_pending=pending, title=title)


@pytest.mark.parametrize(
    ("value", "pending", "label", "ical", "schema", "mode"),
    [
        (JobFairStatus.SCHEDULED, False, "", "CONFIRMED", "EventScheduled", "Offline"),
        (JobFairStatus.POSTPONED, False, "Postponed", "CONFIRMED", "EventPostponed", "Offline"),
        (JobFairStatus.POSTPONED, True, "Postponed", "TENTATIVE", "EventPostponed", "Offline"),
        (JobFairStatus.CANCELLED, False, "Cancelled", "CANCELLED", "EventCancelled", "Offline"),
        (
            JobFairStatus.MOVED_ONLINE,
            False,
            "Moved online",
            "CONFIRMED",
            "EventMovedOnline",
            "Online",
        ),
    ],
)
def test_every_presentation_of_a_status_comes_from_one_table(
    value, pending, label, ical, schema, mode
):
    item = fair(value, pending=pending)
    with translation.override("en"):
        assert status.label(item) == label
        assert status.titled(item) == (f"{label}: Job fair Zuid" if label else "Job fair Zuid")
    assert status.ical_status(item) == ical
    assert status.schema_event_status(item) == f"https://schema.org/{schema}"
    assert status.schema_attendance_mode(item) == f"https://schema.org/{mode}EventAttendanceMode"
    assert status.is_announced(item) == bool(label)


def test_the_label_follows_the_active_language():
    item = fair(JobFairStatus.CANCELLED)
    with translation.override("en"):
        english = status.label(item)
    with translation.override("nl"):
        assert status.label(item) != english


def test_the_models_package_re_exports_the_status_choices():
    from events.models import JobFairStatus as reexported

    assert reexported is JobFairStatus
