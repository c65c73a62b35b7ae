"""The site's own address, in one place: WAGTAILADMIN_BASE_URL (Wagtail's setting for the links
in its own e-mails). Every absolute link the site writes is made from it: e-mails (invitations,
allauth, review notifications) through `site_url`, page addresses (iCalendar, feeds, sitemap,
Open Graph) through Wagtail's Site record, which `sync_default_site` keeps on that address."""

from urllib.parse import urljoin, urlsplit

from django.conf import settings


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def site_url(path_or_url: str = "/") -> str:
    """An absolute URL on the site's address; URLs that are absolute already stay as they are
    (an image on object storage or a CDN)."""
    if urlsplit(path_or_url).netloc:
        return path_or_url
    return urljoin(base_url() + "/", path_or_url)


def sync_default_site() -> bool:
    """Put the default Wagtail Site on the configured address (hostname and port); True when
    it changed. Page URLs outside a request (e-mails, feeds, iCalendar) come from the Site."""
    from wagtail.models import Site

    address = urlsplit(base_url())
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save()
    return True
