"""The gazetteer finds names as the seed report spells them."""

import pytest

from events.geocoding.matcher import geocode


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["Al-Qusur", "Al-Qusor", "Qusour", "al-Qosour", "El Qusur"])
def test_seed_spellings_find_al_qusur(spelling):
    best = geocode(spelling)[0]
    assert best.place.slug == "al-qusur"


@pytest.mark.django_db
def test_arabic_name_shared_by_three_cities_gives_ranked_alternatives_and_context_decides():
    bare = [r.entry.slug for r in geocode("القصور")]
    assert {"al-qusur", "homs-al-qusour", "banias-al-qusour"} <= set(bare)
    assert geocode("القصور", near="deir-ez-zor")[0].entry.slug == "al-qusur"
    assert geocode("القصور في دير الزور")[0].entry.slug == "al-qusur"
    assert geocode("القصور", near="حمص")[0].entry.slug == "homs-al-qusour"


@pytest.mark.django_db
def test_unlocated_neighbourhood_resolves_to_its_city_honestly():
    best = geocode("Al-Qusor")[0]
    assert best.resolved_via.slug == "deir-ez-zor"
    assert best.precision == "town"
    assert best.uncertainty_m >= 3000
    assert (round(best.point.x, 3), round(best.point.y, 3)) == (40.141, 35.336)


@pytest.mark.django_db
def test_unknown_name_gives_no_match():
    assert geocode("Zzyzx Springs") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spelling",
    ["Rif Dimashq", "Reef Dimashq", "Rural Damascus", "Damascus Countryside", "ريف دمشق"],
)
def test_damascus_countryside_is_the_governorate_not_the_city(spelling):
    best = geocode(spelling)[0]
    assert best.entry.slug == "rif-dimashq-governorate"
    assert geocode("Damascus")[0].entry.slug == "damascus"


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["Eastern Ghouta", "Sahl al-Ghab"])
def test_a_region_reads_as_an_area_not_a_village(spelling):
    best = geocode(spelling)[0]
    assert best.place.kind == "subdistrict"
    assert best.uncertainty_m >= 10_000
