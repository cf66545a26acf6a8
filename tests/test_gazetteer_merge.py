"""Duplicate places from two sources become one place, whatever the order they were
loaded in: close and alike places merge (every spelling, every source, the better
point), far ones with the same name stay apart, and a reload changes nothing."""

import pytest

from events.gazetteer_merge import merge_duplicates, resolve_slugs
from events.geocoding.matcher import geocode
from events.geocoding.normalize import normalize_name
from events.loaders import load_gazetteer_file, load_spellings
from events.models import Place
from events.ucdp_places import SOURCE, load_ucdp_places

pytestmark = pytest.mark.django_db

UCDP_HEADER = (
    "where_coordinates,name,variants,kind,governorate,district,lat,lon,where_prec,events\n"
)
PACK_HEADER = "id,name_en,name_ar,variants,kind,parent_id,lat,lon,coord_precision_m,source,notes\n"
# Made-up places in the Homs desert (no real place of these names is on file).
UCDP_ROW = (
    "Tall Zarqish village,Tall Zarqish,Tell Zarkish,village,Homs Governorate,,34.70,37.20,1,4\n"
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def pack_file(tmp_path, lat="34.712", lon="37.205", precision="500"):
    return write(
        tmp_path,
        "pack.csv",
        PACK_HEADER + f"tell-zarqish,Tell Zarqish,,,village,homs-governorate,{lat},{lon},"
        f"{precision},Made-up survey 2020,\n",
    )


def zarqish_places():
    return list(Place.objects.filter(names__key=normalize_name("Tell Zarqish")).distinct())


def test_real_duplicates_from_the_pack_and_ucdp_are_one_place():
    quriyah = Place.objects.get(slug="al-quriyah")
    assert quriyah.geom is not None and "located by UCDP GED" in quriyah.source
    assert {"Al-Quriyah", "Al Qurayya", "Al Qouriya"} <= set(
        quriyah.names.values_list("name", flat=True)
    )
    assert [a["ref"] for a in quriyah.attestations if a.get("merged")] == [
        "al-qurayya-deir-ez-zor-governorate"
    ]
    assert quriyah.reported_events >= 30
    assert not Place.objects.filter(slug="al-qurayya-deir-ez-zor-governorate").exists()
    assert resolve_slugs(["al-qurayya-deir-ez-zor-governorate"]) == {
        "al-qurayya-deir-ez-zor-governorate": quriyah
    }
    assert geocode("Al Qurayya", near="Deir ez-Zor")[0].entry.slug == "al-quriyah"
    omar = Place.objects.get(slug="al-omar-oilfield")
    assert omar.geom is not None and omar.reported_events >= 10
    assert geocode("Al Omar oil fields")[0].entry.slug == "al-omar-oilfield"


def test_same_named_villages_far_apart_stay_two_places():
    qusur = Place.objects.filter(names__key=normalize_name("Al-Qusur")).distinct()
    assert {p.located_ancestor() is not None for p in qusur} == {True}
    homs = [p for p in qusur if "homs" in p.slug or "homs" in (p.parent.slug if p.parent else "")]
    assert len(qusur) >= 2 and homs


@pytest.mark.parametrize("ucdp_first", [True, False])
def test_a_close_alike_pair_merges_the_same_way_in_either_load_order(tmp_path, ucdp_first):
    ucdp = write(tmp_path, "ucdp.csv", UCDP_HEADER + UCDP_ROW)
    pack = pack_file(tmp_path)  # 1.4 km from UCDP's point
    loads = [lambda: load_ucdp_places(path=ucdp), lambda: load_gazetteer_file(path=pack)]
    for load in loads if ucdp_first else loads[::-1]:
        load()
    before = len(zarqish_places())
    report = merge_duplicates()
    (place,) = zarqish_places()
    # The pack's row survives with its own point and precision; UCDP's spellings,
    # attestation and events join it.
    assert place.slug == "tell-zarqish" and place.coord_precision_m == 500
    assert (round(place.geom.y, 3), round(place.geom.x, 3)) == (34.712, 37.205)
    assert {"Tell Zarqish", "Tall Zarqish", "Tell Zarkish"} <= set(
        place.names.values_list("name", flat=True)
    )
    assert SOURCE in [a["source"] for a in place.attestations]
    assert place.reported_events == 4
    assert geocode("Tal Zarqish")[0].entry.slug == "tell-zarqish"
    # UCDP joined the pack's row itself when the pack came first.
    assert (before, report.updated >= 1) == ((2, True) if ucdp_first else (1, False))


def test_a_merge_is_idempotent_on_reload(tmp_path):
    ucdp = write(tmp_path, "ucdp.csv", UCDP_HEADER + UCDP_ROW)
    pack = pack_file(tmp_path)
    load_ucdp_places(path=ucdp)
    load_gazetteer_file(path=pack)
    merge_duplicates()
    (place,) = zarqish_places()
    merged_slug = next(a["ref"] for a in place.attestations if a.get("merged"))
    spellings = write(
        tmp_path, "spellings.csv", f"place,name,source\n{merged_slug},Tel Zerqish,made up\n"
    )
    count, state = Place.objects.count(), place.attestations
    assert load_ucdp_places(path=ucdp).created == 0
    assert load_gazetteer_file(path=pack).updated == 0
    load_spellings(path=spellings)  # a merged place's slug still names it
    assert merge_duplicates().updated == 0
    (again,) = zarqish_places()
    assert (Place.objects.count(), again.pk, again.attestations) == (count, place.pk, state)
    assert again.names.filter(name="Tel Zerqish").exists()


def test_an_unlocated_pack_place_takes_its_merged_twins_point_and_keeps_it_on_reload(tmp_path):
    ucdp = write(tmp_path, "ucdp.csv", UCDP_HEADER + UCDP_ROW)
    pack = pack_file(tmp_path, lat="", lon="", precision="")
    load_ucdp_places(path=ucdp)
    load_gazetteer_file(path=pack)
    assert len(zarqish_places()) == 2  # different keys' places: UCDP did not see the pack's
    merge_duplicates()
    (place,) = zarqish_places()
    assert place.slug == "tell-zarqish"
    assert (round(place.geom.y, 2), round(place.geom.x, 2)) == (34.70, 37.20)
    assert place.source == f"Made-up survey 2020; located by {SOURCE}"
    assert load_gazetteer_file(path=pack).updated == 0
    place.refresh_from_db()
    assert place.geom is not None


def test_alike_places_far_apart_or_of_other_kinds_are_not_merged(tmp_path):
    ucdp = write(tmp_path, "ucdp.csv", UCDP_HEADER + UCDP_ROW)
    far = pack_file(tmp_path, lat="35.05", lon="37.20")  # 39 km north
    load_ucdp_places(path=ucdp)
    load_gazetteer_file(path=far)
    assert merge_duplicates().updated == 0
    assert len(zarqish_places()) == 2
    landmark = write(
        tmp_path,
        "landmark.csv",
        PACK_HEADER + "zarqish-dam,Tell Zarqish,,,landmark,homs-governorate,34.701,37.201,"
        "100,Made-up survey 2020,\n",
    )
    load_gazetteer_file(path=landmark)
    assert merge_duplicates().updated == 0
    assert len(zarqish_places()) == 3
