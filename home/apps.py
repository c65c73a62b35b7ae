from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Public site")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from goedwerk.localization import sync
        from home.models import InfoPoint

        # Synchronised facts (addresses, hours) reach every language when the Dutch is saved.
        post_save.connect(sync.on_snippet_saved, sender=InfoPoint, dispatch_uid="gw-sync-ip")
        page_published.connect(sync.on_page_published, dispatch_uid="gw-sync-pages")
