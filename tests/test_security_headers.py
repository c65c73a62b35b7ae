"""Content-Security-Policy and Permissions-Policy on every HTML response (goedwerk.security):
strict on the public site, the portal and the account pages; a separate, looser policy for the
Wagtail admin."""

import pytest
import wagtail_factories
from django.http import HttpResponse
from django.template import Context, Template
from django.test import Client
from wagtail.models import Locale

from events.factories import JobFairIndexPageFactory, JobFairPageFactory
from goedwerk import security
from partners.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.home.conftest import build_home, build_info_point, build_small_site
from tests.signin import activate_totp


def directives(header: str) -> dict[str, list[str]]:
    result = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in result, f"{name} twice in {header}"
        result[name] = sources
    return result


def assert_strict(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no CSP on {response.request['PATH_INFO']}"
    policy = directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["style-src"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    scripts = policy["script-src"]
    assert scripts[0] == "'self'"
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert all(source == "'self'" or source.startswith("'nonce-") for source in scripts)
    assert "*" not in header and "http:" not in header and "https:" not in header
    assert response["Permissions-Policy"] == security.PERMISSIONS_POLICY
    return policy


@pytest.fixture
def small_site(db):
    locale_nl = Locale.objects.get_or_create(language_code="nl")[0]
    site = build_small_site(
        build_home(locale_nl),
        build_info_point(locale_nl),
        wagtail_factories.ImageFactory(title="Informatiepunt"),
    )
    index = JobFairIndexPageFactory(parent=site["home"])
    site["job_fair_index"] = index
    site["job_fair"] = JobFairPageFactory(parent=index)
    return site


PUBLIC = {
    "home": lambda site: site["home"].url,
    "home_pl": lambda site: site["home_pl"].url,
    "campaign": lambda site: site["campaign"].url,
    "content (info)": lambda site: site["privacy"].url,
    "job fair index": lambda site: site["job_fair_index"].url,
    "job fair": lambda site: site["job_fair"].url,
    "search": lambda site: "/nl/zoeken/?q=inschrijven",
    "not found": lambda site: "/nl/bestaat-niet/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(PUBLIC))
def test_public_pages_have_the_strict_policy(client, small_site, name):
    response = client.get(PUBLIC[name](small_site))
    assert response.status_code in {200, 404}
    assert response["Content-Type"].startswith("text/html")
    policy = assert_strict(response)
    # The public site has no inline script at all, so not even a nonce is offered.
    assert policy["script-src"] == ["'self'"]
    # No inline event handler or style attribute that the policy would refuse.
    html = response.content.decode()
    assert " style=" not in html and "<style" not in html and " onclick=" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/nl/account/login/",
        "/pl/account/login/",
        "/nl/account/password/reset/",
        "/nl/account/signup/",
        "/nl/portaal/uitnodiging/not-a-token/",
    ],
)
def test_account_pages_have_the_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code in {200, 410}
    assert_strict(response)


@pytest.mark.django_db
def test_portal_pages_have_the_strict_policy():
    organisation = OrganisationFactory(slug="alfa")
    user = MembershipFactory(organisation=organisation).user
    client = Client()
    client.force_login(user)
    for path in ["/nl/portaal/", "/nl/portaal/alfa/", "/nl/portaal/alfa/leden/"]:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert_strict(response)
    # The account pages of a signed-in member too (allauth's own templates with JSON data
    # scripts and static JavaScript only).
    for path in ["/nl/account/email/", "/nl/account/password/change/", "/nl/account/sessions/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict(response)


@pytest.mark.django_db
def test_the_admin_has_its_own_policy():
    user = UserFactory(is_staff=True, is_superuser=True)
    activate_totp(user)
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    # Wagtail 7.4 needs inline scripts and styles, but nothing from elsewhere, no eval, no
    # plugins, no base-URL tricks, no foreign form targets and no framing by others.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] in (["'self'"], ["'none'"])
    assert not any(source.startswith("'nonce-") for source in policy["script-src"])
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["Permissions-Policy"] == security.PERMISSIONS_POLICY


def test_the_nonce_is_offered_only_when_a_template_used_it(rf):
    def view(request):
        html = Template('<script nonce="{{ csp_nonce }}">1</script>').render(
            Context({"csp_nonce": request.csp_nonce})
        )
        return HttpResponse(html)

    request = rf.get("/nl/")
    response = security.SecurityHeadersMiddleware(view)(request)
    nonce = str(request.csp_nonce)
    assert len(nonce) >= 22
    assert f'nonce="{nonce}"' in response.content.decode()
    assert directives(response["Content-Security-Policy"])["script-src"] == [
        "'self'",
        f"'nonce-{nonce}'",
    ]
    # A fresh nonce for every request.
    other = rf.get("/nl/")
    security.SecurityHeadersMiddleware(view)(other)
    assert str(other.csp_nonce) != nonce


@pytest.mark.parametrize(
    ("x_frame_options", "expected"), [("DENY", ["'none'"]), ("SAMEORIGIN", ["'self'"])]
)
def test_frame_ancestors_follows_x_frame_options(x_frame_options, expected, rf):
    def view(request):
        response = HttpResponse("<p>hi</p>")
        response["X-Frame-Options"] = x_frame_options
        return response

    response = security.SecurityHeadersMiddleware(view)(rf.get("/nl/"))
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == expected


def test_only_html_gets_a_csp_but_everything_a_permissions_policy(rf):
    def view(request):
        return HttpResponse(b"BEGIN:VCALENDAR", content_type="text/calendar")

    response = security.SecurityHeadersMiddleware(view)(rf.get("/nl/banenmarkten/ical/"))
    assert "Content-Security-Policy" not in response
    assert response["Permissions-Policy"] == security.PERMISSIONS_POLICY


def test_permissions_policy_switches_off_what_the_site_never_uses():
    features = dict(item.split("=") for item in security.PERMISSIONS_POLICY.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()"
    # Passkeys and security keys are a second factor: WebAuthn keeps its default (self).
    assert not any(feature.startswith("publickey-credentials") for feature in features)


def test_form_action_admits_a_configured_sign_in_broker(settings, rf):
    settings.GOEDWERK_CSP_FORM_ACTION = ["https://broker.example"]
    response = security.SecurityHeadersMiddleware(lambda request: HttpResponse("<p>x</p>"))(
        rf.get("/nl/account/login/")
    )
    policy = directives(response["Content-Security-Policy"])
    assert policy["form-action"] == ["'self'", "https://broker.example"]


@pytest.mark.django_db
def test_the_admin_loads_nothing_from_other_hosts():
    """No Gravatar (a hash of the staff member's e-mail address to a third party) and no
    release check: every image, script, stylesheet and fetch target is on this site."""
    import re

    user = UserFactory(is_staff=True, is_superuser=True, email="beheer@gemeente.example")
    activate_totp(user)
    client = Client()
    client.force_login(user)
    for path in ["/admin/", "/admin/account/", "/admin/users/", "/admin/pages/"]:
        html = client.get(path).content.decode()
        assert "gravatar" not in html.lower(), path
        assert "releases.wagtail.org" not in html, path
        loaded = re.findall(r'<(?:img|script|link|iframe)\b[^>]*\b(?:src|href)="([^"]+)"', html)
        assert loaded, path
        assert not [url for url in loaded if url.startswith(("http:", "https:", "//"))], path
