"""The flat exports (GeoPackage attributes, KML extended data) say what the GeoJSON
export says, one row per incident with the nested values as text, on both
backends; the GeoPackage is read back with GDAL (pyogrio)."""

import datetime as dt
import json
from xml.etree import ElementTree

import pandas as pd
import pyogrio
import pytest
from django.contrib.gis.geos import Point

from events import services
from events.exports import geojson, gpkg, kml
from events.exports.flat import FLAT_FIELDS, flat_batches
from events.exports.stored import FLAT_NESTED, flat_nested, renderings
from events.models import Attribution, ControlZone, Incident, IncidentStatus
from tests.factories import IncidentFactory, rich_incident

pytestmark = pytest.mark.django_db


def some_incidents():
    rich_incident()
    IncidentFactory(place=None, reported_place_name="Somewhere", uncertainty_m=None)
    IncidentFactory(geom=None, status=IncidentStatus.DRAFT, reported_place_name="Unlocated")
    return Incident.objects.filter(synthetic=True)


def flat_records(incidents) -> dict[str, dict]:
    records = {}
    for batch in flat_batches(incidents, chunk_size=2):
        for record, lon, lat in zip(batch.records(), batch.lon, batch.lat, strict=True):
            records[record["code"]] = {**record, "lon": lon, "lat": lat}
    return records


def geojson_features(incidents) -> dict[str, dict]:
    return {f["id"]: f for f in map(json.loads, geojson.features(incidents))}


def assert_flat_matches_geojson(records, features):
    assert set(records) == set(features)
    for code, record in records.items():
        feature = features[code]
        props = feature["properties"]
        scalars = [name for name in FLAT_FIELDS if name not in FLAT_NESTED]
        assert {name: record[name] for name in scalars} == {name: props[name] for name in scalars}
        assert {name: record[name] for name in FLAT_NESTED} == flat_nested(props)
        coordinates = feature["geometry"]["coordinates"] if feature["geometry"] else [None, None]
        assert [record["lon"], record["lat"]] == coordinates


def test_flat_rows_say_what_the_geojson_says(backend_name):
    incidents = some_incidents()
    records = flat_records(incidents)
    assert_flat_matches_geojson(records, geojson_features(incidents))
    rich = next(r for r in records.values() if r["title"].startswith("Synthetic «shelling»"))
    assert rich["perpetrators"] == "test-shelling-actor (claimed by Local network via Wire)"
    assert rich["targets"] == "test-shelling-actor (alleged)"
    assert rich["sources"] == "Local network via Wire; Monitor"
    assert rich["place_name_ar"] == "الميادين"
    assert rich["date_start"] == "2017-10-23" and rich["date_end"] == "2017-10-24"
    assert rich["controller_at_event"] == "government"


def test_flat_texts_are_stored_and_follow_edits():
    incident = rich_incident()
    stored = Incident.objects.get(pk=incident.pk)
    assert stored.flat_perpetrators == "test-shelling-actor (claimed by Local network via Wire)"
    assert stored.flat_sources == "Local network via Wire; Monitor"
    # Ordered by outcome, then source: injured (wire), killed (monitor), killed (wire).
    assert [c["min"] for c in json.loads(stored.flat_claims)] == [9, 5, 3]
    attribution = Attribution.objects.get(incident=incident, role="perpetrator")
    services.save_incident_part(part=attribution, data={"stance": "denied"})
    incident.sources.filter(name="Monitor").update(name="Renamed monitor")  # behind services
    stored.refresh_from_db()
    assert stored.flat_perpetrators == "test-shelling-actor (denied by Local network via Wire)"
    assert stored.flat_sources == "Local network via Wire; Monitor"
    fresh = next(renderings(Incident.objects.filter(pk=incident.pk)))
    assert fresh.flat_sources == "Local network via Wire; Renamed monitor"


def test_rows_never_rendered_are_rendered_at_export(backend_name):
    incidents = some_incidents()
    expected = flat_records(incidents)
    incidents.update(
        feature_json="", **{f"flat_{name}": "" for name in FLAT_NESTED}
    )  # as raw SQL or a fixture would leave them
    assert flat_records(incidents) == expected
    assert "claimed by Local network via Wire" in "".join(
        r["perpetrators"] for r in expected.values()
    )


