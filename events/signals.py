"""Raise the iCalendar SEQUENCE of a fair at each publication, in whatever language."""

from django.db.models import F
from wagtail.signals import page_published

from .models.calendar import CalendarSequence
from .models.fair import JobFairPage


def raise_calendar_sequence(sender, instance, **kwargs):
    CalendarSequence.objects.get_or_create(translation_key=instance.translation_key)
    CalendarSequence.objects.filter(translation_key=instance.translation_key).update(
        sequence=F("sequence") + 1
    )


def connect() -> None:
    page_published.connect(
        raise_calendar_sequence, sender=JobFairPage, dispatch_uid="events_calendar_sequence"
    )
