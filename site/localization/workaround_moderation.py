"""Workaround: submitting a synced translation to the moderation workflow (issue #12).

Why: wagtail-localize's translation editor (the React editor that replaces Wagtail's page edit
view for a synced translation) only offers *Publish*; it has no *Submit to Moderatie*. Redactie,
who cannot publish, therefore had no way to send a translation to Eindredactie. This module adds
that action with Wagtail's own machinery: the page's workflow (``page.get_workflow()``, Moderatie
for every language tree) is started with ``Workflow.start`` exactly as the page edit view does, so
Eindredactie sees the translation under *Awaiting your review* and gets Wagtail's notification
e-mail; approving publishes the draft as usual.

The action is a button in the page's header menu and in the page listing's *More* menu, leading
to a confirmation page (a POST, so a link or a prefetch never submits anything).

Remove when wagtail-localize's translation editor offers workflow actions itself (upstream:
wagtail/wagtail-localize, "Support workflows in the translation editor"); then delete this module,
its URL and its hooks in ``home/wagtail_hooks.py``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.models import Page
from wagtail_localize.models import Translation

URL_NAME = "goedwerk_submit_translation"


def synced_translation(page: Page) -> Translation | None:
    """The enabled wagtail-localize translation whose target is ``page``, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source")
        .first()
    )


def can_submit(page: Page, user) -> bool:
    """Whether ``user`` may send this translated page to its workflow now."""
    if page.alias_of_id or page.workflow_in_progress:
        return False
    permissions = page.permissions_for_user(user)
    return (
        permissions.can_edit()
        and permissions.can_submit_for_moderation()
        and page.get_workflow() is not None
        and synced_translation(page) is not None
    )


def submit_translation_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    translation = synced_translation(page)
    if translation is None:
        raise Http404
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    if request.method == "GET" and not permissions.can_submit_for_moderation():
        raise PermissionDenied
    explore_url = reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    if request.method == "POST":
        with transaction.atomic():
            # Two editors clicking at once: the second waits here and then finds the workflow
            # already in progress.
            page = Page.objects.select_for_update().get(pk=page.pk).specific
            if page.workflow_in_progress:
                messages.warning(
                    request, _("'%(title)s' is already in moderation.") % {"title": page.title}
                )
                return redirect(explore_url)
            workflow = page.get_workflow()
            if workflow is None:
                raise PermissionDenied
            # The draft holds the current translations (wagtail-localize builds the page from
            # its segments); the workflow then moderates that revision.
            translation.save_target(user=request.user, publish=False)
            page = Page.objects.get(pk=page.pk).specific
            workflow.start(page, request.user)
        messages.success(
            request,
            _("The translation '%(title)s' was submitted to %(workflow)s.")
            % {"title": page.get_admin_display_title(), "workflow": workflow.name},
        )
        return redirect(explore_url)
    return TemplateResponse(
        request,
        "goedwerk/localization/submit_translation.html",
        {
            "page": page,
            "workflow": page.get_workflow(),
            "locale": page.locale,
            "cancel_url": explore_url,
        },
    )


def admin_urls():
    return [path("translations/<int:page_id>/submit/", submit_translation_view, name=URL_NAME)]


LABEL = gettext_lazy("Submit translation to moderation")


def header_buttons(page, user, view_name, next_url=None):
    if can_submit(page, user):
        yield Button(
            LABEL, url=reverse(URL_NAME, args=[page.pk]), icon_name="resubmit", priority=15
        )


def listing_more_buttons(page, user, next_url=None):
    if can_submit(page, user):
        yield ListingButton(
            LABEL, url=reverse(URL_NAME, args=[page.pk]), icon_name="resubmit", priority=15
        )
