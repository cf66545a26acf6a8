"""The streamed GeoJSON export: RFC 7946, every property the issue lists, the same
document from the database-built (PostGIS) and the Python (SpatiaLite) paths,
and a bounded number of queries however many incidents."""

import datetime as dt
import io
import json

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command

from events import services
from events.exports import geojson, stored
from events.exports.control import ControllerResolver
from events.exports.rows import incident_rows
from events.models import (
    CasualtyClaim,
    ControlZone,
    Incident,
    IncidentStatus,
)
from events.selectors import controller_at
from tests.factories import IncidentFactory, rich_incident
from tests.rfc7946 import rfc7946_errors
from tests.streaming import read_json

pytestmark = pytest.mark.django_db

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"


def reference_properties(incident: Incident) -> dict:
    """What the export must say, built here from the model instances."""
    incident.refresh_from_db()
    controller = controller_at(point=incident.geom, on=incident.date_start)
    claims = sorted(incident.claims.all(), key=lambda c: (c.outcome, c.source_id, c.pk))
    attributions = sorted(incident.attributions.all(), key=lambda a: (a.role, a.actor.name, a.pk))
    sources = sorted(
        incident.sources.all(),
        key=lambda s: (s.published_on is None, s.published_on or dt.date.min, s.pk),
    )
    return {
        "code": incident.code,
        "title": incident.title,
        "date_start": incident.date_start.isoformat(),
        "date_end": incident.date_end.isoformat(),
        "date_precision": incident.date_precision,
        "event_type": incident.event_type,
        "place": incident.place.slug if incident.place else None,
        "place_name": incident.place.name if incident.place else incident.reported_place_name,
        "place_name_ar": incident.place.name_ar if incident.place else "",
        "location_precision": incident.location_precision,
        "uncertainty_m": incident.uncertainty_m,
        "fatalities_low": incident.fatalities_low,
        "fatalities_best": incident.fatalities_best,
        "fatalities_high": incident.fatalities_high,
        "injured_low": incident.injured_low,
        "injured_high": incident.injured_high,
        "claims": [
            {
                "source": str(c.source),
                "outcome": c.outcome,
                "population": c.population,
                "min": c.min_value,
                "max": c.max_value,
                "wording": c.wording,
            }
            for c in claims
        ],
        "attributions": [
            {
                "actor": a.actor.slug,
                "actor_name": a.actor.name,
                "role": a.role,
                "stance": a.stance,
                "source": str(a.source) if a.source else None,
            }
            for a in attributions
        ],
        "sources": [s.name for s in sources],
        "controller_at_event": controller.slug if controller else None,
        "url": incident.get_absolute_url(),
    }


def exported(incidents) -> list[dict]:
    return [json.loads(text) for text in geojson.features(incidents)]


def test_export_says_what_the_models_say(backend_name):
    incident = rich_incident()
    bare = IncidentFactory(geom=Point(40.6, 35.05, srid=4326), reported_place_name="Nowhere")
    features = {f["id"]: f for f in exported(Incident.objects.filter(synthetic=True))}
    for item in (incident, bare):
        props = features[item.code]["properties"]
        expected = reference_properties(item)
        expected_sources = expected.pop("sources")
        assert {k: props[k] for k in expected} == expected
        assert [s["name"] for s in props["sources"]] == expected_sources
    assert features[incident.code]["properties"]["controller_at_event"] == "government"
    assert features[incident.code]["properties"]["claims"][0]["source"] == "Local network via Wire"
    assert features[bare.code]["properties"]["claims"] == []
    assert features[bare.code]["geometry"] == {"type": "Point", "coordinates": [40.6, 35.05]}


def fresh_features(incidents) -> list[dict]:
    """Features built now from the rows, with the controller: what the stored text
    plus the spliced controller must equal."""
    return [stored.row_feature(row) for row in incident_rows(incidents, chunk_size=2)]


def test_stored_features_match_freshly_built_ones(backend_name):
    rich_incident()
    IncidentFactory(place=None, reported_place_name="Somewhere", uncertainty_m=None)
    IncidentFactory(status=IncidentStatus.DRAFT)
    IncidentFactory(geom=None, status=IncidentStatus.DRAFT, reported_place_name="Unlocated")
    everything = Incident.objects.all()
    assert not everything.filter(feature_json="").exists()
    stored = exported(everything)
    assert len(stored) == Incident.objects.count()
    assert stored == fresh_features(everything)
    assert rfc7946_errors({"type": "FeatureCollection", "features": stored}) == []


def test_incidents_without_a_stored_feature_are_built_at_export():
    incident = rich_incident()
    Incident.objects.filter(pk=incident.pk).update(feature_json="")
    qs = Incident.objects.filter(pk=incident.pk)
    assert exported(qs) == fresh_features(qs)


