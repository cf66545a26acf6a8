"""The gazetteer finds names as the seed report spells them."""

import pytest

from events.geocoding.matcher import geocode


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["Al-Qusur", "Al-Qusor", "Qusour", "al-Qosour", "القصور"])
def test_seed_spellings_find_al_qusur(spelling):
    best = geocode(spelling)[0]
    assert best.place.slug == "al-qusur"


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
