"""Fill the database with believable demo content. Safe to run again; refuses in production."""

import logging
import os
from contextlib import contextmanager

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from events import demo as events_demo
from goedwerk.links import base_url, sync_default_site
from home import demo as home_demo
from partners import demo as partners_demo
from partners.insight import demo as insight_demo

# Order matters: the public site first (pages need a home), then the partners (exhibitors of job
# fairs are partner organisations), then the job fairs, then the public progress pages (built
# from the partners' approved reports).
LOADERS = [home_demo, partners_demo, events_demo, insight_demo]

#: Loggers that write a line for every page, revision and redirect the demo makes.
CHATTY_LOGGERS = ["wagtail", "wagtail.contrib.redirects"]


@contextmanager
def _quiet(verbosity: int):
    """The demo's e-mails (review decisions, notifications) are kept in memory, not sent or
    printed; Wagtail's per-page log lines only show with -v 2."""
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    levels = [logger.level for logger in loggers]
    if verbosity < 2:
        for logger in loggers:
            logger.setLevel(logging.WARNING)
    outbox = getattr(mail, "outbox", None)
    mail.outbox = []
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            yield mail.outbox
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
        if outbox is not None:
            outbox.extend(mail.outbox)
            mail.outbox = outbox
        else:
            del mail.outbox


class Command(BaseCommand):
    help = "Create or update the demo site, accounts and reports (idempotent; never in production)."

    def handle(self, *args, **options):
        if getattr(settings, "GOEDWERK_ENVIRONMENT", "") == "production":
            raise CommandError("load_demo refuses to run against a production configuration.")
        password = os.environ.get("DEMO_PASSWORD", "goedwerk-demo")
        with _quiet(options["verbosity"]) as outbox, transaction.atomic():
            for loader in LOADERS:
                loader.load(stdout=self.stdout, password=password)
            sync_default_site()
        self.stdout.write(
            f"{len(outbox)} demo e-mails were kept back (not sent). Links point at {base_url()}/."
        )
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
