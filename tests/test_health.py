"""/healthz (the process answers) and /readyz (database, cache, broker), for a
load balancer: a failing dependency gives 503 and names itself."""

import importlib

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_database_and_cache(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["failed"] == []
    assert body["checks"]["database:default"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert "broker" not in body["checks"]  # no REDIS_URL: jobs run inline


def test_readyz_pings_the_broker(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    body = client.get(reverse("readyz")).json()
    assert body["checks"]["broker"] == "ok", body


def test_readyz_names_what_failed_with_503(client, settings):
    settings.REDIS_URL = CLOSED_PORT
    settings.CACHES = {
        "default": {
            "BACKEND": "conflictmap.cache.RedisCache",  # as prod uses,
            "LOCATION": CLOSED_PORT,
        }
    }
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failed"] == ["cache", "broker"]
    assert body["checks"]["database:default"] == "ok"
    assert body["checks"]["broker"].startswith("failed: ConnectionError")


def test_probes_are_not_redirected_to_https(client, settings, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "probe-test")
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "1")
    prod = importlib.import_module("conflictmap.settings.prod")
    settings.SECURE_SSL_REDIRECT = prod.SECURE_SSL_REDIRECT
    settings.SECURE_REDIRECT_EXEMPT = prod.SECURE_REDIRECT_EXEMPT
    assert client.get("/incidents/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
