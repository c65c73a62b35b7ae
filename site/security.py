"""Content-Security-Policy and Permissions-Policy headers (issue 15, point 6).

Two policies, both without any host outside the site:

- ``PUBLIC_POLICY`` for the public site, the partner portal and the account pages: scripts and
  styles only from the site's own static files, or (scripts) an inline element that carries this
  request's nonce. The site's templates have no inline scripts, styles or event handlers;
  ``<script type="application/ld+json">`` is data, which CSP does not block. Templates that
  really need an inline script write ``<script nonce="{{ csp_nonce }}">`` (the context processor
  below); the nonce only appears in the header of responses that used it.
- ``ADMIN_POLICY`` for the Wagtail admin (and its page previews) and Django's admin: Wagtail 7.4
  still renders inline ``<script>`` elements (date pickers, inline panels, choosers, the
  translation editor) and ``style`` attributes, so it allows ``'unsafe-inline'`` for scripts and
  styles, and ``blob:`` images for upload previews, but nothing from other hosts, no ``eval``, no
  plugins, no foreign form targets and no framing by other sites.

``frame-ancestors`` follows the response's ``X-Frame-Options`` (``DENY`` → ``'none'``,
``SAMEORIGIN`` → ``'self'``), so Wagtail's preview panel, which marks its views SAMEORIGIN, keeps
working while everything else cannot be framed at all in production.

Extra sources for ``form-action`` (an OpenID Connect broker's login page that a form submission
redirects to) come from ``GOEDWERK_CSP_FORM_ACTION`` (see settings/base.py).
"""

import secrets

from django.conf import settings

CSP_HEADER = "Content-Security-Policy"

_COMMON = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

PUBLIC_POLICY = {
    **_COMMON,
    "script-src": ["'self'"],
    "style-src": ["'self'"],
}

ADMIN_POLICY = {
    **_COMMON,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
}

# Powerful browser features the site never uses, switched off for the site and anything it
# embeds. WebAuthn (publickey-credentials-*) keeps its default (this origin only): passkeys and
# security keys are a second factor here.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

_FRAME_ANCESTORS = {"DENY": "'none'", "SAMEORIGIN": "'self'"}


class CSPNonce:
    """A per-request random nonce that remembers whether a template used it."""

    def __init__(self):
        self._value = None

    @property
    def used(self) -> bool:
        return self._value is not None

    def __str__(self) -> str:
        if self._value is None:
            self._value = secrets.token_urlsafe(18)
        return self._value

    __html__ = __str__  # already safe: URL-safe base64 only


def admin_prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "GOEDWERK_CSP_ADMIN_PATHS", ("/admin/", "/django-admin/")))


def policy_for(request, response) -> str:
    """The header value for this request's response."""
    if request.path.startswith(admin_prefixes()):
        directives = {key: list(value) for key, value in ADMIN_POLICY.items()}
    else:
        directives = {key: list(value) for key, value in PUBLIC_POLICY.items()}
        nonce = getattr(request, "csp_nonce", None)
        if isinstance(nonce, CSPNonce) and nonce.used:
            directives["script-src"].append(f"'nonce-{nonce}'")
    directives["form-action"] += list(getattr(settings, "GOEDWERK_CSP_FORM_ACTION", []))
    ancestors = _FRAME_ANCESTORS.get(response.get("X-Frame-Options", "").upper())
    if ancestors:
        directives["frame-ancestors"] = [ancestors]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class SecurityHeadersMiddleware:
    """Sets Permissions-Policy on every response and Content-Security-Policy on every HTML
    response. Put it above ``XFrameOptionsMiddleware`` so that it sees that header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = CSPNonce()
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if (
            CSP_HEADER not in response.headers
            and response.get("Content-Type", "").split(";")[0].strip() == "text/html"
        ):
            response.headers[CSP_HEADER] = policy_for(request, response)
        return response


def csp(request) -> dict:
    """Template context processor: ``{{ csp_nonce }}`` for the rare inline script."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
