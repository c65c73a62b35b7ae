from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from partners.reporting.permissions import may_review

from . import certificates, overview_views
from .viewsets import VIEWSETS


@hooks.register("register_admin_viewset")
def register_review_viewsets():
    return VIEWSETS


overview_urls = (
    [
        path("", overview_views.PeriodOverviewView.as_view(), name="index"),
        path("export/", overview_views.PeriodOverviewExportView.as_view(), name="export"),
    ],
    overview_views.URL_NAMESPACE,
)


certificate_urls = (
    [path("", certificates.CertificatesView.as_view(), name="index")],
    certificates.URL_NAMESPACE,
)


@hooks.register("register_admin_urls")
def register_overview_urls():
    return [
        path("partners/overview/", include(overview_urls)),
        path("partners/certificates/", include(certificate_urls)),
    ]


class OverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    # Right after "Covenant reports" (menu_order 305).
    return OverviewMenuItem(
        _("Period overview"),
        reverse(f"{overview_views.URL_NAMESPACE}:index"),
        name="period-overview",
        icon_name="list-ul",
        order=306,
    )


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return OverviewMenuItem(
        _("Certificates"),
        reverse(f"{certificates.URL_NAMESPACE}:index"),
        name="certificates",
        icon_name="doc-full",
        order=307,
    )