def test_geopackage_layer_is_typed_and_complete(tmp_path, backend_name):
    incidents = some_incidents()
    path = tmp_path / "incidents.gpkg"
    seen = []
    count = gpkg.write(incidents, path, zones=ControlZone.objects.real(), progress=seen.append)
    assert count == 3 and seen[-1] == 3
    info = pyogrio.read_info(path, layer="incidents")
    assert list(info["fields"]) == list(FLAT_FIELDS)
    assert info["crs"] == "EPSG:4326" and info["features"] == 3
    frame = pyogrio.read_dataframe(path, layer="incidents").set_index("title")
    rich = frame.loc[next(t for t in frame.index if t.startswith("Synthetic «shelling»"))]
    assert rich["date_start"] == pd.Timestamp("2017-10-23")
    assert rich["fatalities_low"] == 3 and rich["fatalities_high"] == 5
    assert rich["uncertainty_m"] == 2500
    assert rich["perpetrators"] == "test-shelling-actor (claimed by Local network via Wire)"
    assert [c["source"] for c in json.loads(rich["claims"])] == [
        "Local network via Wire",
        "Monitor",
        "Local network via Wire",
    ]
    incident = Incident.objects.get(title=rich.name)
    assert rich["updated_at"] == pd.Timestamp(incident.updated_at.replace(microsecond=0))
    unlocated = frame[frame["reported_place_name"] == "Unlocated"].iloc[0]
    assert unlocated.geometry is None
    zones = pyogrio.read_dataframe(path, layer="control_zones")
    assert len(zones) == ControlZone.objects.real().count()
    # QGIS shows each layer's title and description: what the figures and zones are.
    described = pyogrio.read_info(path, layer="control_zones")["layer_metadata"]
    assert described["IDENTIFIER"] == "conflictmap control zones (approximate)"
    assert "approximate" in described["DESCRIPTION"]
    assert "kept apart" in info["layer_metadata"]["DESCRIPTION"]


def test_flat_export_runs_under_the_debug_cursor(tmp_path, backend_name):
    """DEBUG=True (make run) logs each query with its parameters interpolated:
    literal % in the SQL must survive that too."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    incidents = some_incidents()
    with CaptureQueriesContext(connection) as queries:
        records = flat_records(incidents)
        assert gpkg.write(incidents, tmp_path / "debug.gpkg", zones=ControlZone.objects.none()) == 3
    assert any("updated_at" in q["sql"] for q in queries.captured_queries)
    assert {r["updated_at"][-1] for r in records.values()} == {"Z"}
    assert all(r["updated_at"][4] == "-" and r["updated_at"][10] == "T" for r in records.values())


def test_empty_geopackage_still_has_both_layers(tmp_path):
    path = tmp_path / "empty.gpkg"
    assert gpkg.write(Incident.objects.none(), path, zones=ControlZone.objects.none()) == 0
    layers = dict(pyogrio.list_layers(path))
    assert layers == {"incidents": "Point", "control_zones": "MultiPolygon"}
    assert pyogrio.read_info(path, layer="incidents")["features"] == 0


def test_geopackage_replaces_an_older_file(tmp_path):
    path = tmp_path / "incidents.gpkg"
    path.write_bytes(b"not a geopackage")
    IncidentFactory(date_start=dt.date(2017, 10, 23), date_end=dt.date(2017, 10, 23))
    gpkg.write(Incident.objects.filter(synthetic=True), path, zones=ControlZone.objects.none())
    assert pyogrio.read_info(path, layer="incidents")["features"] == 1


def test_kml_placemarks_carry_the_flat_fields():
    incidents = some_incidents()
    text = "".join(kml.chunks(incidents, zones=ControlZone.objects.none()))
    assert text.count("<Placemark ") == 3
    assert "test-shelling-actor (claimed by Local network via Wire)" in text
    # The description lists each source's claim, open-ended ones as "5+" (never "5–"),
    # and the dates at their precision.
    rich = ElementTree.fromstring(text).find(f".//{{{kml.NAMESPACE}}}Placemark")
    description = rich.findtext(f"{{{kml.NAMESPACE}}}description")
    assert "<p>week of 23 October 2017 · Explosions/Remote violence</p>" in description
    assert "<li>Monitor: 5+ killed</li>" in description
    assert "<li>Local network via Wire: 3–4 killed (3-4)</li>" in description
    assert "<li>Local network via Wire: 9+ injured</li>" in description
    assert "5–" not in description
    located = IncidentFactory(geom=Point(40.6, 35.05, srid=4326))
    one = "".join(
        kml.chunks(Incident.objects.filter(pk=located.pk), zones=ControlZone.objects.none())
    )
    assert "<Point><coordinates>40.6,35.05</coordinates></Point>" in one
