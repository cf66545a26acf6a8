"""The public reads that are cached (basemap, zone layers per date, map points,
clusters and timeline per filter) are served from the cache until a write
through the services, which shows at once on the next read."""

import datetime as dt
import gzip
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.test import Client
from django.urls import reverse

from events import selectors, services
from events.models import ControlZone, Place, PlaceKind

pytestmark = pytest.mark.django_db

DAY = dt.date(2017, 10, 23)


def test_points_change_at_once_after_a_published_edit(client, seed_incident):
    url = reverse("api:incident-points-geojson")

    def title():
        features = client.get(url).json()["features"]
        return {f["id"]: f["properties"]["title"] for f in features}[seed_incident.code]

    before = title()
    assert title() == before  # served again (from the cache)
    services.update_incident(incident=seed_incident, data={"title": "Air strikes on Al-Qusur"})
    assert title() == "Air strikes on Al-Qusur"


def test_clusters_and_timeline_follow_an_edit(client, seed_incident):
    lon, lat = seed_incident.geom.x, seed_incident.geom.y
    box = f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}"
    clusters_url = reverse("api:incident-clusters") + f"?z=16&bbox={box}"
    timeline_url = reverse("api:incident-timeline") + "?bucket=month"

    def point_dates():
        features = client.get(clusters_url).json()["features"]
        return {f["id"]: f["properties"]["date_start"] for f in features}

    def months():
        return client.get(timeline_url).json()["periods"]

    assert point_dates()[seed_incident.code] == "2017-10-23"
    assert "2017-10-01" in months()
    day = dt.date(2017, 5, 2)
    services.update_incident(incident=seed_incident, data={"date_start": day, "date_end": day})
    assert point_dates()[seed_incident.code] == "2017-05-02"
    assert "2017-05-01" in months()


def test_zone_layer_is_cached_per_date_and_follows_a_zone_edit(client, django_assert_num_queries):
    url = reverse("api:control-zones-geojson") + f"?date={DAY}"
    zone = selectors.zones_on(day=DAY).first()
    assert zone is not None, "the demo data has zones on this day"
    client.get(url)
    with django_assert_num_queries(0):  # the second read never reaches the database
        cached = client.get(url).json()
    assert zone.code in {f["id"] for f in cached["features"]}

    services.save_zone(zone=ControlZone.objects.get(pk=zone.pk), data={"description": "Edited"})
    fresh = {f["id"]: f["properties"] for f in client.get(url).json()["features"]}
    assert fresh[zone.code]["description"] == "Edited"
    other_day = client.get(reverse("api:control-zones-geojson") + "?date=2017-10-24").json()
    assert other_day["date"] == "2017-10-24"


def test_basemap_is_cached_and_follows_a_place_edit(client, django_assert_num_queries):
    url = reverse("api:basemap-geojson")
    town = (
        Place.objects.filter(kind__in=[PlaceKind.CITY, PlaceKind.TOWN], geom__isnull=False)
        .filter(slug__in=[row[0] for row in selectors.basemap_places()])
        .first()
    )
    client.get(url)
    with django_assert_num_queries(0):
        names = {f.get("id"): f["properties"]["name"] for f in client.get(url).json()["features"]}
    assert names[town.slug] == town.name

    renamed = f"{town.name} (renamed)"
    services.save_place(place=town, data={"name": renamed})
    names = {f.get("id"): f["properties"]["name"] for f in client.get(url).json()["features"]}
    assert names[town.slug] == renamed


def test_popup_is_cached_for_the_public_and_follows_an_edit(
    client, seed_incident, django_assert_num_queries
):
    url = reverse("events:incident-popup", kwargs={"code": seed_incident.code})
    assert seed_incident.title in client.get(url).content.decode()
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
    services.update_incident(incident=seed_incident, data={"title": "Strikes on Al-Qusur"})
    assert "Strikes on Al-Qusur" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/incident-points.geojson",
        f"/api/control-zones.geojson?date={DAY}",
        "/api/basemap.geojson",
        "/en/incidents/2017-10-23-deir-ez-zor-al-qusur-air-strikes/popup/",
    ],
)
def test_public_answers_are_revalidated_by_etag_until_a_write(client, seed_incident, url):
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert "no-cache" in first["Cache-Control"]  # asked again each time, with the ETag
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    services.update_incident(incident=seed_incident, data={"title": "Strikes on Al-Qusur"})
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_gzipped_answer_is_the_plain_answer_and_revalidates(client, seed_incident):
    url = "/api/incident-clusters.json?z=9&bbox=39.5,34.9,40.8,35.8"
    plain = client.get(url)
    zipped = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in plain and zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert zipped["ETag"] == f"W/{plain['ETag']}"
    for etag in (plain["ETag"], zipped["ETag"]):
        revalidated = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
        assert revalidated.status_code == 304


def test_popup_of_one_language_is_not_served_in_another(client, seed_incident):
    path = f"incidents/{seed_incident.code}/popup/"
    english, arabic = client.get(f"/en/{path}"), client.get(f"/ar/{path}")
    assert english.content != arabic.content and english["ETag"] != arabic["ETag"]
    assert client.get(f"/en/{path}").content == english.content


def test_answers_from_redis_follow_an_edit_across_threads(client, settings, seed_incident):
    """On the production cache (Redis, one client per pool shared by the threads)."""
    location, prefix = "redis://127.0.0.1:6379/15", f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "conflictmap.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }
    url = f"/en/incidents/{seed_incident.code}/popup/"
    try:
        first = client.get(url).content
        with ThreadPoolExecutor(4) as pool:
            assert set(pool.map(lambda _: Client().get(url).content, range(8))) == {first}
        services.update_incident(incident=seed_incident, data={"title": "Strikes on Al-Qusur"})
        assert "Strikes on Al-Qusur" in client.get(url).content.decode()
    finally:
        server = redis.Redis.from_url(location)
        server.delete(*server.keys(f"{prefix}:*"))
