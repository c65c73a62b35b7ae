from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Public site")

    def ready(self):
        from goedwerk.forms import install_safe_page_form

        # Every page type's edit form drops control characters (the project's input rule).
        install_safe_page_form()
