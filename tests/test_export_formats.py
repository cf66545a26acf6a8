"""Downloads in the formats analysts use, each read back by an independent reader:
pandas for CSV, GDAL (pyogrio and Django's GDAL bindings) for GeoPackage and KML."""

import datetime as dt
import io
import json
import re

import pandas as pd
import pyogrio
import pytest
from django.contrib.gis.gdal import DataSource

from events.acled import ACLED_COLUMNS
from events.models import ControlZone
from events.selectors import zones_overlapping
from tests.factories import IncidentFactory
from tests.streaming import body

pytestmark = pytest.mark.django_db

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"


def test_csv_has_acleds_columns_and_the_seed_incident(client):
    response = client.get("/api/incidents.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    frame = pd.read_csv(io.BytesIO(body(response)), dtype=str, keep_default_na=False)
    assert list(frame.columns) == ACLED_COLUMNS
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["event_id_cnty"] == SEED
    assert row["event_date"] == "2017-10-23"
    assert row["time_precision"] == "1"
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Air/drone strike"
    assert row["actor1"] == "US-led coalition"
    assert row["assoc_actor_1"] == "Unidentified aircraft"
    assert row["actor2"] == "Civilians (Syria)"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["country"] == "Syria" and row["iso"] == "760"
    assert row["admin1"] == "Deir ez-Zor"
    assert row["location"] == "Al-Qusur / Al-Qusor"
    assert float(row["latitude"]) == pytest.approx(35.33588)
    assert float(row["longitude"]) == pytest.approx(40.14084)
    assert row["fatalities"] == "14"  # the conservative figure: our fatalities_low
    assert "Syrian Observatory for Human Rights (SOHR) via AFP" in row["source"].split("; ")


def test_csv_follows_the_filters(client):
    empty = client.get("/api/incidents.csv", {"type": "protests"})
    frame = pd.read_csv(io.BytesIO(body(empty)))
    assert list(frame.columns) == ACLED_COLUMNS and len(frame) == 0


@pytest.mark.parametrize("name", ["csv", "gpkg", "kml", "html"])
def test_bad_filters_are_clear_400s_for_every_download(client, name):
    response = client.get(f"/api/incidents.{name}", {"bbox": "1,2,3"})
    assert response.status_code == 400
    assert "four numbers" in response.json()["error"]


def test_geopackage_has_incident_and_zone_layers(client, tmp_path):
    response = client.get("/api/incidents.gpkg", {"from": "2017-10-01", "to": "2017-10-31"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geopackage+sqlite3"
    path = tmp_path / "export.gpkg"
    path.write_bytes(body(response))
    layers = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert layers == {"incidents": "Point", "control_zones": "MultiPolygon"}
    incidents = pyogrio.read_dataframe(path, layer="incidents")
    assert incidents.crs.to_epsg() == 4326
    seed = incidents.set_index("code").loc[SEED]
    assert (seed.geometry.x, seed.geometry.y) == pytest.approx((40.14084, 35.33588))
    assert seed["fatalities_low"] == 14 and seed["fatalities_high"] == 22
    assert seed["controller_at_event"] == "government"
    assert seed["place_name_ar"] == "القصور"
    assert seed["date_start"] == pd.Timestamp("2017-10-23")
    assert sorted(c["min"] for c in json.loads(seed["claims"]) if c["outcome"] == "killed") == [
        14,
        14,
        22,
    ]
    zones = pyogrio.read_dataframe(path, layer="control_zones")
    expected = zones_overlapping(start=dt.date(2017, 10, 1), end=dt.date(2017, 10, 31))
    assert set(zones["code"]) == set(expected.values_list("code", flat=True))
    assert zones.geometry.is_valid.all()


def test_kml_reads_back_with_gdal(client, tmp_path):
    response = client.get("/api/incidents.kml")
    assert response.status_code == 200
    path = tmp_path / "export.kml"
    path.write_bytes(body(response))
    # pyogrio's bundled GDAL: names and geometries.
    placemarks = pyogrio.read_dataframe(path, layer="Incidents")
    assert list(placemarks["Name"]) == [
        "Air strikes on the Al-Qusur neighbourhood of Deir ez-Zor city"
    ]
    assert placemarks.geometry[0].x == pytest.approx(40.14084)
    # The system GDAL (LIBKML) also reads the typed extended data.
    source = DataSource(str(path))
    layers = {layer.name: layer for layer in source}
    assert set(layers) == {"Incidents", "Control zones"}
    incident = next(iter(layers["Incidents"]))
    assert incident.get("code") == SEED
    assert incident.get("fatalities_low") == 14
    assert len(layers["Control zones"]) == ControlZone.objects.real().count()


def test_html_map_is_self_contained(client):
    response = client.get("/api/incidents.html")
    assert response.status_code == 200
    html = response.content.decode()
    remote_assets = re.findall(
        r"<(?:script|link|img)[^>]+(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html, re.I
    )
    assert remote_assets == []
    assert "L.map(" in html or "L.map (" in html
    assert "Air strikes on the Al-Qusur" in html
    assert "Control 2017-10-17" in html


def test_html_map_escapes_what_editors_typed(client):
    IncidentFactory(title="<script>alert(1)</script>")
    from events.exports import html_map
    from events.models import Incident

    html = html_map.render(
        Incident.objects.filter(synthetic=True), zones=ControlZone.objects.none()
    )
    assert "<script>alert(1)</script>" not in html
    # Escaped as HTML, then embedded as JSON (where & may be written \u0026).
    assert "&lt;script&gt;alert(1)" in html.replace("\\u0026", "&")
