"""The invitation e-mail: plain text and HTML, in the language the inviter chose."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from goedwerk.links import site_url

TEMPLATE_PREFIX = "partners/accounts/email/invitation"


def invitation_url(request, token: str, language: str) -> str:
    """On the site's configured address, whatever Host the inviter's request came in on."""
    with translation.override(language):
        path = reverse("partners:invitation", kwargs={"token": token})
    return site_url(path)


def send_invitation(request, invitation, token: str, *, language: str) -> None:
    with translation.override(language):
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "role": invitation.get_role_display(),
            "inviter": invitation.invited_by,
            "url": invitation_url(request, token, language),
            "expires_at": invitation.expires_at,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "LANGUAGE_CODE": language,
        }
        subject = render_to_string(f"{TEMPLATE_PREFIX}_subject.txt", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        text = render_to_string(f"{TEMPLATE_PREFIX}_message.txt", context)
        html = render_to_string(f"{TEMPLATE_PREFIX}_message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()
