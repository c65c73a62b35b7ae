"""Admin registration of the public site's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from goedwerk.forms import SafeAdminFormsMixin
from home.models import InfoPoint


class InfoPointViewSet(SafeAdminFormsMixin, SnippetViewSet):
    model = InfoPoint
    icon = "site"
    menu_label = _("Info points")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "neighbourhood", "phone"]
    search_fields = ["name", "neighbourhood"]


register_snippet(InfoPointViewSet)
