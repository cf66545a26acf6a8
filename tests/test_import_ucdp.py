"""UCDP GED import: format detected from the header, violence type and dyad to event
type and actors, precision and radius, UCDP's claim and sources, and linking to the
seed incident. tests/data/ucdp_ged_sample.csv holds 11 real rows copied unchanged
from UCDP GED's Syria file (CC BY 4.0; Sundberg & Melander 2013; GED codebook 19.1),
events 253349 (the seed's strike) and its neighbours in Deir ez-Zor in October 2017
plus one row of each kind the importer maps differently."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.exports.stored import RENDER_VERSION, STORED_COLUMNS, renderings
from events.imports import ImportRejected, import_incidents
from events.models import (
    Actor,
    Attribution,
    CasualtyClaim,
    Incident,
    IncidentLink,
    IncidentStatus,
    LinkStatus,
    Source,
)
from tests.accounts import make_reviewer

SAMPLE = Path(__file__).parent / "data" / "ucdp_ged_sample.csv"
SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"


def ucdp(event_id: int) -> Incident:
    return Incident.objects.get(external_id=f"ucdp-ged:{event_id}")


@pytest.mark.django_db
def test_ucdp_file_is_detected_and_rows_become_incidents():
    report = import_incidents(path=SAMPLE, status=IncidentStatus.PUBLISHED, packaged=True)
    assert report.format == "ucdp-ged"
    assert report.rows == 11
    # 253349 joins the seed: 10 new incidents, one updated.
    assert (report.created, report.updated) == (10, 1)

    clash = ucdp(214814)  # non-state: Ahrar al-Sham, Jabhat Fateh al-Sham - SDF
    assert clash.event_type == "battles"
    roles = {(a.actor.slug, a.role) for a in clash.attributions.all()}
    assert roles == {("opposition", "perpetrator"), ("hts", "perpetrator"), ("sdf", "target")}
    note = clash.attributions.filter(actor__slug="hts").get().note
    assert note == "UCDP side A: Ahrar al-Sham, Jabhat Fateh al-Sham"

    one_sided = ucdp(215936)
    assert one_sided.event_type == "violence_against_civilians"
    assert one_sided.attributions.get(role="target").actor.slug == "civilians"


@pytest.mark.django_db
def test_coarse_events_are_stored_as_areas_not_points():
    import_incidents(path=SAMPLE)
    governorate = ucdp(216112)  # where_prec 4
    assert governorate.location_precision == "governorate"
    assert governorate.uncertainty_m == 100_000
    country = ucdp(233200)  # where_prec 6
    assert country.location_precision == "country"
    assert country.uncertainty_m >= 300_000
    town = ucdp(253339)
    assert (town.location_precision, town.reported_place_name) == ("town", "Deir ez Zor town")


@pytest.mark.django_db
def test_ucdp_claim_keeps_its_range_and_each_article_is_a_source():
    import_incidents(path=SAMPLE)
    event = ucdp(247335)  # low=best=high 119, deaths on sides A and B
    claim = event.claims.get()
    assert (claim.min_value, claim.max_value, claim.source.name) == (
        119,
        119,
        "UCDP GED event 247335",
    )
    assert event.fatalities_low == 119
    names = sorted(s.name for s in event.sources.all())
    assert "UCDP GED event 247335" in names and len(names) >= 2


@pytest.mark.django_db
def test_253349_joins_the_seed_incident_with_its_own_claim(seed_incident):
    before = {
        "title": seed_incident.title,
        "geom": seed_incident.geom.coords,
        "event_type": seed_incident.event_type,
        "summary": seed_incident.summary,
    }
    seed_sources = seed_incident.sources.count()
    report = import_incidents(path=SAMPLE, user=make_reviewer(), status=IncidentStatus.PUBLISHED)

    assert not Incident.objects.filter(external_id="ucdp-ged:253349").exists()
    link = IncidentLink.objects.get(external_id="ucdp-ged:253349")
    assert link.incident.code == SEED and link.status == LinkStatus.JOINED
    assert any("ucdp-ged:253349 joined " + SEED in line for line in report.links)

    seed = Incident.objects.get(code=SEED)
    assert {
        "title": seed.title,
        "geom": seed.geom.coords,
        "event_type": seed.event_type,
        "summary": seed.summary,
    } == before
    ucdp_claim = seed.claims.get(source__name__startswith="UCDP GED")
    assert (ucdp_claim.min_value, ucdp_claim.max_value) == (14, 24)
    assert ucdp_claim.population == "civilian"
    # SOHR/government/state TV claims stay; UCDP adds its own source and the
    # articles it cites (4 SOHR entries and an Airwars entry).
    assert seed.claims.count() == 6
    assert seed.sources.count() == seed_sources + 1 + 5
    assert seed.sources.filter(name="Airwars").count() == 1
    # Figures derive from all four sources' claims: the lowest minimum stays 14,
    # the highest figure is now UCDP's 24.
    assert (seed.fatalities_low, seed.fatalities_high) == (14, 24)
    # No second Al-Qusur incident: nothing else on that day at that point was joined,
    # and 253339 (4 killed, the same day and point) is its own incident.
    assert Incident.objects.filter(date_start="2017-10-23", event_type=seed.event_type).count() == 1
    assert ucdp(253339).pk != seed.pk


@pytest.mark.django_db
def test_reimport_changes_nothing(seed_incident):
    import_incidents(path=SAMPLE)
    counts = (
        Incident.objects.count(),
        Source.objects.count(),
        CasualtyClaim.objects.count(),
        Attribution.objects.count(),
        IncidentLink.objects.count(),
    )
    again = import_incidents(path=SAMPLE)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 11)
    assert again.links == [] and again.candidates == []
    assert counts == (
        Incident.objects.count(),
        Source.objects.count(),
        CasualtyClaim.objects.count(),
        Attribution.objects.count(),
        IncidentLink.objects.count(),
    )


@pytest.mark.django_db
def test_unknown_ucdp_actor_needs_a_choice(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace(",SDF,", ",Brand New Front,", 1)
    path = tmp_path / "ged.csv"
    path.write_text(text, encoding="utf-8")
    dry = import_incidents(path=path, dry_run=True)
    assert dry.unknown_actors == {"Brand New Front": 1}
    with pytest.raises(ImportRejected, match="Brand New Front"):
        import_incidents(path=path)
    assert not Incident.objects.filter(external_id__startswith="ucdp-ged:").exists()

    call_command("import_incidents", str(path), "--create-unknown-actors", verbosity=0)
    actor = Actor.objects.get(name="Brand New Front")
    assert actor.reviewed is False and actor.kind == "non_state"


@pytest.mark.django_db
def test_actor_map_file_maps_a_name_and_remembers_it(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace(",SDF,", ",Brand New Front,", 1)
    path = tmp_path / "ged.csv"
    path.write_text(text, encoding="utf-8")
    mapping = tmp_path / "map.csv"
    mapping.write_text("Brand New Front,sdf\n", encoding="utf-8")
    call_command("import_incidents", str(path), "--actor-map", str(mapping), verbosity=0)
    assert not Actor.objects.filter(name="Brand New Front").exists()
    # The mapping is kept as an alias: the next import needs no choice.
    again = import_incidents(path=path)
    assert again.unknown_actors == {} and again.unchanged == 11


@pytest.mark.django_db
def test_actor_map_to_unknown_slug_is_refused(tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text("Brand New Front,no-such-actor\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no-such-actor"):
        call_command("import_incidents", str(SAMPLE), "--actor-map", str(mapping))


@pytest.mark.django_db
def test_packaged_dataset_loads_published_once_and_is_skipped_by_checksum(seed_incident):
    from events.datasets import PackagedDataset, load_dataset

    dataset = PackagedDataset(path=SAMPLE, credit="UCDP GED (test extract)")
    first = load_dataset(dataset)
    assert "10 created, 1 updated" in first and "joined " + SEED in first
    assert ucdp(253339).status == IncidentStatus.PUBLISHED
    count = Incident.objects.count()
    second = load_dataset(dataset)
    assert second.startswith("ucdp_ged_sample.csv: already loaded (11 rows")
    assert Incident.objects.count() == count


@pytest.mark.django_db
def test_country_level_event_is_never_linked(seed_incident):
    report = import_incidents(path=SAMPLE)
    assert not any("ucdp-ged:233200" in line for line in report.links + report.candidates)
    # The same-day, same-point strike with another toll is left for an editor.
    assert any(line.startswith("ucdp-ged:253339 ") for line in report.candidates)


@pytest.mark.django_db
def test_editor_confirms_a_candidate_and_a_reimport_keeps_it(client, seed_incident):
    import_incidents(path=SAMPLE)
    link = IncidentLink.objects.get(external_id="ucdp-ged:253339")
    assert link.status == LinkStatus.CANDIDATE and link.other.code == SEED
    own_pk = link.incident.pk
    reviewer = make_reviewer()
    client.force_login(reviewer)
    response = client.post(
        "/admin/events/incidentlink/",
        {"action": "confirm", "_selected_action": [link.pk]},
        follow=True,
    )
    assert "1 candidate link confirmed." in response.content.decode()
    link.refresh_from_db()
    assert link.status == LinkStatus.CONFIRMED and link.incident.code == SEED
    assert not Incident.objects.filter(pk=own_pk).exists()  # a draft: deleted
    seed = Incident.objects.get(code=SEED)
    assert seed.claims.filter(source__name__startswith="UCDP GED").count() == 2
    assert seed.fatalities_low == 4  # 253339's UCDP claim now counts here

    again = import_incidents(path=SAMPLE)
    assert (again.created, again.updated) == (0, 0)


@pytest.mark.django_db
def test_editor_splits_a_candidate(seed_incident):
    from events.services import split_link

    import_incidents(path=SAMPLE)
    link = IncidentLink.objects.get(external_id="ucdp-ged:253339")
    split_link(link=link, user=make_reviewer())
    link.refresh_from_db()
    assert link.status == LinkStatus.SPLIT
    assert ucdp(253339).pk == link.incident_id
    again = import_incidents(path=SAMPLE)
    assert (again.created, again.updated, again.candidates) == (0, 0, [])


@pytest.mark.django_db
def test_ucdp_is_credited_on_the_map_and_on_the_incident_page(client, seed_incident):
    from events.models import DataLoad

    credit = "UCDP Georeferenced Event Dataset (GED), Syria 2016-2019, CC BY 4.0"
    assert credit not in client.get(f"/en/incidents/{SEED}/").content.decode()
    import_incidents(path=SAMPLE, user=make_reviewer(), status=IncidentStatus.PUBLISHED)
    DataLoad.objects.create(name="ucdp_ged_syria_2016-2019.csv", fingerprint="0" * 64, rows=11)
    assert credit in client.get("/en/").content.decode()
    page = client.get(f"/en/incidents/{SEED}/").content.decode()
    assert credit in page and "Sundberg &amp; Melander (2013)" in page


@pytest.mark.django_db
def test_reimport_skips_unchanged_rows_but_rechecks_a_row_whose_incident_changed():
    from events.services import update_incident

    import_incidents(path=SAMPLE)
    incident = ucdp(247335)
    file_summary = incident.summary
    update_incident(incident=incident, data={"summary": "Edited by hand."})
    again = import_incidents(path=SAMPLE)
    # Ten rows skipped by their digest; the edited one is compared with the file, as
    # an upsert does, and set back to the file's values.
    assert (again.unchanged, again.updated) == (10, 1)
    assert ucdp(247335).summary == file_summary
    third = import_incidents(path=SAMPLE)
    assert (third.unchanged, third.updated) == (11, 0)


@pytest.mark.django_db
def test_a_changed_row_in_the_file_is_not_skipped(tmp_path):
    import_incidents(path=SAMPLE)
    text = SAMPLE.read_text(encoding="utf-8")
    changed = text.replace(",119,119,119", ",119,119,125", 1)  # 247335's high figure
    assert changed != text
    path = tmp_path / "ged.csv"
    path.write_text(changed, encoding="utf-8")
    again = import_incidents(path=path)
    assert (again.unchanged, again.updated) == (10, 1)
    assert ucdp(247335).claims.get().max_value == 125


@pytest.mark.django_db
def test_a_ucdp_only_incident_takes_ucdp_best_figure_not_the_middle_of_its_range():
    # 253349: low 14, best 24, high 24. Unlinked, it is an incident of its own.
    import_incidents(path=SAMPLE, link=False)
    incident = ucdp(253349)
    claim = incident.claims.get()
    assert (claim.min_value, claim.best_value, claim.max_value) == (14, 24, 24)
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (
        14,
        24,
        24,
    )


@pytest.mark.django_db
def test_ucdp_rows_are_placed_at_the_gazetteer_place_they_name(client):
    import_incidents(path=SAMPLE, status=IncidentStatus.PUBLISHED, packaged=True)
    al_bab = ucdp(215936)  # "Al Bab town", where_prec 1
    assert al_bab.place is not None and al_bab.place.name == "Al Bāb"  # GeoNames
    assert al_bab.reported_place_name == "Al Bab town"
    assert al_bab.geom.x == pytest.approx(37.51788)  # UCDP's point is kept
    assert ucdp(233200).place is None or ucdp(233200).place.kind == "country"
    # The place's own names find it, e.g. its Arabic name.
    assert al_bab.place.name_ar
    response = client.get("/api/incidents.geojson", {"q": al_bab.place.name_ar})
    found = json.loads(b"".join(response.streaming_content))
    assert al_bab.code in {f["id"] for f in found["features"]}


@pytest.mark.django_db
def test_new_incidents_are_written_with_the_texts_a_fresh_render_gives(seed_incident):
    """Rendered from the values being written (figures, places, several sources
    and claims, two actors on one side), the stored texts are those the stored
    rows render to, for the new incidents and the seed incident that one joined."""
    import_incidents(path=SAMPLE, status=IncidentStatus.PUBLISHED, packaged=True)
    incidents = Incident.objects.all()
    fresh = {r.pk: tuple(r[1:]) for r in renderings(incidents)}
    stored = {pk: tuple(texts) for pk, *texts in incidents.values_list("pk", *STORED_COLUMNS)}
    assert len(stored) == 11 and stored == fresh
    assert set(incidents.values_list("render_version", flat=True)) == {RENDER_VERSION}
