"""The small charts' data on the incident and table pages (events.summaries):
each source's toll apart, incidents per month at the place, who held the point."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"


def embedded(response) -> dict:
    match = re.search(
        rb'<script id="incident-summaries" type="application/json">(.*?)</script>',
        response.content,
        re.S,
    )
    assert match, "the page embeds its chart data"
    return json.loads(match.group(1))


def test_incident_page_charts_each_sources_toll_the_places_months_and_its_holders(client):
    response = client.get(f"/en/incidents/{SEED}/")
    assert response.status_code == 200
    data = embedded(response)
    tolls = {row["source"]: row for row in data["tolls"]}
    assert len(tolls) == 3
    killed = sorted(tuple(row["killed"]) if row["killed"] else None for row in tolls.values())
    # SOHR: at least 22 (open-ended); the government source and state TV: 14.
    assert killed == [(14, 14), (14, 14), (22, None)]
    injured = sorted(tuple(row["injured"]) for row in tolls.values() if row["injured"])
    assert injured == [(30, 30), (31, None)]
    assert data["place"]["months"] == [["2017-10", 1]]
    assert data["date"] == "2017-10-23"
    assert data["holders"], "a control zone covers Al-Qusur in October 2017"
    assert any(
        h["from"] <= "2017-10-23" and (h["to"] is None or h["to"] >= "2017-10-23")
        for h in data["holders"]
    )
    assert [h["from"] for h in data["holders"]] == sorted(h["from"] for h in data["holders"])
    assert b"js/summaries.js" in response.content


def test_table_page_charts_the_filtered_incidents_per_month(client):
    response = client.get("/en/incidents/", {"q": "Qusur"})
    assert response.status_code == 200
    url = re.search(
        rb'id="chart-table-months" class="summary-chart" data-url="([^"]+)"', response.content
    )
    assert url
    target = url.group(1).decode().replace("&amp;", "&")
    assert "q=Qusur" in target and "bucket=month" in target
    assert client.get(target).status_code == 200
