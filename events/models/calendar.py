"""The iCalendar SEQUENCE of each fair, kept beside the pages (see the class)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarSequence(models.Model):
    """The iCalendar SEQUENCE of one fair (all its translations share it), raised at every
    publication (see signals.py) so that calendars pick up changes.

    Kept outside the page on purpose: neither revisions nor wagtail-localize's translation
    sources carry it, so publishing an old revision cannot lower it and a translation does not
    look changed because of it."""

    translation_key = models.UUIDField(unique=True)
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("calendar sequence")
        verbose_name_plural = _("calendar sequences")

    def __str__(self) -> str:
        return f"{self.translation_key}: {self.sequence}"

    @classmethod
    def for_fairs(cls, fairs) -> dict:
        """{translation_key: sequence} for the given fairs, in one query."""
        keys = {fair.translation_key for fair in fairs}
        return dict(
            cls.objects.filter(translation_key__in=keys).values_list("translation_key", "sequence")
        )
