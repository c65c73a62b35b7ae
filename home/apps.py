from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_site_texts(sender, instance, **kwargs):
    sender.forget(instance.site_id)


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Public site")

    def ready(self):
        from .models.site_settings import SiteTexts

        # The footer texts are cached (SiteTexts.for_site): a change drops the cached copies.
        post_save.connect(_forget_site_texts, sender=SiteTexts, dispatch_uid="site_texts_saved")
        post_delete.connect(_forget_site_texts, sender=SiteTexts, dispatch_uid="site_texts_gone")
