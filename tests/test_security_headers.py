"""Security headers on every response: a Content-Security-Policy without inline
script (issue 12, finding 5), the usual hardening headers, and the offline HTML
map's own sandboxed policy. The browser tests check that no page breaks the
policy (tests/browser/conftest.py fails any test that sees a violation)."""

import re

import pytest

from tests.accounts import make_reviewer

pytestmark = pytest.mark.django_db
SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/incidents/",
        f"/en/incidents/{SEED}/",
        "/api/v1/incidents/",
        "/api/incidents.geojson",
    ],
)
def test_every_response_carries_the_policy_and_hardening_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    script = policy["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert script[0] == "'self'" and re.fullmatch(r"'nonce-[A-Za-z0-9+/]{22}=='", script[1])
    assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert policy["connect-src"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", ["/en/", f"/en/incidents/{SEED}/"])
def test_public_pages_have_no_inline_code_or_style_but_the_nonced_map_bootstrap(client, url):
    response = client.get(url)
    page = response.content.decode()
    policy = directives(response)
    assert policy["style-src"] == ["'self'"]
    nonce = policy["script-src"][1].removeprefix("'nonce-").removesuffix("'")
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S):
        if body.strip() and 'type="application/json"' not in attributes:
            assert f'nonce="{nonce}"' in attributes, attributes
            assert "L.Map.djangoMap" in body  # django-leaflet's bootstrap, nothing else
        assert "src=" in attributes or body.strip(), attributes
    assert " style=" not in page and "<style" not in page
    assert re.search(r"\son\w+=", page) is None  # no inline event handlers
    # A fresh nonce for every response.
    assert directives(client.get(url))["script-src"][1] != policy["script-src"][1]


def test_pages_drawn_by_other_packages_allow_inline_styles_only(client):
    client.force_login(make_reviewer())
    for url in ["/admin/", "/api/docs/", "/api/v1/incidents/?format=api"]:
        policy = directives(client.get(url))
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"], url
        assert "'unsafe-inline'" not in policy["script-src"], url
    docs = client.get("/api/docs/").content.decode()
    assert "<script>" not in docs  # Swagger UI's start-up script is a file too
    assert directives(client.get("/en/incidents/"))["style-src"] == ["'self'"]


def test_the_offline_html_map_is_sandboxed_without_network(client):
    response = client.get("/api/incidents.html")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    policy = directives(response)
    assert policy["sandbox"] == ["allow-scripts"]
    assert policy["default-src"] == ["'none'"]
    assert policy["img-src"] == ["data:"]
    assert "connect-src" not in policy  # falls back to default-src 'none'


def test_only_debug_error_pages_go_without_the_policy(client, settings):
    assert "Content-Security-Policy" in client.get("/en/incidents/no-such-incident/")
    settings.DEBUG = True
    assert "Content-Security-Policy" not in client.get("/en/incidents/no-such-incident/")
    assert "Content-Security-Policy" in client.get("/en/incidents/")
