"""Admin registration of the public site's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from goedwerk.forms import SafeAdminFormsMixin
from home.models import InfoPoint, SiteTexts


class InfoPointViewSet(SnippetViewSet):
    model = InfoPoint
    icon = "site"
    menu_label = _("Info points")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "neighbourhood", "phone"]
    search_fields = ["name", "neighbourhood"]


register_snippet(InfoPointViewSet)


class SiteTextsViewSet(SafeAdminFormsMixin, SnippetViewSet):
    """The footer texts per site and language (Settings menu; translated with wagtail-localize)."""

    model = SiteTexts
    icon = "doc-full"
    menu_label = _("Footer texts")
    menu_name = "footer-texts"
    add_to_settings_menu = True
    menu_order = 110
    list_display = ["site", "locale"]


register_snippet(SiteTextsViewSet)
