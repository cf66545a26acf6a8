"""Bulk import from GeoJSON: our own export imports back unchanged, new features
land as drafts with their sources, claims and attributions, bad features are
reported by line. Test features are synthetic (ids TEST-G…)."""

import json

import pytest

from events.exports.stored import renderings
from events.imports import ImportRejected, import_incidents
from events.imports.geojson import feature_lines
from events.models import Incident
from tests.streaming import body

NEW = {
    "type": "Feature",
    "id": "TEST-G1",
    "geometry": {"type": "Point", "coordinates": [40.4514, 35.0199]},
    "properties": {
        "title": "Synthetic shelling of Mayadin (test feature)",
        "summary": "Synthetic test feature.",
        "event_type": "explosions_remote_violence",
        "sub_event_type": "shelling_artillery_missile",
        "date_start": "2017-10-21",
        "date_end": "2017-10-22",
        "date_precision": "day",
        "place": "Al-Mayadin",
        "location_precision": "town",
        "uncertainty_m": 3000,
        "sources": [
            {"name": "Synthetic Monitor", "kind": "monitor", "published_on": "2017-10-23"},
            {"name": "Synthetic Official", "reported_via": "Synthetic Wire", "kind": "official"},
        ],
        "claims": [
            {
                "source": "Synthetic Monitor",
                "outcome": "killed",
                "population": "civilian",
                "min": 4,
                "max": None,
                "wording": "at least 4",
            },
            {
                "source": "Synthetic Official via Synthetic Wire",
                "outcome": "killed",
                "population": "unknown",
                "min": 2,
                "max": 2,
                "wording": "2",
            },
        ],
        "attributions": [
            {
                "actor": "russia",
                "role": "perpetrator",
                "stance": "alleged",
                "source": "Synthetic Monitor",
            },
        ],
    },
}


def collection_text(features) -> str:
    """One feature per line, so feature n starts on line n + 1."""
    lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in features)
    return '{"type": "FeatureCollection", "features": [\n' + lines + "\n]}\n"


def variant(**changes):
    feature = json.loads(json.dumps(NEW))
    for key, value in changes.items():
        if key in ("id", "geometry"):
            feature[key] = value
        else:
            feature["properties"][key] = value
    return feature


def test_our_own_geojson_export_imports_back_unchanged(client, seed_incident, tmp_path):
    exported = body(client.get("/api/incidents.geojson"))
    path = tmp_path / "export.geojson"
    path.write_bytes(exported)
    history = Incident.history.count()
    report = import_incidents(path=path)
    assert (report.rows, report.created, report.updated, report.unchanged) == (1, 0, 0, 1)
    assert Incident.history.count() == history

    data = json.loads(exported)
    data["features"][0]["properties"]["title"] += " (corrected)"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = import_incidents(path=path)
    assert report.updated == 1
    seed_incident.refresh_from_db()
    assert seed_incident.title.endswith("(corrected)")
    assert seed_incident.claims.count() == 5 and seed_incident.sources.count() == 4


def test_a_new_feature_lands_as_a_draft_with_everything_it_carries(db, tmp_path):
    path = tmp_path / "new.geojson"
    path.write_text(collection_text([NEW]), encoding="utf-8")
    report = import_incidents(path=path, synthetic=True)
    assert report.created == 1
    incident = Incident.objects.get(external_id="TEST-G1")
    assert incident.status == "draft" and incident.synthetic
    assert (str(incident.date_start), str(incident.date_end)) == ("2017-10-21", "2017-10-22")
    assert incident.place.slug and incident.place.name == "Al-Mayadin"
    assert {str(s) for s in incident.sources.all()} == {
        "Synthetic Monitor",
        "Synthetic Official via Synthetic Wire",
    }
    claims = {(str(c.source), c.min_value, c.max_value) for c in incident.claims.all()}
    assert claims == {
        ("Synthetic Monitor", 4, None),
        ("Synthetic Official via Synthetic Wire", 2, 2),
    }
    (attribution,) = incident.attributions.all()
    assert (attribution.actor.slug, str(attribution.source)) == ("russia", "Synthetic Monitor")
    assert (incident.fatalities_low, incident.fatalities_high) == (2, 4)
    again = import_incidents(path=path, synthetic=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_bad_features_are_reported_by_line_and_nothing_is_written(db, tmp_path):
    features = [
        NEW,
        variant(id="TEST-G2", geometry={"type": "Point", "coordinates": [35.0199, 40.4514]}),
        variant(id="TEST-G3", title=""),
        variant(id="TEST-G4", attributions=[{"actor": "martian_legion", "role": "target"}]),
        variant(id="TEST-G5", claims=[{"source": "Nobody", "outcome": "killed", "min": 1}]),
        variant(id="TEST-G6", date_start="23/13/2017"),
        variant(id="TEST-G1"),
        {"type": "Point", "coordinates": [40, 35]},
        variant(
            id="TEST-G7",
            claims=[{"source": "Synthetic Monitor", "outcome": "killed", "min": 5, "max": 2}],
        ),
    ]
    path = tmp_path / "bad.geojson"
    path.write_text(collection_text(features), encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_incidents(path=path, synthetic=True)
    errors = {line: reason for line, _, reason in caught.value.errors}
    assert "lies outside Syria but swapped it lies inside" in errors[3]
    assert "title is missing" in errors[4]
    # An unknown actor is the file's question for the editor, not a bad row.
    assert "'martian_legion' (1 rows)" in errors[0]
    assert "cites source 'nobody', which is not listed" in errors[6]
    assert "bad date_start" in errors[7]
    assert "duplicate id 'TEST-G1'" in errors[8]
    assert "not a GeoJSON Feature" in errors[9]
    assert "min 5 above max 2" in errors[10]
    assert sorted(errors) == [0, 3, 4, 6, 7, 8, 9, 10]
    assert "line 3 (feature 2)" in str(caught.value)
    assert not Incident.objects.filter(external_id__startswith="TEST-G").exists()


def test_feature_lines_follow_pretty_printed_json():
    text = json.dumps(
        {"type": "FeatureCollection", "name": "x", "features": [NEW, NEW], "extra": [1]}, indent=2
    )
    lines = feature_lines(text)
    rows = text.splitlines()
    assert len(lines) == 2
    for line in lines:
        assert rows[line - 1].strip() == "{" and rows[line].strip() == '"type": "Feature",'


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "not valid JSON"),
        ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": {}}', "'features' must be a list"),
    ],
)
def test_unreadable_geojson_is_rejected_with_a_reason(db, tmp_path, text, message):
    path = tmp_path / "broken.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRejected, match=message):
        import_incidents(path=path)


