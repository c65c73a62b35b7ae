from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Privacy by design (AVG): the retention job and the log of staff views of partners'
    reports that the organisation's admins can read."""

    name = "partners.privacy"
    label = "partners_privacy"
    verbose_name = _("Privacy")
