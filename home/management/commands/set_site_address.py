"""Put the default Wagtail Site on the configured address (WAGTAILADMIN_BASE_URL)."""

from django.core.management.base import BaseCommand

from goedwerk.links import base_url, sync_default_site


class Command(BaseCommand):
    help = (
        "Set the default Wagtail Site's hostname and port from WAGTAILADMIN_BASE_URL, so that "
        "page links outside a request (e-mails, feeds, iCalendar, sitemap) use that address."
    )

    def handle(self, *args, **options):
        changed = sync_default_site()
        if options["verbosity"]:
            state = "now on" if changed else "already on"
            self.stdout.write(f"The default site is {state} {base_url()}/.")
