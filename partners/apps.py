from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner portal")

    def ready(self):
        from .filecheck import checks  # noqa: F401 -- registers the ClamAV system check
