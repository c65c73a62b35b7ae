"""Admin registration of the public site's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from goedwerk.forms import SafeAdminFormsMixin
from goedwerk.localization import views as localization_views
from goedwerk.localization import workaround_moderation
from home.models import InfoPoint, SiteTexts, SynonymGroup


class InfoPointViewSet(SafeAdminFormsMixin, SnippetViewSet):
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


class SynonymGroupViewSet(SafeAdminFormsMixin, SnippetViewSet):
    """The site search's synonym groups (Settings menu; README, "Search")."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    menu_name = "search-synonyms"
    add_to_settings_menu = True
    menu_order = 120
    list_display = ["__str__", "updated_at"]
    search_fields = ["terms"]


register_snippet(SynonymGroupViewSet)


# Submitting a synced translation to Moderatie (see goedwerk.localization.workaround_moderation).
hooks.register("register_admin_urls", workaround_moderation.admin_urls)
hooks.register("register_page_header_buttons", workaround_moderation.header_buttons)
hooks.register("register_page_listing_more_buttons", workaround_moderation.listing_more_buttons)

# Reports → Translation status (goedwerk.localization.status).
hooks.register("register_admin_urls", localization_views.admin_urls)
hooks.register("register_reports_menu_item", localization_views.menu_item)

# Explorer: mark published translations with untranslated text (goedwerk.localization.views).
hooks.register("construct_explorer_page_queryset", localization_views.annotate_explorer)
hooks.register("register_page_listing_buttons", localization_views.listing_buttons)
