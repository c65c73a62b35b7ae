"""Admin report *Reports → Translation status* (see goedwerk.localization.status)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton
from wagtail_localize.models import StringSegment, StringTranslation

from goedwerk.localization.status import translation_status

URL_NAME = "goedwerk_translation_status"
PERMISSION = "wagtail_localize.submit_translation"  # Redactie, Eindredactie (and superusers)


def translation_status_view(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "goedwerk/localization/translation_status.html",
        {"languages": translation_status()},
    )


def admin_urls():
    return [path("reports/translation-status/", translation_status_view, name=URL_NAME)]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"), reverse(URL_NAME), icon_name="site", order=900
    )


# --- Marker in the page explorer: a published translation with untranslated segments -----------
# Wagtail-native: the explorer's queryset is annotated (one subquery, whatever the number of
# pages) and the listing shows a button to the translation editor on such pages.

UNTRANSLATED_ATTR = "goedwerk_untranslated"


def untranslated_segments():
    """For ``Page.objects.annotate(...)``: whether the page is the target of a synced
    translation that still has segments without a translation in its language."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("locale_id")),
        has_error=False,
    )
    return Exists(
        StringSegment.objects.filter(
            source__object_id=OuterRef("translation_key"),
            source__translations__target_locale_id=OuterRef("locale_id"),
            source__translations__enabled=True,
        ).exclude(Exists(translated))
    )


def annotate_explorer(parent_page, pages, request):
    return pages.annotate(**{UNTRANSLATED_ATTR: untranslated_segments()})


def listing_buttons(page, user, next_url=None):
    if page.live and getattr(page, UNTRANSLATED_ATTR, False):
        yield ListingButton(
            _("Published with untranslated text"),
            url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            icon_name="warning",
            attrs={"data-goedwerk-untranslated": "", "title": _("Open the translation editor")},
            priority=5,
        )
