"""Fixtures of the public site's tests: a Dutch home page as the site root."""

import pytest
from wagtail.models import Locale, Page, Site

from home.models import HomePage


@pytest.fixture
def locale_nl(db):
    return Locale.objects.get_or_create(language_code="nl")[0]


@pytest.fixture
def home_nl(locale_nl):
    """A published Dutch home page that is the root of the default site."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Welkom in Rotterdam",
            slug="home-nl",
            locale=locale_nl,
            intro="<p>Informatie voor <b>arbeidsmigranten</b> in Rotterdam.</p>",
        )
    )
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home
