"""Public pages and the map's light data endpoint, through Django's test client
on the real database (both backends)."""

import datetime as dt
import html
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.utils.html import strip_tags

from events import selectors
from events.basemap import EUPHRATES_TOWNS, water_features
from events.models import DatePrecision, IncidentStatus
from tests.accounts import make_editor
from tests.factories import CasualtyClaimFactory, IncidentFactory, SourceFactory

pytestmark = pytest.mark.django_db
SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"


def points(client, query=""):
    response = client.get("/api/incident-points.geojson" + (f"?{query}" if query else ""))
    return response, (json.loads(response.content) if response.status_code < 500 else None)


def test_map_points_are_light_and_follow_the_shared_filters(client, seed_incident):
    response, data = points(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    (feature,) = data["features"]
    assert feature["id"] == SEED
    assert feature["geometry"] == {"type": "Point", "coordinates": [40.14084, 35.33588]}
    assert set(feature["properties"]) == {
        "title", "event_type", "date_start", "date_end", "date_precision",
        "fatalities_best", "location_precision", "uncertainty_m",
    }  # fmt: skip
    assert feature["properties"]["uncertainty_m"] == 6000

    assert points(client, "from=2017-10-24")[1]["features"] == []
    assert points(client, "bbox=36,32,37,33")[1]["features"] == []
    assert len(points(client, "bbox=39,34,41,36&type=explosions_remote_violence")[1]["features"])
    assert points(client, "actor=us_led_coalition&role=target")[1]["features"] == []
    assert len(points(client, "actor=us_led_coalition&role=perpetrator")[1]["features"]) == 1
    assert len(points(client, "q=القصور")[1]["features"]) == 1
    assert points(client, "min_fatalities=15")[1]["features"] == []


@pytest.mark.parametrize(
    ("query", "needle"),
    [("from=23-10-2017", "'from'"), ("type=airstrike", "Unknown type"), ("bbox=1,2", "'bbox'")],
)
def test_map_points_reject_bad_filters_with_a_message(client, query, needle):
    response, data = points(client, query)
    assert response.status_code == 400
    assert needle in data["error"]


def test_map_points_gzip_when_the_browser_accepts_it(client, seed_incident):
    response = client.get("/api/incident-points.geojson", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    # One small feature may not be worth compressing; the header must be right either way.
    assert "Accept-Encoding" in response.get("Vary", "")


def test_synthetic_incidents_stay_off_public_pages_unless_switched_on(client, settings):
    synthetic = IncidentFactory()
    codes = {f["id"] for f in points(client)[1]["features"]}
    assert synthetic.code not in codes
    assert synthetic.code not in client.get("/en/incidents/").content.decode()
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    assert synthetic.code in {f["id"] for f in points(client)[1]["features"]}
    assert synthetic.code in client.get("/en/incidents/").content.decode()


def test_map_page_carries_layers_periods_and_download_links(client, seed_incident):
    response = client.get("/en/?type=explosions_remote_violence&q=Qusur")
    assert response.status_code == 200
    page = response.content.decode()
    config = response.context["map_config"]
    assert {a["slug"] for a in config["actors"]} == {"government", "islamic_state", "sdf"}
    assert config["periods"] == [
        {"from": "2017-09-05", "to": "2017-09-09"},
        {"from": "2017-10-17", "to": "2017-11-16"},
    ]
    assert config["defaultDate"] == "2017-10-23"  # the latest incident, inside a zone period
    assert 'id="map-config"' in page
    assert 'value="explosions_remote_violence" checked' in page
    for fmt in ("geojson", "csv", "gpkg", "kml", "html"):
        assert f"/api/incidents.{fmt}?type=explosions_remote_violence&amp;q=Qusur" in page


def test_map_page_shows_a_bad_filter_as_a_message(client):
    response = client.get("/en/?min_fatalities=many")
    assert response.status_code == 400
    assert "whole number" in response.content.decode()


def test_zone_periods_merge_adjacent_snapshots(db):
    assert selectors.zone_periods() == [
        (dt.date(2017, 9, 5), dt.date(2017, 9, 9)),
        (dt.date(2017, 10, 17), dt.date(2017, 11, 16)),
    ]


def test_table_lists_filters_sorts_and_pages(client, settings, seed_incident):
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    for n in range(55):
        IncidentFactory(date_start=dt.date(2017, 10, 1) + dt.timedelta(days=n % 20))
    battle = IncidentFactory(event_type="battles", sub_event_type="", title="A battle")

    response = client.get("/en/incidents/")
    assert response.status_code == 200
    page = response.context["page_obj"]
    assert page.paginator.count == 57 and len(page.object_list) == 50
    assert client.get("/en/incidents/?page=2").context["page_obj"].object_list[-1] is not None

    only_battles = client.get("/en/incidents/?type=battles").context["page_obj"]
    assert [i.code for i in only_battles] == [battle.code]
    # A plain form sends repeated checkboxes: they combine like the API's commas.
    two_types = client.get("/en/incidents/?type=battles&type=explosions_remote_violence")
    assert two_types.context["page_obj"].paginator.count == 57

    by_killed = client.get("/en/incidents/?sort=-fatalities").context["page_obj"]
    assert by_killed.object_list[0].code == SEED
    by_title = client.get("/en/incidents/?sort=title").context["page_obj"]
    assert by_title.object_list[0].title == "A battle"

    bad_sort = client.get("/en/incidents/?sort=casualties")
    assert bad_sort.status_code == 200
    assert "Unknown sort" in bad_sort.content.decode()


def test_table_explains_a_bad_filter_instead_of_failing(client):
    response = client.get("/en/incidents/?from=2017-11-01&to=2017-10-01")
    assert response.status_code == 400
    assert "'from' must not be after 'to'" in html.unescape(response.content.decode())


def test_popup_and_detail_show_claims_side_by_side(client, seed_incident):
    popup = client.get(f"/en/incidents/{SEED}/popup/").content.decode()
    assert "23 October 2017" in popup
    assert "القصور" in popup and "Al-Qusur" in popup
    assert "Syrian government and allies" in popup  # held the point on 23 Oct
    assert popup.index("Syrian Observatory") < popup.index("Government source")
    assert "22+" in popup and "31+" in popup and "more than 30 injured" in popup
    # The source's name is bidi-isolated (<bdi>) inside the sentence.
    assert "alleged by Syrian Observatory for Human Rights (SOHR) via AFP" in strip_tags(popup)

    detail = client.get(f"/en/incidents/{SEED}/").content.decode()
    assert f"/api/incidents/{SEED}.geojson" in detail
    assert "SOHR did not identify the aircraft." in detail  # attribution note
    assert "Wire report carrying the SOHR" in detail  # source quote
    assert "Change history" in detail and "4 sources added" in detail


def test_month_precision_is_shown_as_a_month(client, settings):
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    incident = IncidentFactory(
        date_start=dt.date(2017, 10, 1),
        date_end=dt.date(2017, 10, 31),
        date_precision=DatePrecision.MONTH,
    )
    popup = client.get(f"/en/incidents/{incident.code}/popup/").content.decode()
    assert '<span class="date">October 2017</span>' in popup
    table = client.get("/en/incidents/").content.decode()
    assert "October 2017</td>" in table


def test_unpublished_incidents_are_for_staff_only(client, seed_incident):
    draft = IncidentFactory(status=IncidentStatus.DRAFT, synthetic=False, code="draft-x")
    assert client.get("/en/incidents/draft-x/").status_code == 404
    assert client.get("/en/incidents/draft-x/popup/").status_code == 404
    client.force_login(make_editor("ed"))
    page = client.get("/en/incidents/draft-x/").content.decode()
    assert "Not published" in page and draft.title in page
    assert "Change history" not in page


def test_change_history_names_fields_but_not_editors(client, settings):
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    editor = get_user_model().objects.create_user("secret-editor", password="x", is_staff=True)
    incident = IncidentFactory(title="First title")
    source = SourceFactory(incident=incident, name="Monitor")
    CasualtyClaimFactory(incident=incident, source=source, min_value=2)
    incident.title = "Second title"
    incident.geom = Point(40.2, 35.3, srid=4326)
    incident._history_user = editor
    incident.save()

    page = client.get(incident.get_absolute_url()).content.decode()
    assert "Incident record changed: location, title" in page
    assert "1 source added" in page and "1 casualty claim added" in page
    assert "secret-editor" not in page
    assert "First title" not in page


def test_basemap_adds_packaged_rivers_and_main_towns(client, db):
    data = json.loads(client.get("/api/basemap.geojson").content)
    rivers = [f for f in data["features"] if f["properties"]["layer"] == "river"]
    assert [f["properties"]["name"] for f in rivers].count("Euphrates") == 1
    towns = {
        f["properties"]["name"] for f in data["features"] if f["properties"]["layer"] == "place"
    }
    assert {"Aleppo", "Damascus", "Ar Raqqah"} <= towns
    # Labelled in Arabic too, from GeoNames' Arabic alternate names.
    arabic = {
        f["properties"]["name"]: f["properties"]["name_ar"]
        for f in data["features"]
        if f["properties"]["layer"] == "place"
    }
    assert (arabic["Aleppo"], arabic["Damascus"]) == ("حلب", "دمشق")
    # Deir ez-Zor is in the gazetteer (GeoNames 170794): drawn once, from the gazetteer.
    deir = [f for f in data["features"] if f["properties"].get("name") == "Deir ez-Zor"]
    assert len(deir) == 1 and deir[0]["id"] == "deir-ez-zor"
    assert EUPHRATES_TOWNS[1] == 170794 and water_features()


def test_table_names_each_alleged_perpetrator_once_with_every_source(client, seed_incident):
    table = client.get("/en/incidents/").content.decode()
    row = re.search(r"<td>((?:<bdi[^>]*>)?US-led coalition.*?)</td>", table, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", row)
    assert text.count("US-led coalition") == 1
    assert "alleged by Syrian state television via AFP" in text
    assert "alleged by Government source in Deir ez-Zor (anonymous) via AFP" in text
    assert "Unidentified aircraft (alleged by Syrian Observatory" in text