def stored_properties(incident) -> dict:
    return exported(Incident.objects.filter(pk=incident.pk))[0]["properties"]


def test_stored_feature_follows_claims_sources_and_attributions():
    incident = rich_incident()
    monitor = incident.sources.get(name="Monitor")
    claim = CasualtyClaim.objects.get(source=monitor)
    services.save_incident_part(part=claim, data={"min_value": 7})
    props = stored_properties(incident)
    assert [c["min"] for c in props["claims"] if c["source"] == "Monitor"] == [7]
    assert props["fatalities_low"] == 3 and props["fatalities_high"] == 7
    services.save_incident_part(part=monitor, data={"name": "Renamed monitor"})
    props = stored_properties(incident)
    assert "Renamed monitor" in [s["name"] for s in props["sources"]]
    assert [c["source"] for c in props["claims"]].count("Renamed monitor") == 1
    attribution = incident.attributions.get(role="target")
    services.save_incident_part(part=attribution, data={"stance": "denied"})
    assert "denied" in [a["stance"] for a in stored_properties(incident)["attributions"]]
    services.delete_incident_part(part=attribution)
    assert [a["role"] for a in stored_properties(incident)["attributions"]] == ["perpetrator"]
    services.delete_incident_part(part=monitor)
    props = stored_properties(incident)
    assert [s["name"] for s in props["sources"]] == ["Local network"]
    assert props["fatalities_low"] == 3 and props["fatalities_high"] == 4
    assert exported(Incident.objects.filter(pk=incident.pk)) == fresh_features(
        Incident.objects.filter(pk=incident.pk)
    )


def updated_at(incident):
    return Incident.objects.values_list("updated_at", flat=True).get(pk=incident.pk)


def test_stored_feature_and_updated_at_follow_incident_place_and_actor():
    incident = rich_incident()
    before = updated_at(incident)
    services.update_incident(incident=incident, data={"title": "A new title"})
    assert stored_properties(incident)["title"] == "A new title"
    assert updated_at(incident) > before
    before = updated_at(incident)
    services.save_place(place=incident.place, data={"name_ar": "الميادين الجديدة"})
    assert stored_properties(incident)["place_name_ar"] == "الميادين الجديدة"
    assert updated_at(incident) > before, "a renamed place changes the export"
    before = updated_at(incident)
    actor = incident.attributions.first().actor
    services.save_actor(actor=actor, data={"name": "Renamed actor"})
    names = {a["actor_name"] for a in stored_properties(incident)["attributions"]}
    assert names == {"Renamed actor"}
    assert updated_at(incident) > before, "a renamed actor changes the export"


def test_a_bulk_update_moves_updated_at_and_the_download_follows():
    incident = rich_incident()
    before = updated_at(incident)
    Incident.objects.filter(pk=incident.pk).update(title="Retitled in bulk")
    assert stored_properties(incident)["title"] == "Retitled in bulk"
    assert updated_at(incident) > before


def test_refresh_features_rebuilds_texts_written_behind_the_services_back():
    incident = rich_incident()
    Incident.objects.filter(pk=incident.pk).update_derived(feature_json="{}", render_version=1)
    out = io.StringIO()
    call_command("refresh_features", stdout=out)
    assert "Re-rendered 1 incident" in out.getvalue()
    assert stored_properties(incident)["title"] == incident.title


def test_an_older_render_version_is_rendered_again_on_export():
    incident = rich_incident()
    stale = json.dumps({"type": "Feature", "properties": {"title": "stale"}})
    Incident.objects.filter(pk=incident.pk).update_derived(feature_json=stale, render_version=1)
    assert exported(Incident.objects.filter(pk=incident.pk)) == fresh_features(
        Incident.objects.filter(pk=incident.pk)
    )


def test_editing_a_zone_moves_updated_at_of_incidents_inside_it():
    incident = rich_incident()
    zone = ControlZone.objects.filter(
        actor__slug="government",
        geom__intersects=incident.geom,
        valid_from__lte=incident.date_start,
    ).first()
    outside = IncidentFactory(geom=Point(36.29, 33.51, srid=4326))
    before, before_outside = updated_at(incident), updated_at(outside)
    services.save_zone(zone=zone, data={"state": "contested"})
    assert updated_at(incident) > before
    assert updated_at(outside) == before_outside


def test_stored_feature_keeps_controller_current_when_zones_change():
    incident = rich_incident()
    assert stored_properties(incident)["controller_at_event"] == "government"
    ControlZone.objects.filter(actor__slug="government").delete()
    assert stored_properties(incident)["controller_at_event"] != "government"


