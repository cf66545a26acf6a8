"""UCDP GED's located places in the gazetteer: new villages with UCDP's point and
kind, duplicates merged into the place on file (both names, both sources), the
data pack's unlocated towns located, re-loads that change nothing, and a default
load skipped when its inputs are unchanged."""

import pytest

from events.geocoding.matcher import geocode
from events.loaders import (
    DATA_DIR,
    LoadError,
    gazetteer_fingerprint,
    load_default_gazetteer,
    load_gazetteer_file,
)
from events.models import DataLoad, Place, PlaceKind
from events.ucdp_places import SOURCE, load_ucdp_places

pytestmark = pytest.mark.django_db
HEADER = "where_coordinates,name,variants,kind,governorate,district,lat,lon,where_prec,events\n"


def test_a_ucdp_village_is_a_place_with_its_kind_point_district_and_governorate():
    place = Place.objects.get(name="Teir Maaleh")
    assert place.kind == PlaceKind.VILLAGE
    assert (round(place.geom.y, 6), round(place.geom.x, 6)) == (34.802462, 36.707602)
    assert place.parent.name == "Ar Rastan district"
    assert place.parent.parent.slug == "homs-governorate"
    assert place.attestations[0]["ref"] == "Teir Maaleh village"
    assert place.attestations[0]["source"] == SOURCE
    assert place.reported_events >= 1
    best = geocode("Teir Maaleh")[0]
    assert best.entry.slug == place.slug and best.precision == "town"


def test_the_same_place_from_geonames_and_ucdp_is_one_place_with_both_names_and_sources():
    manbij = Place.objects.filter(names__name="Manbij town").distinct()
    assert [p.slug for p in manbij] == ["manbij"]
    place = manbij[0]
    assert place.source.startswith("GeoNames")  # its own point and source are kept
    assert [a["ref"] for a in place.attestations] == ["Manbij town"]
    assert place.reported_events > 50
    assert Place.objects.filter(name__in=["Manbij", "Manbij town"]).count() == 1


def test_an_unlocated_pack_town_takes_ucdps_point_and_says_so():
    shuhayl = Place.objects.get(slug="al-shuhayl")
    assert shuhayl.geom is not None
    assert "located by UCDP GED" in shuhayl.source
    best = geocode("Shuheil")[0]
    assert best.entry.slug == "al-shuhayl" and best.via is None


def test_reloading_the_pack_keeps_the_points_ucdp_gave_its_unlocated_towns():
    report = load_gazetteer_file(path=DATA_DIR / "gazetteer_deir_ezzor_unlocated.csv")
    assert report.updated == 0
    shuhayl = Place.objects.get(slug="al-shuhayl")
    assert shuhayl.geom is not None and "located by UCDP GED" in shuhayl.source


def test_the_seed_neighbourhood_stays_placed_at_its_city():
    assert Place.objects.get(slug="al-qusur").geom is None


def test_reloading_ucdp_places_changes_nothing():
    before = Place.objects.count()
    report = load_ucdp_places()
    assert (report.created, report.updated) == (0, 0)
    assert Place.objects.count() == before


