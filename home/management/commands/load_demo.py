"""Fill the database with believable demo content. Safe to run again; refuses in production."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events import demo as events_demo
from home import demo as home_demo
from partners import demo as partners_demo
from partners.insight import demo as insight_demo

# Order matters: the public site first (pages need a home), then the partners (exhibitors of job
# fairs are partner organisations), then the job fairs, then the public progress pages (built
# from the partners' approved reports).
LOADERS = [home_demo, partners_demo, events_demo, insight_demo]


class Command(BaseCommand):
    help = "Create or update the demo site, accounts and reports (idempotent; never in production)."

    def handle(self, *args, **options):
        if getattr(settings, "GOEDWERK_ENVIRONMENT", "") == "production":
            raise CommandError("load_demo refuses to run against a production configuration.")
        password = os.environ.get("DEMO_PASSWORD", "goedwerk-demo")
        with transaction.atomic():
            for loader in LOADERS:
                loader.load(stdout=self.stdout, password=password)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
