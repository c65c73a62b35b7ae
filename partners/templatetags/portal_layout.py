"""The partner portal's own header: the organisation (with a switcher for people in two or
more organisations), the portal navigation and the account menu. See
``partners/portal/includes/header.html``."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from partners.access import memberships_for

register = template.Library()

#: Pages of one report: the "Reports" item of the navigation is their section.
REPORT_VIEWS = {"report", "evidence_upload", "extension_request"}
MEMBER_VIEWS = {"members", "invite_member", "revoke_invitation"}


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    #: "page" for the page itself, "true" for a page inside the item's section, "" otherwise.
    current: str = ""


@dataclass(frozen=True)
class PortalHeader:
    organisation: object | None
    #: The user's other organisations (all of them when no organisation is current).
    other_organisations: list
    navigation: list


def _navigation(membership, url_name: str) -> list[NavItem]:
    slug = membership.organisation.slug
    dashboard = reverse("partners:dashboard", kwargs={"organisation_slug": slug})
    items = [
        NavItem(_("Dashboard"), dashboard, "page" if url_name == "dashboard" else ""),
        # The reports are the periods table of the dashboard; a report's pages are its section.
        NavItem(
            _("Reports"), f"{dashboard}#periods-title", "true" if url_name in REPORT_VIEWS else ""
        ),
    ]
    if membership.is_admin:
        members = reverse("partners:members", kwargs={"organisation_slug": slug})
        access_log = reverse("partners:access_log", kwargs={"organisation_slug": slug})
        items += [
            NavItem(_("Members"), members, "page" if url_name in MEMBER_VIEWS else ""),
            NavItem(_("Access log"), access_log, "page" if url_name == "access_log" else ""),
        ]
    return items


@register.simple_tag(takes_context=True)
def portal_header(context) -> PortalHeader | None:
    """What the portal header shows for the signed-in user, or None for anonymous visitors.

    The current organisation is the one the page is about (set by ``portal_member_required``)
    or, on pages outside one organisation (account pages), the user's only organisation."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    memberships = list(memberships_for(user).order_by("organisation__name"))
    current = getattr(request, "membership", None)
    if current is None and len(memberships) == 1:
        current = memberships[0]
    match = request.resolver_match
    url_name = (match.url_name or "") if match else ""
    others = [m.organisation for m in memberships if current is None or m.pk != current.pk]
    return PortalHeader(
        organisation=current.organisation if current else None,
        other_organisations=others if len(memberships) >= 2 else [],
        navigation=_navigation(current, url_name) if current else [],
    )
