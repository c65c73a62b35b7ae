from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """Staff review of submitted reports, the audit trail, notifications and reminders."""

    name = "partners.review"
    label = "partners_review"
    verbose_name = _("Report review")

    def ready(self):
        from . import signals  # noqa: F401  (notifications and invitation audit entries)
