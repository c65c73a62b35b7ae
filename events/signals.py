"""Keep the iCalendar SEQUENCE of a fair moving forward, equal in every language."""

from django.db.models import Max
from wagtail.signals import page_published

from .models import JobFairPage


def raise_ical_sequence(sender, instance, **kwargs):
    """On every publication of a fair in any language, set the sequence of all its translations
    to one more than the highest of them."""
    translations = JobFairPage.objects.filter(translation_key=instance.translation_key)
    highest = translations.aggregate(highest=Max("ical_sequence"))["highest"] or 0
    translations.update(ical_sequence=highest + 1)
    instance.ical_sequence = highest + 1


def connect() -> None:
    page_published.connect(
        raise_ical_sequence, sender=JobFairPage, dispatch_uid="events_raise_ical_sequence"
    )
