"""Browser tests: Debian's chromium driven by Playwright against the live server.
Screenshots go to $ARTIFACTS_DIR (default test-artifacts/)."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.polling import finish_requests

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = Path(os.environ.get("ARTIFACTS_DIR", "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


# Every Content-Security-Policy violation in any page of the run: the browser's
# securitypolicyviolation event, reported through a binding (CDP bindings and
# init scripts are not subject to the page's policy).
CSP_VIOLATIONS: list[dict] = []
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.reportCspViolation({
    page: document.location.href, directive: e.effectiveDirective,
    blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample,
  });
});
"""


def watch_csp(context):
    context.expose_binding("reportCspViolation", lambda _source, v: CSP_VIOLATIONS.append(v))
    context.add_init_script(REPORT_VIOLATIONS)
    return context


@pytest.fixture(autouse=True)
def no_csp_violations():
    """Fails the test if any page it opened broke the Content-Security-Policy."""
    CSP_VIOLATIONS.clear()
    yield
    found = list(CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()
    assert found == [], f"Content-Security-Policy violations: {found}"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        new_context = browser.new_context
        browser.new_context = lambda **kwargs: watch_csp(new_context(**kwargs))
        yield browser
        browser.close()


@pytest.fixture
def demo_data(transactional_db):
    """Live-server tests run outside the session transaction: load the demo again."""
    call_command("load_demo", verbosity=0)


@pytest.fixture
def page(browser, live_server, demo_data):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server.url)
    # Offline first: any request leaving this machine fails, as it would here.
    context.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: route.abort(),
    )
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()
    finish_requests()
