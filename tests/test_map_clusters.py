"""The map's server-side clusters and timeline: what a view at a zoom level
receives, on the real database of either backend."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point

from events import clusters, services
from tests.factories import CasualtyClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"
SYRIA = "34.5,31.5,43.5,38.0"
RAQQA = (39.01, 35.95)


@pytest.fixture
def synthetic(settings):
    settings.SHOW_SYNTHETIC_INCIDENTS = True


def get_clusters(client, **params):
    response = client.get("/api/incident-clusters.json", params)
    assert response.status_code == 200, response.content
    return response.json()


def incidents_near(lon, lat, n, **kwargs):
    return [
        IncidentFactory(geom=Point(lon + i * 0.001, lat + i * 0.001, srid=4326), **kwargs)
        for i in range(n)
    ]


def test_country_view_gets_clusters_with_counts_killed_and_dominant_type(
    client, synthetic, monkeypatch
):
    monkeypatch.setattr(clusters, "POINTS_PER_TILE", 3)
    incidents_near(*RAQQA, 4, event_type="battles")
    incidents_near(*RAQQA, 2, event_type="protests")
    for incident in incidents_near(RAQQA[0] + 0.01, RAQQA[1], 1, event_type="battles"):
        CasualtyClaimFactory(source__incident=incident, min_value=7)

    data = get_clusters(client, z=6, bbox=SYRIA)
    raqqa = [
        c
        for c in data["clusters"]
        if c["cell"][0] <= RAQQA[0] < c["cell"][2] and c["cell"][1] <= RAQQA[1] < c["cell"][3]
    ]
    assert len(raqqa) == 1
    cluster = raqqa[0]
    assert cluster["count"] == 7
    assert cluster["killed"] == 7
    assert cluster["type"] == "battles"
    assert 39.0 < cluster["lon"] < 39.03 and 35.9 < cluster["lat"] < 36.0
    # Every incident in the view is counted once: clusters plus single points.
    assert data["total"] == sum(c["count"] for c in data["clusters"]) + len(data["features"])
    assert data["total"] == 8  # the seven above and the published seed incident
    assert RAQQA[0] not in [f["geometry"]["coordinates"][0] for f in data["features"]]


def test_close_zoom_sends_every_incident_as_a_point_with_what_the_map_styles(client, synthetic):
    incidents_near(*RAQQA, 5)
    data = get_clusters(client, z=13, bbox="38.95,35.9,39.05,36.0")
    assert data["clusters"] == []
    assert len(data["features"]) == data["total"] == 5
    props = data["features"][0]["properties"]
    assert props["event_type"] == "explosions_remote_violence"
    assert props["date_start"] == "2017-10-20"


def test_close_up_a_crowded_tile_still_clusters_until_the_stack_zoom(
    client, synthetic, monkeypatch
):
    monkeypatch.setattr(clusters, "POINTS_PER_TILE", 2)
    monkeypatch.setattr(clusters, "CLOSE_POINTS_PER_TILE", 3)
    incidents_near(*RAQQA, 5)
    bbox = "39.0,35.94,39.03,35.97"
    close = get_clusters(client, z=clusters.POINTS_ZOOM, bbox=bbox)
    assert close["features"] == [] and sum(c["count"] for c in close["clusters"]) == 5
    closest = get_clusters(client, z=clusters.STACK_ZOOM, bbox=bbox)
    assert closest["clusters"] == [] and len(closest["features"]) == 5


def test_few_incidents_in_a_tile_come_as_points_at_any_zoom(client, seed_incident):
    data = get_clusters(client, z=5, bbox=SYRIA)
    assert [f["id"] for f in data["features"]] == [SEED]
    assert data["clusters"] == []
    assert (
        data["features"][0]["properties"]["location_precision"] == seed_incident.location_precision
    )


@pytest.mark.parametrize("params", [{"q": "Qusur"}, {"actor": "us_led_coalition"}, {}])
def test_points_filtered_through_joined_tables_read_as_plain_ones(client, seed_incident, params):
    """Text and actor filters join the places and attributions (which have their
    own geometry and codes): the point sent is the same Feature either way."""
    plain = get_clusters(client, z=9, bbox=SYRIA)["features"]
    data = get_clusters(client, z=9, bbox=SYRIA, **params)
    assert [f["id"] for f in data["features"]] == [SEED]
    assert data["features"] == plain
    point = data["features"][0]
    assert point["geometry"] == {"type": "Point", "coordinates": [40.14084, 35.33588]}
    assert point["properties"]["date_start"] == "2017-10-23"
    assert point["properties"]["fatalities_best"] == seed_incident.fatalities_best


def test_filters_apply_to_clusters(client, synthetic, monkeypatch):
    monkeypatch.setattr(clusters, "POINTS_PER_TILE", 0)
    incidents_near(*RAQQA, 3, event_type="battles")
    incidents_near(*RAQQA, 2, event_type="protests", date_start=dt.date(2016, 1, 5))
    assert get_clusters(client, z=6, bbox=SYRIA, type="protests")["total"] == 2
    assert get_clusters(client, z=6, bbox=SYRIA, to="2016-12-31")["total"] == 2
    assert get_clusters(client, z=6, bbox=SYRIA, type="battles")["total"] == 3


def test_a_write_is_seen_at_once_despite_the_cache(client, synthetic, django_assert_num_queries):
    first = get_clusters(client, z=7, bbox=SYRIA)
    with django_assert_num_queries(0):  # served from the cache
        assert get_clusters(client, z=7, bbox=SYRIA) == first
    incident = IncidentFactory(geom=Point(*RAQQA, srid=4326))
    assert get_clusters(client, z=7, bbox=SYRIA)["total"] == first["total"] + 1
    services.transition_incident(incident=incident, transition="archive", user=None, system=True)
    assert get_clusters(client, z=7, bbox=SYRIA)["total"] == first["total"]


def test_tiles_do_not_count_an_incident_twice_on_their_edges(client, synthetic):
    size = clusters.tile_degrees(8)
    edge_lon = round(40 / size) * size  # a tile edge in Syria
    IncidentFactory(geom=Point(edge_lon, 35.3, srid=4326))
    IncidentFactory(geom=Point(edge_lon - 1e-9, 35.3, srid=4326))
    data = get_clusters(client, z=8, bbox="39.0,34.8,41.0,36.0")
    assert data["total"] == 3  # the two and the seed


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"bbox": SYRIA}, "'z' must be a whole zoom level"),
        ({"z": "31", "bbox": SYRIA}, "'z' must be between 0 and 20"),
        ({"z": "6"}, "'bbox' is required"),
        ({"z": "18", "bbox": SYRIA}, "too large"),
        ({"z": "6", "bbox": SYRIA, "type": "nope"}, "Unknown type"),
    ],
)
def test_bad_cluster_requests_are_a_clear_400(client, params, message):
    response = client.get("/api/incident-clusters.json", params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_timeline_counts_incidents_and_killed_per_month_and_type(client, synthetic):
    for day, event_type, killed in [
        (dt.date(2017, 9, 3), "battles", 5),
        (dt.date(2017, 9, 28), "battles", 2),
        (dt.date(2017, 9, 28), "protests", None),
        (dt.date(2017, 12, 1), "battles", 1),
    ]:
        incident = IncidentFactory(date_start=day, event_type=event_type)
        if killed:
            CasualtyClaimFactory(source__incident=incident, min_value=killed)
    response = client.get("/api/incident-timeline.json", {"bucket": "month", "q": "Synthetic"})
    assert response.status_code == 200
    data = response.json()
    assert data["bucket"] == "month"
    assert data["periods"] == ["2017-09-01", "2017-10-01", "2017-11-01", "2017-12-01"]
    by_type = {s["type"]: s for s in data["series"]}
    assert by_type["battles"]["counts"] == [2, 0, 0, 1]
    assert by_type["battles"]["killed"] == [7, 0, 0, 1]
    assert by_type["protests"]["counts"] == [1, 0, 0, 0]
    assert by_type["battles"]["label"] == "Battles"
    assert data["total"] == 4 and data["killed"] == 8


def test_timeline_weeks_start_on_monday_and_follow_the_view(client, synthetic):
    IncidentFactory(date_start=dt.date(2017, 10, 25), geom=Point(*RAQQA, srid=4326))
    week = client.get(
        "/api/incident-timeline.json", {"bucket": "week", "bbox": "38.9,35.8,39.1,36.1"}
    ).json()
    assert week["periods"] == ["2017-10-23"]
    assert week["total"] == 1


def test_timeline_sees_a_new_incident_despite_the_cache(client, synthetic, seed_incident):
    before = client.get("/api/incident-timeline.json").json()["total"]
    IncidentFactory()
    assert client.get("/api/incident-timeline.json").json()["total"] == before + 1


def test_timeline_bad_bucket_is_a_clear_400(client):
    response = client.get("/api/incident-timeline.json", {"bucket": "fortnight"})
    assert response.status_code == 400
    assert "'bucket' must be one of" in response.json()["error"]


def test_box_queries_use_the_spatial_index_and_keep_the_edges(synthetic, backend_name):
    from events.models import Incident
    from events.spatial import incidents_in_box, spatialite_index_enabled

    inside = IncidentFactory(geom=Point(39.5, 35.5, srid=4326))
    edge = IncidentFactory(geom=Point(39.0, 35.0, srid=4326))
    IncidentFactory(geom=Point(38.99, 35.5, srid=4326))
    found = incidents_in_box(Incident.objects.filter(synthetic=True), (39.0, 35.0, 40.0, 36.0))
    assert set(found) == {inside, edge}
    if backend_name == "spatialite":
        assert spatialite_index_enabled()
        assert "SpatialIndex" in str(found.query)


def test_timeline_of_one_view_is_not_served_for_another(client, synthetic, seed_incident):
    IncidentFactory(geom=Point(*RAQQA, srid=4326))
    raqqa = client.get("/api/incident-timeline.json", {"bbox": "38.9,35.8,39.1,36.1"}).json()
    syria = client.get("/api/incident-timeline.json", {"bbox": SYRIA}).json()
    assert raqqa["total"] == 1
    assert syria["total"] == 2


@pytest.mark.parametrize("path", ["/api/incident-clusters.json", "/api/incident-timeline.json"])
def test_map_answers_are_revalidated_by_etag_until_the_data_changes(client, synthetic, path):
    params = {"z": 7, "bbox": SYRIA}
    first = client.get(path, params)
    assert first.status_code == 200
    assert "max-age=60" in first["Cache-Control"] and first["ETag"]
    again = client.get(path, params, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    # Another view, or the same view after a write, is a new answer.
    other = client.get(
        path, {**params, "type": "battles"}, headers={"If-None-Match": first["ETag"]}
    )
    assert other.status_code == 200 and other["ETag"] != first["ETag"]
    IncidentFactory(geom=Point(*RAQQA, srid=4326))
    changed = client.get(path, params, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_answers_filtered_by_controller_are_never_reused(client, synthetic):
    response = client.get("/api/incident-clusters.json", {"z": 7, "bbox": SYRIA, "controller": "x"})
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and not response.has_header("ETag")


def test_points_of_scattered_tiles_each_come_once(client, synthetic):
    size = clusters.tile_degrees(13)
    x0, y0 = round(39.0 / size), round(35.9 / size)
    # Tiles (x0, y0), (x0 + 2, y0) (same row, a gap between) and (x0 + 1, y0 + 1),
    # one incident on the edge the last shares with the row below.
    spots = [
        (x0 * size + size / 2, y0 * size + size / 2),
        ((x0 + 2) * size + size / 2, y0 * size + size / 2),
        ((x0 + 1) * size + size / 2, (y0 + 1) * size + size / 2),
        ((x0 + 1) * size + size / 2, (y0 + 1) * size),
    ]
    made = [IncidentFactory(geom=Point(lon, lat, srid=4326)) for lon, lat in spots]
    bbox = f"{x0 * size},{y0 * size},{(x0 + 3) * size - 1e-9},{(y0 + 2) * size - 1e-9}"
    data = get_clusters(client, z=13, bbox=bbox)
    assert data["clusters"] == []
    assert sorted(f["id"] for f in data["features"]) == sorted(i.code for i in made)


def test_many_boxes_at_once_keep_their_edges_and_use_the_spatial_index(synthetic, backend_name):
    from events.models import Incident
    from events.spatial import incidents_in_boxes

    first = IncidentFactory(geom=Point(39.5, 35.5, srid=4326))
    edge = IncidentFactory(geom=Point(41.0, 35.0, srid=4326))
    IncidentFactory(geom=Point(40.5, 35.5, srid=4326))  # between the boxes
    boxes = [(39.0, 35.0, 40.0, 36.0), (41.0, 35.0, 42.0, 36.0)]
    found = incidents_in_boxes(Incident.objects.filter(synthetic=True), boxes)
    assert set(found) == {first, edge}
    if backend_name == "spatialite":
        assert str(found.query).count("SpatialIndex") == 2
