from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    """What the covenant achieves: the staff dashboard, exports and the public progress pages."""

    name = "partners.insight"
    label = "partners_insight"
    verbose_name = _("Coalition insight")
