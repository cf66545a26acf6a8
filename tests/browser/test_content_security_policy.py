"""Every kind of page renders under the site's Content-Security-Policy: the public
map, table and incident page, Swagger UI, the browsable API, and the admin with
its django-leaflet maps and django-simple-history pages. The autouse fixture in
conftest.py fails a test on any securitypolicyviolation event; these tests add
the pages the other browser tests do not open. The offline HTML map is shown
under its own sandboxed policy."""

import pytest
from django.contrib.auth import get_user_model

from events.models import ControlZone, Incident, Place
from tests.browser.polling import wait_for_js

pytestmark = pytest.mark.browser
SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"
PASSWORD = "csp-test-pass-5830"


@pytest.fixture
def admin_page(page):
    get_user_model().objects.create_superuser("csp_admin", password=PASSWORD)
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "csp_admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def visit(page, url: str, ready: str, shot, *, attached: bool = False):
    response = page.goto(url)
    assert response.status == 200, url
    assert "Content-Security-Policy" in {name.title() for name in response.headers}, url
    page.wait_for_selector(ready, state="attached" if attached else "visible")
    if page.locator("#id_geom-map").count():  # an admin map: its basemap is drawn too
        page.wait_for_selector("#id_geom-map .leaflet-basemap-pane path", state="attached")
    page.screenshot(path=shot, full_page=True)


def test_public_pages_and_api_docs_render_under_the_policy(page, artifacts_dir):
    visit(
        page, "/", "#map .leaflet-basemap-pane path", artifacts_dir / "csp-map.png", attached=True
    )
    wait_for_js(page, "document.getElementById('map').dataset.incidentsLoading === ''")
    assert page.locator(".incident-cluster, .leaflet-marker-icon").count() >= 1
    # Legend colours set from data attributes, not style attributes.
    colour = page.locator(".layers .swatch[data-colour]").first
    assert colour.evaluate("el => el.style.getPropertyValue('--swatch')") == colour.get_attribute(
        "data-colour"
    )
    visit(page, "/incidents/", "table tbody tr", artifacts_dir / "csp-table.png")
    visit(
        page,
        f"/incidents/{SEED}/",
        "#incident-map .leaflet-basemap-pane path",
        artifacts_dir / "csp-detail.png",
        attached=True,
    )
    assert page.locator("#incident-map .leaflet-marker-pane *, #incident-map path").count() > 1
    visit(page, "/api/docs/", ".swagger-ui .info .title", artifacts_dir / "csp-api-docs.png")
    page.wait_for_selector(".swagger-ui .opblock")  # the schema loaded and was drawn
    visit(page, "/api/v1/incidents/?format=api", ".response-info", artifacts_dir / "csp-api.png")
    assert page.console_errors == []


def test_admin_pages_render_under_the_policy(admin_page, artifacts_dir):
    page = admin_page
    incident = Incident.objects.get(code=SEED)
    zone = ControlZone.objects.order_by("pk").first()
    place = Place.objects.filter(geom__isnull=False).order_by("pk").first()
    marker, outline = "#id_geom-map .leaflet-marker-icon", "#id_geom-map path.leaflet-interactive"
    pages = [
        ("/admin/", "#content-main", "admin-index"),
        ("/admin/events/incident/", "#result_list", "admin-incidents"),
        (f"/admin/events/incident/{incident.pk}/change/", marker, "admin-incident"),
        (f"/admin/events/incident/{incident.pk}/history/", "#content", "admin-incident-history"),
        (f"/admin/events/controlzone/{zone.pk}/change/", outline, "admin-zone"),
        (f"/admin/events/place/{place.pk}/change/", marker, "admin-place"),
        ("/admin/events/actor/", "#result_list", "admin-actors"),
        ("/admin/authtoken/tokenproxy/", "#content", "admin-tokens"),
    ]
    for url, ready, name in pages:
        visit(page, url, ready, artifacts_dir / f"csp-{name}.png")
    assert page.console_errors == []


def test_the_served_offline_map_runs_under_its_sandboxed_policy(page, live_server, artifacts_dir):
    download = page.request.get("/api/incidents.html")
    assert download.status == 200
    policy = download.headers["content-security-policy"]
    assert policy.startswith("sandbox allow-scripts")
    # Browsers save an attachment instead of showing it; show it here as the
    # site would if it were opened in place, under the policy it is sent with.
    shown = f"{live_server.url}/offline-map-as-served"
    page.route(
        shown,
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy},
            body=download.body(),
        ),
    )
    page.goto(shown)
    wait_for_js(page, "() => window.L && document.querySelector('.leaflet-control-layers')")
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert any("Incidents (1)" in label for label in labels)
    # Sandboxed: an opaque origin, without the site's cookies.
    cookie = "() => { try { return document.cookie; } catch (e) { return e.name; } }"
    assert page.evaluate(cookie) == "SecurityError"
    page.screenshot(path=artifacts_dir / "csp-offline-map-served.png")
    assert page.console_errors == []