def test_imported_incidents_carry_their_stored_feature(db, tmp_path):
    """New incidents go in by bulk_create (no signals): the importer renders their
    stored Features itself; updates go through the signals."""
    path = tmp_path / "new.geojson"
    path.write_text(collection_text([NEW]), encoding="utf-8")
    import_incidents(path=path, synthetic=True)
    incident = Incident.objects.get(external_id="TEST-G1")
    stored = json.loads(incident.feature_json)
    assert stored["geometry"] == NEW["geometry"]
    assert stored["properties"]["title"] == NEW["properties"]["title"]
    assert [c["min"] for c in stored["properties"]["claims"]] == [4, 2]
    assert stored["properties"]["fatalities_high"] == 4
    assert (
        incident.feature_json
        == next(renderings(Incident.objects.filter(pk=incident.pk))).feature_json
    )

    revised = variant(
        title="Synthetic shelling of Mayadin (revised test feature)",
        claims=[{**NEW["properties"]["claims"][0], "min": 6}, NEW["properties"]["claims"][1]],
    )
    path.write_text(collection_text([revised]), encoding="utf-8")
    assert import_incidents(path=path, synthetic=True).updated == 1
    incident.refresh_from_db()
    stored = json.loads(incident.feature_json)
    assert stored["properties"]["title"].endswith("(revised test feature)")
    assert stored["properties"]["fatalities_high"] == 6
    assert (
        incident.feature_json
        == next(renderings(Incident.objects.filter(pk=incident.pk))).feature_json
    )


@pytest.mark.django_db
def test_unknown_actors_wait_for_the_editors_choice_as_in_the_csv_formats(client, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.imports.actors import CREATE, ActorChoices
    from events.models import Actor, ActorAlias
    from tests.accounts import make_editor

    named = [{"actor": "Test Brigade One", "role": "perpetrator"}]
    features = [
        variant(id="TEST-GA1", attributions=named),
        variant(id="TEST-GA2", attributions=[*named, {"actor": "Test Militia Two"}]),
    ]
    path = tmp_path / "actors.geojson"
    path.write_text(collection_text(features), encoding="utf-8")

    dry = import_incidents(path=path, dry_run=True, synthetic=True)
    assert dry.unknown_actors == {"Test Brigade One": 2, "Test Militia Two": 1}
    assert dry.created == 2  # no row is refused for its actor
    with pytest.raises(ImportRejected, match="2 actor name\\(s\\) are not in the actor"):
        import_incidents(path=path, synthetic=True)

    # The admin page offers the same choice per name.
    client.force_login(make_editor())
    data = {"file": SimpleUploadedFile("actors.geojson", path.read_bytes()), "status": "draft"}
    page = client.post("/admin/events/incident/import/", {**data, "dry_run": "on"})
    assert "Test Militia Two" in page.content.decode()

    choices = ActorChoices(mapping={"Test Brigade One": "opposition", "Test Militia Two": CREATE})
    report = import_incidents(path=path, synthetic=True, actor_choices=choices)
    assert report.created == 2
    second = Incident.objects.get(external_id="TEST-GA2")
    assert {a.actor.slug for a in second.attributions.all()} == {"opposition", "test-militia-two"}
    assert Actor.objects.get(slug="test-militia-two").reviewed is False
    assert ActorAlias.objects.get(name="Test Brigade One").actor.slug == "opposition"


def test_a_feature_naming_a_place_since_merged_lands_on_the_place_it_became(db, tmp_path):
    # exported when UCDP's al-qurayya was its own place; the gazetteer has since
    # merged it into the Deir ez-Zor pack's Al-Quriyah
    feature = json.loads(json.dumps(NEW))
    feature["id"] = "TEST-G-MERGED"
    feature["properties"]["place"] = "al-qurayya-deir-ez-zor-governorate"
    feature["geometry"]["coordinates"] = [40.541, 34.956]
    path = tmp_path / "merged.geojson"
    path.write_text(collection_text([feature]), encoding="utf-8")
    import_incidents(path=path, synthetic=True)
    incident = Incident.objects.get(external_id="TEST-G-MERGED")
    assert incident.place.slug == "al-quriyah"
