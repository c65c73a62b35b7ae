"""Admin wiring of the coalition insight: URLs, menu item, home panel, audit-log action and the
dashboard's own permission in the group editor."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import stats, urls
from .models import source_covenant
from .views import can_view_insight, choose_period


@hooks.register("register_admin_urls")
def register_insight_urls():
    return [path("insight/", include(urls, namespace="partners_insight"))]


class InsightMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_insight(request.user)


@hooks.register("register_admin_menu_item")
def register_insight_menu_item():
    return InsightMenuItem(
        _("Coalition insight"),
        reverse("partners_insight:dashboard"),
        name="coalition-insight",
        icon_name="table",
        order=320,
    )


class InsightPanel(Component):
    """On the admin home page: where the current period stands, with a link to the dashboard.
    Two queries."""

    name = "coalition_insight"
    template_name = "partners_insight/admin/home_panel.html"
    order = 90

    def render_html(self, parent_context=None):
        if not can_view_insight(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        covenant = source_covenant()
        overview = stats.status_overview(covenant) if covenant else []
        current = choose_period([row.period for row in overview], None)
        row = next((row for row in overview if row.period == current), None)
        return {
            "row": row,
            "dashboard_url": reverse("partners_insight:dashboard"),
        }


@hooks.register("construct_homepage_panels")
def add_insight_panel(request, panels):
    if can_view_insight(request.user):
        panels.append(InsightPanel())


@hooks.register("register_permissions")
def register_insight_permissions():
    return Permission.objects.filter(
        content_type__app_label="partners_insight", codename="view_insight"
    )