def test_controller_resolver_agrees_with_the_selector():
    resolver = ControllerResolver()
    probes = [
        (40.14, 35.336, dt.date(2017, 10, 23)),  # Deir ez-Zor city
        (40.45, 34.92, dt.date(2017, 10, 23)),  # Hajin
        (40.45, 35.02, dt.date(2017, 9, 6)),  # Mayadin before it changed hands
        (40.45, 35.02, dt.date(2017, 10, 23)),
        (36.29, 33.51, dt.date(2017, 10, 23)),  # Damascus: no zone
        (40.14, 35.336, dt.date(2016, 1, 1)),  # before any zone
    ]
    expected = []
    for lon, lat, day in probes:
        actor = controller_at(point=Point(lon, lat, srid=4326), on=day)
        expected.append(actor.slug if actor else None)
    assert resolver.resolve(probes) == expected
    assert None in expected and "government" in expected


def test_collection_streams_in_pieces_and_stays_valid():
    for n in range(5):
        IncidentFactory(title=f"Piece {n}")
    pieces = list(
        geojson.feature_collection_chunks(Incident.objects.filter(synthetic=True), chunk_size=2)
    )
    assert len(pieces) >= 4
    document = json.loads("".join(pieces))
    assert rfc7946_errors(document) == []
    assert len(document["features"]) == 5


def test_empty_selection_is_an_empty_collection(client):
    data = read_json(client.get("/api/incidents.geojson", {"type": "protests"}))
    assert data == {"type": "FeatureCollection", "features": []}


def test_queries_do_not_grow_with_incidents(django_assert_max_num_queries):
    for n in range(30):
        rich_incident(n) if n == 0 else IncidentFactory(title=f"Bulk {n}")
    qs = Incident.objects.filter(synthetic=True)
    # Per chunk of 10: incidents, sources, claims, attributions; plus zones once.
    with django_assert_max_num_queries(20):
        rows = list(incident_rows(qs, chunk_size=10))
    assert len(rows) == 30
    with django_assert_max_num_queries(20):
        assert len(exported(qs)) == 30


def test_public_endpoint_is_streamed_and_excludes_synthetic(client):
    rich_incident()
    response = client.get("/api/incidents.geojson")
    assert response.streaming
    codes = [f["id"] for f in read_json(response)["features"]]
    assert codes == [SEED]


def test_updated_since_for_mirrors(client):
    data = read_json(client.get("/api/incidents.geojson", {"updated_since": "2000-01-01"}))
    assert [f["id"] for f in data["features"]] == [SEED]
    assert data["features"][0]["properties"]["updated_at"].endswith("Z")
    later = read_json(client.get("/api/incidents.geojson", {"updated_since": "2999-01-01"}))
    assert later["features"] == []


def test_one_incident_as_a_feature(client, admin_client):
    response = client.get(f"/api/incidents/{SEED}.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    feature = json.loads(response.content)
    assert feature["type"] == "Feature" and feature["id"] == SEED
    assert rfc7946_errors({"type": "FeatureCollection", "features": [feature]}) == []
    assert feature["properties"]["controller_at_event"] == "government"
    draft = IncidentFactory(status=IncidentStatus.DRAFT)
    assert client.get(f"/api/incidents/{draft.code}.geojson").status_code == 404
    assert "error" in client.get("/api/incidents/no-such-thing.geojson").json()
    assert admin_client.get(f"/api/incidents/{draft.code}.geojson").status_code == 200


def test_gdal_reads_the_collection_back(tmp_path, backend_name):
    """An independent reader (GDAL's GeoJSON driver, through pyogrio) sees every
    feature, its point, its scalar properties and its claims."""
    import pyogrio

    rich_incident()
    IncidentFactory(geom=None, status=IncidentStatus.DRAFT, reported_place_name="Unlocated")
    incidents = Incident.objects.filter(synthetic=True)
    path = tmp_path / "incidents.geojson"
    with path.open("w", encoding="utf-8") as stream:
        assert geojson.write(incidents, stream) == 2
    frame = pyogrio.read_dataframe(path)
    assert frame.crs.to_epsg() == 4326 and len(frame) == 2
    rich = frame[frame["title"].str.startswith("Synthetic «shelling»")].iloc[0]
    point = Incident.objects.get(title=rich["title"]).geom
    assert (rich.geometry.x, rich.geometry.y) == pytest.approx((point.x, point.y))
    assert rich["place_name_ar"] == "الميادين" and rich["controller_at_event"] == "government"
    assert rich["fatalities_low"] == 3 and rich["fatalities_high"] == 5
    claims = rich["claims"] if isinstance(rich["claims"], list) else json.loads(rich["claims"])
    assert sorted(c["min"] for c in claims) == [3, 5, 9]
    unlocated = frame[frame["reported_place_name"] == "Unlocated"].iloc[0]
    assert unlocated.geometry is None
