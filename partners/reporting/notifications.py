"""E-mails of the review: plain text and HTML, one message per recipient, each in the recipient's
language.

- Staff (active staff who may review reports) hear when a report is submitted, when a partner
  asks for more time and when a partner writes in a comment thread.
- The organisation's members hear when their report is approved, sent back or reopened, when an
  extension is decided and when staff share a comment in a thread (internal notes never), and
  get the deadline reminders (``partners.reporting.reminders``).

A partner's language is the one they last used in the portal (``NotificationPreference``); staff
get their Wagtail admin language; everybody else the site's source language.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from goedwerk.links import site_url

from .models import NotificationPreference

TEMPLATE_DIR = "partners/reporting/email"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def supported(language: str | None) -> bool:
    return bool(language) and language in dict(settings.LANGUAGES)


def remember_language(user_id: int, language: str | None) -> None:
    """Record the language a partner user acts in; their e-mails follow it."""
    if not user_id or not supported(language):
        return
    NotificationPreference.objects.update_or_create(
        user_id=user_id, defaults={"language": language}
    )


def _active_language() -> str | None:
    """The language activated for the current request (LocaleMiddleware activates the URL's
    language), or None outside a request, where ``get_language()`` would only return the
    default and overwrite what the partner chose."""
    if getattr(trans_real._active, "value", None) is None:
        return None
    return translation.get_language()


def remember_active_language(user) -> None:
    """Called by the partner's services: their e-mails follow the portal language they use."""
    remember_language(getattr(user, "pk", None), _active_language())


def language_for(user) -> str:
    preference = getattr(user, "notification_preference", None)
    if preference is not None and supported(preference.language):
        return preference.language
    profile = getattr(user, "wagtail_userprofile", None)
    if user.is_staff and profile is not None and supported(profile.preferred_language):
        return profile.preferred_language
    return settings.LANGUAGE_CODE


def _with_language(queryset):
    # Missing reverse one-to-one rows raise an AttributeError subclass: getattr's default applies.
    return queryset.select_related("notification_preference", "wagtail_userprofile")


def members_of(organisation):
    User = get_user_model()
    return _with_language(
        User.objects.filter(memberships__organisation=organisation, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def reviewers():
    """Active staff members who may review reports (superusers included)."""
    User = get_user_model()
    users = User.objects.with_perm(
        "partners.review_report", include_superusers=True, backend=MODEL_BACKEND
    )
    return _with_language(
        User.objects.filter(Q(pk__in=users.values("pk")), is_staff=True, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def absolute(path: str) -> str:
    return site_url(path)


def portal_report_url(report) -> str:
    """The report's page in the portal, in the active language."""
    return absolute(
        reverse(
            "partners:report",
            kwargs={"organisation_slug": report.organisation.slug, "period_id": report.period_id},
        )
    )


def portal_summary_url(report) -> str:
    """The printable summary of a handed-in report in the portal, in the active language."""
    return absolute(
        reverse(
            "partners:report_summary",
            kwargs={"organisation_slug": report.organisation.slug, "period_id": report.period_id},
        )
    )


def review_url(report) -> str:
    return absolute(reverse("partners_review_reports:review", args=[report.pk]))


def send(kind: str, recipients, context_for) -> int:
    """Render ``<kind>_subject.txt``, ``<kind>.txt`` and ``<kind>.html`` for every recipient in
    their language; ``context_for(language)`` builds the context once per language."""
    contexts: dict[str, dict] = {}
    messages = []
    for user in recipients:
        language = language_for(user)
        with translation.override(language):
            if language not in contexts:
                contexts[language] = {
                    **context_for(language),
                    "LANGUAGE_CODE": language,
                    "site_name": settings.WAGTAIL_SITE_NAME,
                }
            context = {**contexts[language], "recipient": user}
            subject = render_to_string(f"{TEMPLATE_DIR}/{kind}_subject.txt", context)
            subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
            context["subject"] = subject
            text = render_to_string(f"{TEMPLATE_DIR}/{kind}.txt", context)
            html = render_to_string(f"{TEMPLATE_DIR}/{kind}.html", context)
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
