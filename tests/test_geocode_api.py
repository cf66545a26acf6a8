"""GET /api/geocode and `manage.py geocode`: ranked JSON, clear 400s for bad input."""

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

FIELDS = {
    "place_id",
    "slug",
    "name",
    "name_ar",
    "names",
    "kind",
    "lat",
    "lon",
    "parent",
    "score",
    "precision",
    "matched_by",
    "uncertainty_m",
    "resolved_via",
}


def test_geocode_returns_ranked_results_with_every_field(client):
    response = client.get("/api/geocode", {"q": "Al-Qusor", "limit": 3})
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "Al-Qusor"
    best = data["results"][0]
    assert FIELDS <= set(best)
    assert best["slug"] == "al-qusur"
    assert best["matched_by"] == "exact" and best["score"] == 1.0
    assert best["resolved_via"] == "Deir ez-Zor" and best["precision"] == "town"
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True) and len(scores) <= 3


def test_near_picks_the_same_named_place_in_that_city(client):
    homs = client.get("/api/geocode", {"q": "Al-Qusour", "near": "homs"}).json()["results"]
    dez = client.get("/api/geocode", {"q": "Al-Qusour", "near": "35.336,40.141"}).json()
    assert homs[0]["slug"] == "homs-al-qusour" and homs[0]["parent"] == "Homs"
    assert dez["results"][0]["slug"] == "al-qusur"


def test_arabic_query_and_response_stay_readable(client):
    response = client.get("/api/geocode", {"q": "البوكمال"})
    assert "البوكمال".encode() in response.content  # not \\u-escaped
    assert response.json()["results"][0]["slug"] == "abu-kamal"


def test_no_match_is_an_empty_list_not_an_error(client):
    response = client.get("/api/geocode", {"q": "Zzyzx Springs"})
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Give the place name"),
        ({"q": ""}, "Give the place name"),
        ({"q": "   "}, "Give the place name"),
        ({"q": "?!,.;"}, "no letters"),
        ({"q": "12 34"}, "no letters"),
        ({"q": "Homs\x07"}, "control characters"),
        ({"q": "x" * 10_000}, "longer than 200"),
        ({"q": "Homs", "limit": "abc"}, "whole number"),
        ({"q": "Homs", "limit": "0"}, "between 1 and 50"),
        ({"q": "Homs", "limit": "51"}, "between 1 and 50"),
        ({"q": "Homs", "near": "Atlantis"}, "No place called 'Atlantis'"),
        ({"q": "Homs", "near": "95,40"}, "in range"),
        ({"q": "Homs", "near": "!!"}, "no letters"),
    ],
)
def test_bad_queries_get_a_clear_400(client, params, message):
    response = client.get("/api/geocode", params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_command_prints_ranked_matches(capsys):
    call_command("geocode", "Al-Qusour", "--near", "Homs", "--limit", "2")
    out = capsys.readouterr().out
    assert out.startswith("1. Al-Qusour القصور (neighbourhood in Homs)")
    assert "via Homs" in out and "precision town" in out
    assert "2. " in out and "3. " not in out


def test_command_json_matches_the_api(client, capsys):
    call_command("geocode", "Boukamal", "--json")
    printed = json.loads(capsys.readouterr().out)
    api = client.get("/api/geocode", {"q": "Boukamal"}).json()
    assert printed["results"] == api["results"]


def test_command_rejects_junk_with_a_clear_error():
    with pytest.raises(CommandError, match="no letters"):
        call_command("geocode", "???")
