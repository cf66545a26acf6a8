"""Admin security: throttled, non-enumerating login; CSRF; deploy checks clean
under the production settings."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from tests.accounts import PASSWORD, make_editor

LOGIN = "/admin/login/?next=/admin/"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def throttle(settings):
    settings.LOGIN_THROTTLE = {"per_username": 3, "per_ip": 6, "window_s": 600}
    cache.clear()
    yield
    cache.clear()


def attempt(client, username, password, ip="10.0.0.1"):
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)
    return response.status_code, response.content.decode()


def test_repeated_failures_lock_the_user_name_even_with_the_right_password(db, throttle):
    make_editor("alia")
    client = Client()
    for _ in range(3):
        status, page = attempt(client, "alia", "wrong")
        assert status == 200 and "Please enter the correct username and password" in page
    status, page = attempt(client, "alia", PASSWORD)
    assert status == 200 and "Too many failed sign-in attempts" in page
    status, page = attempt(client, "alia", PASSWORD, ip="10.0.0.2")  # another address too
    assert "Too many failed sign-in attempts" in page
    cache.clear()  # the window has passed
    status, _ = attempt(client, "alia", PASSWORD)
    assert status == 302


def test_the_throttle_does_not_reveal_which_accounts_exist(db, throttle):
    make_editor("alia")
    pages = {}
    for username in ("alia", "nobody-by-this-name"):
        client = Client()
        first = attempt(client, username, "wrong", ip=f"10.1.0.{len(pages)}")[1]
        for _ in range(3):
            last = attempt(client, username, "wrong", ip=f"10.1.0.{len(pages)}")[1]
        pages[username] = tuple(
            re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page).replace(username, "NAME")
            for page in (first, last)
        )
    assert pages["alia"] == pages["nobody-by-this-name"]


def test_one_address_trying_many_names_is_throttled(db, throttle):
    make_editor("alia")
    client = Client()
    for n in range(6):
        attempt(client, f"guess{n}", "wrong", ip="10.9.9.9")
    _, page = attempt(client, "alia", PASSWORD, ip="10.9.9.9")
    assert "Too many failed sign-in attempts" in page
    assert attempt(client, "alia", PASSWORD, ip="10.9.9.10")[0] == 302


def test_a_successful_login_clears_the_user_names_failures(db, throttle):
    make_editor("alia")
    client = Client()
    for _ in range(2):
        attempt(client, "alia", "wrong")
    assert attempt(client, "alia", PASSWORD)[0] == 302
    client.logout()
    for _ in range(2):
        attempt(client, "alia", "wrong")
    assert attempt(client, "alia", PASSWORD)[0] == 302


def test_admin_posts_need_a_csrf_token(db, throttle):
    make_editor("alia")
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "alia", "password": PASSWORD})
    assert response.status_code == 403
    client.force_login(make_editor("omar"))
    response = client.post("/admin/events/incident/add/", {"title": "x"})
    assert response.status_code == 403


def test_deploy_checks_are_clean_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "conflictmap.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "CONFLICTMAP_VAR_DIR": str(tmp_path),
    }
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # test-only settings
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
