"""Admin report *Reports → Translation status* (see goedwerk.localization.status)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

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
