from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """The reporting core: the review's records (verdicts, comments, deadlines, extensions, sent
    reminders, notification languages), the rules and the services.

    The label is ``partners_review`` because these tables and migrations were created by the
    review app before the core owned them; keeping it keeps every table, migration and
    permission as it is in existing databases."""

    name = "partners.reporting"
    label = "partners_review"
    verbose_name = _("Reporting")
