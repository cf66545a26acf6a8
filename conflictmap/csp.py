"""Content-Security-Policy for every response (Django 5.2 has none built in).

The policy is ``settings.CONTENT_SECURITY_POLICY``: a dict of directive -> list of
sources. The placeholder ``NONCE`` becomes ``'nonce-…'``, fresh for each request
and offered to templates as ``request.csp_nonce``. Only django-leaflet's map
bootstrap and admin map widget use it (they accept the nonce); our own scripts
are files under static/js/, so scripts never need 'unsafe-inline'.

Pages drawn by other packages' templates (the admin, the browsable API, Swagger
UI) also get inline styles (settings.CONTENT_SECURITY_POLICY_INLINE_STYLE_PATHS).
A view that needs another policy (the offline HTML export) sets the header
itself; this middleware then leaves it alone.
"""

from __future__ import annotations

import base64
import os

from django.conf import settings

HEADER = "Content-Security-Policy"
NONCE = "NONCE"


def make_nonce() -> str:
    return base64.b64encode(os.urandom(16)).decode("ascii")


def policy_header(policy: dict[str, list[str]], *, nonce: str | None = None) -> str:
    """The header value for ``policy``; ``NONCE`` sources become the nonce (or are
    dropped when there is none)."""
    parts = []
    for directive, sources in policy.items():
        values = []
        for source in sources:
            if source == NONCE:
                if nonce:
                    values.append(f"'nonce-{nonce}'")
            else:
                values.append(source)
        parts.append(" ".join([directive, *values]))
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = make_nonce()
        response = self.get_response(request)
        if HEADER in response or (settings.DEBUG and response.status_code >= 400):
            # With DEBUG on, Django's own error pages carry inline script and style.
            return response
        response[HEADER] = policy_header(page_policy(request.path), nonce=request.csp_nonce)
        return response


def page_policy(path: str) -> dict[str, list[str]]:
    """The site's policy, with inline styles allowed on the pages other packages
    draw (settings.CONTENT_SECURITY_POLICY_INLINE_STYLE_PATHS)."""
    policy = settings.CONTENT_SECURITY_POLICY
    if path.startswith(tuple(settings.CONTENT_SECURITY_POLICY_INLINE_STYLE_PATHS)):
        policy = {**policy, "style-src": [*policy.get("style-src", []), "'unsafe-inline'"]}
    return policy


# The offline HTML map (events.exports.html_map) inlines Leaflet, the basemap
# drawer and folium's start-up script with the data, so it cannot run under the
# site's policy. It is sent as a download; should a browser show it from this
# site anyway, it runs sandboxed: an opaque origin without the site's cookies or
# storage, and with no network at all (inline code, inline styles, data: images).
OFFLINE_DOCUMENT_POLICY = {
    "sandbox": ["allow-scripts"],
    "default-src": ["'none'"],
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}
