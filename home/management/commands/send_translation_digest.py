"""Weekly e-mail to Eindredactie: what is missing, out of date or partly translated per language.

The scheduler (``bin/scheduler.sh``) runs it once a week; it can be run by hand at any time. It
reads the same status as *Reports → Translation status* (``goedwerk.localization.status``) and
writes each member in their admin language (Wagtail's account setting). Nothing is sent when
every language is complete.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from goedwerk.localization.status import translation_status

GROUP = "Eindredactie"


class Command(BaseCommand):
    help = "E-mail the translation gaps per language to the members of Eindredactie."

    def handle(self, *args, **options):
        recipients = (
            get_user_model()
            .objects.filter(groups__name=GROUP, is_active=True)
            .exclude(email="")
            .select_related("wagtail_userprofile")
            .distinct()
        )
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        messages = []
        rendered = {}
        for user in recipients:
            language = UserProfile.get_for_user(user).get_preferred_language()
            if language not in rendered:
                with translation.override(language):
                    languages = translation_status()  # names and kinds in this language
                    if not any(status.has_gaps for status in languages):
                        rendered[language] = None
                        continue
                    context = {
                        "languages": [status for status in languages if status.has_gaps],
                        "base_url": base,
                        "report_url": base + reverse("goedwerk_translation_status"),
                        "site_name": settings.WAGTAIL_SITE_NAME,
                        "LANGUAGE_CODE": language,
                    }
                    subject = render_to_string("home/email/translation_digest_subject.txt", context)
                    rendered[language] = (
                        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
                        render_to_string("home/email/translation_digest.txt", context),
                        render_to_string("home/email/translation_digest.html", context),
                    )
            if rendered[language] is None:
                continue
            subject, text, html = rendered[language]
            message = EmailMultiAlternatives(
                subject, text, settings.DEFAULT_FROM_EMAIL, [user.email]
            )
            message.attach_alternative(html, "text/html")
            messages.append(message)
        if messages:
            get_connection().send_messages(messages)
        self.stdout.write(f"Sent {len(messages)} translation digest(s).")
