"""Control zones in the admin: drawn outlines with validity dates, overlaps with
other actors' zones refused unless contested, and GeoJSON import. Test zones are
synthetic squares far from the real data (around 10°E, 10°N)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Actor, ControlZone
from tests.accounts import make_editor, make_reviewer
from tests.factories import ControlZoneFactory, square

ADD_URL = "/admin/events/controlzone/add/"
IMPORT_URL = "/admin/events/controlzone/import/"


@pytest.fixture
def reviewer(db):
    return make_reviewer()


@pytest.fixture
def held_square(db):
    return ControlZoneFactory(
        code="test-zone-held",
        actor=Actor.objects.get(slug="islamic_state"),
        geom=square(10, 10, 1),
        valid_from="2017-10-01",
        valid_to="2017-10-31",
    )


def zone_form(geom, **overrides):
    data = {
        "code": "test-zone-new",
        "actor": str(Actor.objects.get(slug="government").pk),
        "state": "held",
        "confidence": "low",
        "valid_from": "2017-10-15",
        "valid_to": "2017-11-15",
        "geom": geom.geojson,
        "approximate": "on",
        "synthetic": "on",
    }
    data.update(overrides)
    return data


def test_a_held_zone_overlapping_another_actors_zone_is_refused(client, reviewer, held_square):
    client.force_login(reviewer)
    response = client.post(ADD_URL, zone_form(square(10.5, 10.5, 1)))
    assert response.status_code == 200
    text = response.content.decode()
    assert "overlaps zones other actors hold on some of the same days" in text
    assert "test-zone-held" in text
    assert not ControlZone.objects.filter(code="test-zone-new").exists()


def test_marked_contested_it_is_saved_with_a_warning(client, reviewer, held_square):
    client.force_login(reviewer)
    response = client.post(
        ADD_URL, zone_form(square(10.5, 10.5, 1), state="contested"), follow=True
    )
    assert ControlZone.objects.get(code="test-zone-new").state == "contested"
    assert "Contested zone test-zone-new overlaps test-zone-held" in response.content.decode()


@pytest.mark.parametrize(
    "geom, dates",
    [
        (square(11, 10, 1), {}),  # shares an edge only
        (square(10.5, 10.5, 1), {"valid_from": "2017-11-01", "valid_to": ""}),  # later
    ],
)
def test_touching_or_later_zones_are_fine(client, reviewer, held_square, geom, dates):
    client.force_login(reviewer)
    response = client.post(ADD_URL, zone_form(geom, **dates))
    assert response.status_code == 302
    assert ControlZone.objects.filter(code="test-zone-new").exists()


def test_editors_read_zones_but_do_not_draw_them(client, held_square):
    client.force_login(make_editor())
    assert client.get("/admin/events/controlzone/").status_code == 200
    assert client.get(ADD_URL).status_code == 403
    assert client.get(IMPORT_URL).status_code == 403


def upload(client, name, payload):
    content = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


def features(*items):
    return {"type": "FeatureCollection", "features": list(items)}


def zone_feature(code, lon, lat, actor="sdf"):
    return {
        "type": "Feature",
        "id": code,
        "geometry": json.loads(square(lon, lat, 0.5).geojson),
        "properties": {
            "actor": actor,
            "valid_from": "2017-10-01",
            "valid_to": "2017-10-31",
            "state": "held",
            "source": "synthetic test zone",
        },
    }


def test_zones_import_from_geojson_and_reimport_changes_nothing(client, reviewer):
    client.force_login(reviewer)
    payload = features(zone_feature("test-imp-a", 20, 20), zone_feature("test-imp-b", 21, 20))
    response = upload(client, "zones.geojson", payload)
    assert "2 created, 0 updated, 0 unchanged" in response.content.decode()
    response = upload(client, "zones.geojson", payload)
    assert "0 created, 0 updated, 2 unchanged" in response.content.decode()


def test_overlaps_in_an_imported_file_are_flagged(client, reviewer, held_square):
    client.force_login(reviewer)
    response = upload(client, "zones.geojson", features(zone_feature("test-imp-c", 10.2, 10.2)))
    text = response.content.decode()
    assert "1 created" in text
    assert "test-imp-c (Syrian Democratic Forces, held) overlaps test-zone-held" in text


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"{nope", "Not a GeoJSON FeatureCollection"),
        ({"type": "Feature"}, "its top level is not a FeatureCollection"),
        (
            features(zone_feature("test-imp-d", 20, 20, actor="martians")),
            "unknown actor &#x27;martians&#x27;",
        ),
        (
            features({**zone_feature("test-imp-e", 20, 20), "geometry": {"type": "Polygon"}}),
            "feature 1 (test-imp-e)",
        ),
    ],
)
def test_a_bad_zone_file_is_explained_and_nothing_written(client, reviewer, payload, message):
    client.force_login(reviewer)
    before = ControlZone.objects.count()
    response = upload(client, "zones.geojson", payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ControlZone.objects.count() == before
