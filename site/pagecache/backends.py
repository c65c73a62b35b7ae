"""A Wagtail front-end cache backend that purges goedwerk's own page cache.

Configured in WAGTAILFRONTENDCACHE (site/settings/base.py). Wagtail's purge task hands it the
full URLs of the pages to purge (one per language); it forgets the path of each, whatever the
host, because the page cache keeps copies per host."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from . import store


class PageCacheBackend(BaseBackend):
    def purge(self, url) -> None:
        store.purge_url(url)
