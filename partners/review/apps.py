from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """The staff review in the Wagtail admin: the report listing, the review screen and the
    history. A thin layer over the reporting core (``partners.reporting``); it has no models."""

    name = "partners.review"
    label = "partners_review_admin"
    verbose_name = _("Report review")
