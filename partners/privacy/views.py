"""The portal page "Who viewed our reports" for an organisation's admins."""

from django.core.paginator import Paginator
from django.shortcuts import render

from partners.access import portal_member_required

from .access_log import as_rows, staff_views_for

PER_PAGE = 50


@portal_member_required(admin=True)
def access_log(request, organisation_slug):
    """The organisation's admins see which member of staff looked at which of its reports (or
    downloaded its evidence) and when. Reporters and other organisations get 404."""
    page = Paginator(staff_views_for(request.organisation), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "partners/privacy/access_log.html",
        {"organisation": request.organisation, "page_obj": page, "rows": as_rows(page)},
    )
