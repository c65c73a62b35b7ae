"""What is purged when content changes, through Wagtail's front-end cache API.

The rule is deliberately simple and safe: **any change that can show on a public page purges
every live page of the site in every language**, plus ``/`` and each language's search page.
A page's title shows in the navigation and the footer of every other page, the next-fair block
and info points show on many pages, and the site is small (tens of pages per language), so
working out exactly which pages show what is not worth the risk of a stale page.

Changes that purge: a page published, unpublished, moved or deleted (any page type, any
language: a translation is published like any page, and wagtail-localize publishes it the same
way), and a save or delete of the models in PURGE_ALL_MODELS (info points and their walk-in
hours, organisations, images, locales, sites, site settings). The address a page had before a
move or a new slug is purged as well. Purges run after the transaction commits (a purge before
the commit could be undone by a request that caches the old content in between), through
Wagtail's purge task and every backend in WAGTAILFRONTENDCACHE.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

PURGE_ALL_MODELS = [
    "home.InfoPoint",
    "home.WalkInHours",
    # The partner list shows every partner's name, logo and (with consent) figures.
    "partners.Organisation",
    "wagtailimages.Image",
    "wagtailcore.Locale",
    "wagtailcore.Site",
    "home.SiteSettings",  # the name, contact details and fallback languages show on every page
]


def site_urls() -> set[str]:
    """Every live page, ``/`` and each language's search page, as full URLs."""
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().exclude(depth=1).specific().defer_streamfields())
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else ""
    batch.add_url(f"{root}/")
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            batch.add_url(root + reverse("home:search"))
    return batch.urls


def _urls_of(page) -> set[str]:
    """The current URLs of ``page`` and its live descendants (before a move or a new slug)."""
    batch = PurgeBatch()
    batch.add_pages(
        Page.objects.descendant_of(page, inclusive=True).live().specific().defer_streamfields()
    )
    return batch.urls


def _active() -> bool:
    """Anything to purge: the page cache is on, or another backend (a proxy) is configured."""
    from . import store

    backends = getattr(settings, "WAGTAILFRONTENDCACHE", {})
    return store.enabled() or any(name != "pagecache" for name in backends)


def _purge(urls) -> None:
    batch = PurgeBatch(urls)
    batch.purge()


def purge_site() -> None:
    """Purge the whole site once the current transaction commits."""
    if not _active():
        return
    transaction.on_commit(lambda: _purge(site_urls()), robust=True)


def purge_urls(urls) -> None:
    if not _active():
        return
    urls = set(urls)
    if urls:
        transaction.on_commit(lambda: _purge(urls), robust=True)


def on_page_change(sender, instance, **kwargs):
    purge_site()


def before_page_move(sender, instance, **kwargs):
    if _active():
        purge_urls(_urls_of(instance))


def before_page_save(sender, instance, **kwargs):
    """A live page that is about to get another address (a new slug on publishing) loses its
    old one: purge the old URLs of it and its descendants."""
    if not instance.pk or not instance.live or not _active():
        return
    old = Page.objects.filter(pk=instance.pk).values_list("url_path", "live").first()
    if old and old[1] and old[0] != instance.url_path:
        purge_urls(_urls_of(Page.objects.get(pk=instance.pk)))


def before_page_delete(sender, instance, **kwargs):
    if instance.live and _active():
        purge_urls(_urls_of(instance))


def on_model_change(sender, **kwargs):
    purge_site()


def connect() -> None:
    page_published.connect(on_page_change, dispatch_uid="pagecache_published")
    page_unpublished.connect(on_page_change, dispatch_uid="pagecache_unpublished")
    pre_page_move.connect(before_page_move, dispatch_uid="pagecache_pre_move")
    post_page_move.connect(on_page_change, dispatch_uid="pagecache_moved")
    for model in apps.get_models():
        if issubclass(model, Page):
            pre_save.connect(before_page_save, sender=model, dispatch_uid=f"pagecache_ps_{model}")
            pre_delete.connect(
                before_page_delete, sender=model, dispatch_uid=f"pagecache_pd_{model}"
            )
            post_delete.connect(on_model_change, sender=model, dispatch_uid=f"pagecache_d_{model}")
    for label in PURGE_ALL_MODELS:
        model = apps.get_model(label)
        post_save.connect(on_model_change, sender=model, dispatch_uid=f"pagecache_s_{label}")
        post_delete.connect(on_model_change, sender=model, dispatch_uid=f"pagecache_d_{label}")
