from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_cached(sender, instance, **kwargs):
    sender.forget(instance.site_id)


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Public site")

    def ready(self):
        from .models.site_settings import SiteSettings, SiteTexts

        # The site settings and footer texts are cached (SiteSettings.for_site,
        # SiteTexts.for_site): a change drops the cached copies.
        post_save.connect(_forget_cached, sender=SiteTexts, dispatch_uid="site_texts_saved")
        post_delete.connect(_forget_cached, sender=SiteTexts, dispatch_uid="site_texts_gone")
        post_save.connect(_forget_cached, sender=SiteSettings, dispatch_uid="site_settings_saved")
        post_delete.connect(_forget_cached, sender=SiteSettings, dispatch_uid="site_settings_gone")

        from .models.synonyms import SynonymGroup

        # The search's synonym groups are cached (SynonymGroup.all_terms) the same way.
        post_save.connect(SynonymGroup.forget, sender=SynonymGroup, dispatch_uid="synonyms_saved")
        post_delete.connect(SynonymGroup.forget, sender=SynonymGroup, dispatch_uid="synonyms_gone")

        from wagtail.models import Site
        from wagtail.signals import page_published, post_page_move

        from goedwerk import routing

        # The router caches which site answers which host (goedwerk.routing.find_site).
        post_save.connect(routing.forget_sites, sender=Site, dispatch_uid="gw-sites-saved")
        post_delete.connect(routing.forget_sites, sender=Site, dispatch_uid="gw-sites-gone")
        page_signals = [(post_save, "saved"), (post_delete, "gone"), (post_page_move, "moved")]
        for signal, name in page_signals:
            # Sent with the page's own class as sender: connected for every sender.
            signal.connect(routing.forget_sites_of_page, dispatch_uid=f"gw-sites-root-{name}")

        from goedwerk.localization import sync
        from home.models import InfoPoint

        # Synchronised facts (addresses, hours) reach every language when the Dutch is saved.
        post_save.connect(sync.on_snippet_saved, sender=InfoPoint, dispatch_uid="gw-sync-ip")
        page_published.connect(sync.on_page_published, dispatch_uid="gw-sync-pages")

        from goedwerk.forms import install_safe_page_form

        # Every page type's edit form drops control characters (the project's input rule).
        install_safe_page_form()

        from goedwerk import storable

        # And no text with control characters is saved, whichever screen it came from.
        storable.connect()
