"""The certificates overview in the Wagtail admin: every organisation's current registration
and membership certificates (evidence of a kind in ``CERTIFYING_KINDS`` that the partner has
not deleted or replaced and whose file is still there), expired ones first, then those expiring
soon (``Evidence.expiry_state``), then the rest; each with a link to the organisation and to the
review screen of the report it came with.

Per organisation and kind only the certificate valid the longest is listed (as on the partner's
dashboard): an expired certificate that has been renewed is no longer a concern. Three queries,
however many organisations and certificates there are."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from partners.models import Evidence
from partners.models.reports import CERTIFYING_KINDS
from partners.reporting.permissions import may_review

from .views import review_url

URL_NAMESPACE = "partners_review_certificates"
ORDER = {"expired": 0, "expiring": 1, "": 2}


def current_certificates(today=None) -> list[dict]:
    """One row per organisation and kind: {evidence, organisation, state, label}, sorted."""
    today = today or timezone.localdate()
    latest = {}
    queryset = (
        Evidence.objects.current()
        .filter(kind__in=CERTIFYING_KINDS, valid_until__isnull=False, file_removed_at__isnull=True)
        .select_related("report__organisation", "report__period")
        .order_by("valid_until", "pk")
    )
    for evidence in queryset:
        latest[(evidence.report.organisation_id, evidence.kind)] = evidence  # longest wins
    rows = [
        {
            "evidence": evidence,
            "organisation": evidence.report.organisation,
            "state": evidence.expiry_state(today),
            "label": evidence.expiry_label(today),
        }
        for evidence in latest.values()
    ]
    rows.sort(
        key=lambda row: (
            ORDER[row["state"]],
            row["evidence"].valid_until,
            row["organisation"].name.lower(),
            row["evidence"].kind,
        )
    )
    return rows


class CertificatesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "partners/review/certificates.html"
    page_title = gettext_lazy("Certificates")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not may_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = current_certificates()
        for row in rows:
            organisation = row["organisation"]
            row["organisation_url"] = reverse("partners_organisations:edit", args=[organisation.pk])
            row["members_url"] = reverse("partners_organisations:members", args=[organisation.pk])
            row["review_url"] = review_url(row["evidence"].report)
        context.update(
            rows=rows,
            expired=sum(1 for row in rows if row["state"] == "expired"),
            expiring=sum(1 for row in rows if row["state"] == "expiring"),
        )
        return context