def test_bad_ucdp_rows_are_reported_by_line_and_nothing_is_written(tmp_path):
    path = tmp_path / "ucdp.csv"
    path.write_text(
        HEADER + "Newplace village,Newplace,,village,Homs Governorate,,34.8,36.7,1,2\n"
        "Nowhere village,Nowhere,,hamlet,Homs Governorate,,34.8,36.7,1,2\n"
        "Far village,Far,,village,Atlantis Governorate,,95,36.7,1,2\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        load_ucdp_places(path=path)
    lines = [line for line, _ in caught.value.errors]
    assert lines == [3, 4, 4]
    assert "unknown kind 'hamlet'" in str(caught.value)
    assert "unknown governorate 'Atlantis Governorate'" in str(caught.value)
    assert not Place.objects.filter(name="Newplace").exists()


def test_a_ucdp_row_near_a_place_of_the_same_name_joins_it(tmp_path):
    path = tmp_path / "ucdp.csv"
    path.write_text(
        HEADER + "Tadmor town,Tadmor,,town,Homs Governorate,,34.56,38.27,1,3\n"
        "Tadmor village,Tadmor,,village,Aleppo Governorate,,36.2,37.1,2,1\n",
        encoding="utf-8",
    )
    palmyra = Place.objects.get(slug="tadmur")
    events = palmyra.reported_events
    report = load_ucdp_places(path=path)
    assert (report.created, report.updated) == (1, 1)
    palmyra.refresh_from_db()
    assert palmyra.reported_events == events + 3
    assert palmyra.names.filter(name="Tadmor").exists()
    far = Place.objects.get(name="Tadmor")  # 270 km away: another place
    assert far.parent.slug == "aleppo-governorate"


def test_default_gazetteer_load_is_skipped_when_its_inputs_are_unchanged():
    assert DataLoad.objects.get(name="gazetteer").fingerprint == gazetteer_fingerprint()
    reports = load_default_gazetteer()
    assert len(reports) == 1 and "skipped" in reports[0].notes[0]
    DataLoad.objects.filter(name="gazetteer").update(fingerprint="changed")
    reports = load_default_gazetteer()
    assert len(reports) > 1
    assert sum(r.created for r in reports) == 0  # every loader is idempotent
    assert DataLoad.objects.get(name="gazetteer").fingerprint == gazetteer_fingerprint()


def test_a_differently_spelled_ucdp_name_at_the_same_spot_joins_the_place_on_file():
    """UCDP's "Kernaz town" is GeoNames' Kurnāz, 0.3 km away: one place, both names."""
    kurnaz = Place.objects.get(names__name="Kernaz")
    assert kurnaz.source.startswith("GeoNames")
    assert [a["ref"] for a in kurnaz.attestations] == ["Kernaz town"]
    assert not Place.objects.filter(name="Kernaz").exists()
    # Two different villages 1 km apart keep their own places.
    assert Place.objects.get(name="Ad Duwayr") != Place.objects.get(slug="al-salihiyah")


def test_every_part_of_a_slashed_ucdp_name_is_a_spelling_of_the_place():
    """UCDP writes "As Suwar town/Sur town" and "Abu Rasin/Zarkan town": each part,
    without its kind word, is a name reporters use (Airwars: Al Soor)."""
    suwar = Place.objects.get(slug="as-suwar-town")
    names = set(suwar.names.values_list("name", flat=True))
    assert {"Sur", "As Suwar"} <= names
    assert "Zarkan" in set(Place.objects.get(name="Abu Rasin").names.values_list("name", flat=True))


def test_a_reload_adds_spellings_the_ucdp_file_has_gained(tmp_path):
    palmyra = Place.objects.get(slug="tadmur")
    ref = next(a for a in palmyra.attestations if a.get("source") == SOURCE)
    path = tmp_path / "ucdp.csv"
    path.write_text(
        HEADER + f"{ref['ref']},Tadmur,Tadmur Town Centre,town,Homs Governorate,,"
        f"{ref['lat']},{ref['lon']},1,3\n",
        encoding="utf-8",
    )
    events = palmyra.reported_events
    report = load_ucdp_places(path=path)
    assert (report.created, report.updated) == (0, 0)
    palmyra.refresh_from_db()
    assert palmyra.reported_events == events  # an attested row is not counted twice
    assert palmyra.names.filter(name="Tadmur Town Centre").exists()
    assert geocode("Tadmur Town Centre")[0].entry.slug == "tadmur"


def test_a_reload_gives_a_ucdp_place_the_kind_its_row_now_has(tmp_path):
    """A place made from a UCDP row takes the kind the derived file now gives it; a
    place UCDP's row only joined keeps its own."""
    place = Place.objects.get(name="Teir Maaleh")
    ref = next(a for a in place.attestations if a.get("source") == SOURCE)
    palmyra = Place.objects.get(slug="tadmur")
    joined = next(a for a in palmyra.attestations if a.get("source") == SOURCE)
    path = tmp_path / "ucdp.csv"
    path.write_text(
        HEADER + f"{ref['ref']},Teir Maaleh,,town,Homs Governorate,,{ref['lat']},{ref['lon']},1,2\n"
        f"{joined['ref']},Tadmur,,landmark,Homs Governorate,,{joined['lat']},{joined['lon']},1,3\n",
        encoding="utf-8",
    )
    report = load_ucdp_places(path=path)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    place.refresh_from_db()
    assert place.kind == PlaceKind.TOWN
    assert Place.objects.get(slug="tadmur").kind == palmyra.kind
    assert geocode("Teir Maaleh")[0].entry.kind == PlaceKind.TOWN
    assert load_ucdp_places(path=path).updated == 0
