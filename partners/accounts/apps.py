from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in and second factor of the portal and the admin (on top of django-allauth)."""

    name = "partners.accounts"
    label = "partners_accounts"
    verbose_name = _("Partner accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals, totp

        signals.connect()
        totp.install()
        post_migrate.connect(create_cache_table, sender=self)
        checks.register(check_encryption_keys, checks.Tags.security)


def create_cache_table(using="default", **kwargs):
    """Production without Redis keeps the rate-limit counters in the database cache: `migrate`
    makes its table (Django's createcachetable does nothing for other caches or a table that
    exists)."""
    from django.conf import settings
    from django.core.management import call_command

    backends = {cache["BACKEND"] for cache in settings.CACHES.values()}
    if "django.core.cache.backends.db.DatabaseCache" in backends:
        call_command("createcachetable", database=using, verbosity=0)


def check_encryption_keys(app_configs, **kwargs):
    from django.core.exceptions import ImproperlyConfigured

    from .crypto import fernet

    try:
        fernet()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="partners_accounts.E001")]
    return []
