"""Links in e-mails use the site's configured address (WAGTAILADMIN_BASE_URL), never the Host
header of the request that caused them (a forged Host must not end up in someone's mailbox)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from goedwerk.links import site_url

pytestmark = pytest.mark.django_db

ADDRESS = "https://goedwerk.test"
FORGED = "attacker.example"


@pytest.fixture(autouse=True)
def _address(settings):
    settings.WAGTAILADMIN_BASE_URL = ADDRESS + "/"


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


def test_site_url_joins_paths_and_keeps_absolute_urls():
    assert site_url("/nl/portaal/") == f"{ADDRESS}/nl/portaal/"
    assert site_url() == f"{ADDRESS}/"
    assert site_url("https://cdn.example/x.png") == "https://cdn.example/x.png"


def test_invitation_e_mail_links_to_the_configured_address(client, staff, organisation):
    client.force_login(staff)
    response = client.post(
        reverse("partners_organisations:members", args=[organisation.pk]),
        {"email": "nieuw@tempo-team.example", "role": "reporter", "language": "nl"},
        HTTP_HOST=FORGED,
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    for body in (message.body, message.alternatives[0][0]):
        links = _links(body)
        assert any("/nl/portaal/uitnodiging/" in link for link in links), body
        assert all(link.startswith(ADDRESS + "/") for link in links), links
        assert FORGED not in body


def test_password_reset_e_mail_links_to_the_configured_address(client, reporter):
    response = client.post(
        reverse("account_reset_password"), {"email": reporter.email}, HTTP_HOST=FORGED
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    links = _links(message.body)
    assert any("/account/password/reset/key/" in link for link in links), message.body
    assert all(link.startswith(ADDRESS + "/") for link in links), links
    assert FORGED not in message.body
