"""One incident property schema (events.properties): the GeoJSON export, the
single-incident Feature, /api/v1 and the map's points name and value an incident's
properties the same way; ``place`` is the gazetteer slug everywhere."""

import json

import pytest

from events.exports import flat, geojson
from events.exports.stored import FLAT_NESTED
from events.imports import import_incidents
from events.models import Incident, Place
from events.properties import EDITING_PROPERTIES, INCIDENT_PROPERTIES, POINT_PROPERTIES
from tests.accounts import make_editor
from tests.factories import IncidentFactory, rich_incident
from tests.streaming import read_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def incidents(settings):
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    placed = rich_incident()  # in Mayadin (gazetteer), reported as "Al-Mayadin"
    unplaced = IncidentFactory(place=None, reported_place_name="Somewhere")
    return placed, unplaced


def export_properties(incident) -> dict:
    [text] = geojson.features(Incident.objects.filter(pk=incident.pk))
    return json.loads(text)["properties"]


def test_the_export_writes_the_schema_and_place_is_the_slug(incidents):
    placed, unplaced = incidents
    props = export_properties(placed)
    assert tuple(props) == INCIDENT_PROPERTIES
    assert (props["place"], props["place_name"], props["place_name_ar"]) == (
        "mayadin",
        Place.objects.get(slug="mayadin").name,
        Place.objects.get(slug="mayadin").name_ar,
    )
    assert props["reported_place_name"] == "Al-Mayadin"
    props = export_properties(unplaced)
    assert (props["place"], props["place_name"], props["place_name_ar"]) == (None, "Somewhere", "")


def test_the_single_incident_feature_is_the_export_feature(client, incidents):
    for incident in incidents:
        feature = read_json(client.get(f"/api/incidents/{incident.code}.geojson"))
        assert feature["properties"] == export_properties(incident)


def test_api_v1_reads_the_export_properties_plus_the_editing_ones(client, incidents):
    client.force_login(make_editor())  # staff see synthetic incidents
    for incident in incidents:
        response = client.get(f"/api/v1/incidents/{incident.code}/")
        assert response.status_code == 200
        props = response.json()["properties"]
        assert tuple(props) == (*INCIDENT_PROPERTIES, *EDITING_PROPERTIES)
        assert {name: props[name] for name in INCIDENT_PROPERTIES} == export_properties(incident)


def test_map_points_are_a_subset_with_the_same_values(client, incidents):
    data = client.get("/api/incident-points.geojson").json()
    points = {f["id"]: f["properties"] for f in data["features"]}
    for incident in incidents:
        assert tuple(points[incident.code]) == POINT_PROPERTIES
        exported = export_properties(incident)
        assert points[incident.code] == {name: exported[name] for name in POINT_PROPERTIES}


def test_flat_exports_use_the_same_names():
    nested = {"claims", "attributions", "sources"}
    assert set(flat.FLAT_FIELDS) == (set(INCIDENT_PROPERTIES) - nested) | set(FLAT_NESTED)


def test_api_v1_writes_take_the_place_slug_and_read_it_back(client):
    client.force_login(make_editor())
    new = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [40.45, 35.02]},
        "properties": {
            "title": "Synthetic API incident",
            "event_type": "battles",
            "sub_event_type": "armed_clash",
            "date_start": "2017-10-20",
            "location_precision": "town",
            "place": "mayadin",
            "reported_place_name": "Al-Mayadin",
        },
    }
    response = client.post("/api/v1/incidents/", new, content_type="application/json")
    assert response.status_code == 201, response.content
    props = response.json()["properties"]
    mayadin = Place.objects.get(slug="mayadin")
    assert (props["place"], props["place_name"], props["place_name_ar"]) == (
        "mayadin",
        mayadin.name,
        mayadin.name_ar,
    )
    incident = Incident.objects.get(code=response.json()["id"])
    assert incident.place == mayadin
    assert {name: props[name] for name in INCIDENT_PROPERTIES} == export_properties(incident)


def test_an_exported_feature_imports_back_to_the_same_place(tmp_path, incidents):
    placed, unplaced = incidents
    features = [json.loads(t) for t in geojson.features(Incident.objects.filter(synthetic=True))]
    path = tmp_path / "export.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    report = import_incidents(path=path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)

    # A copy under new ids lands at the place the slug names.
    for feature in features:
        feature["id"] = feature["properties"]["code"] = "copy-" + feature["id"]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert import_incidents(path=path).created == 2
    copy = Incident.objects.get(external_id=f"copy-{placed.code}")
    assert copy.place.slug == "mayadin" and copy.reported_place_name == "Al-Mayadin"
    copy = Incident.objects.get(external_id=f"copy-{unplaced.code}")
    assert copy.place is None and copy.reported_place_name == "Somewhere"
