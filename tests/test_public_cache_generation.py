"""Which writes empty the public cache: those that can change a public answer
(an incident published after the write or before it), never an editor's draft
or an incident in review saved on its own, which the public does not see."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from events import public_cache, services
from events.imports import import_incidents
from events.models import Incident, IncidentStatus, Source
from tests.accounts import make_reviewer

pytestmark = pytest.mark.django_db

POINTS = "/api/incident-points.geojson"


@pytest.fixture
def reviewer(db):
    return make_reviewer()


def map_codes(client) -> set[str]:
    return {feature["id"] for feature in client.get(POINTS).json()["features"]}


def new_draft(title: str = "Shelling near Al-Mayadin") -> Incident:
    day = dt.date(2017, 10, 21)
    incident = services.create_incident(
        data={
            "title": title,
            "event_type": "explosions_remote_violence",
            "sub_event_type": "shelling_artillery_missile",
            "date_start": day,
            "geom": Point(40.45, 35.01, srid=4326),
        }
    )
    services.save_incident_part(part=Source(incident=incident), data={"name": "Monitor"})
    return incident


def test_saving_drafts_and_incidents_in_review_keeps_the_cached_map_answer(
    client, seed_incident, django_assert_num_queries
):
    first = client.get(POINTS)
    token = public_cache.generation()

    draft = new_draft()
    services.update_incident(incident=draft, data={"title": "Shelling near Al-Mayadin (edited)"})
    services.transition_incident(incident=draft, transition="submit", user=None, system=True)
    services.update_incident(incident=draft, data={"notes": "Checked with a second monitor"})
    services.transition_incident(incident=draft, transition="archive", user=None, system=True)

    assert public_cache.generation() == token
    with django_assert_num_queries(0):  # still a hit: the database is not read
        again = client.get(POINTS)
    assert again.content == first.content
    assert client.get(POINTS, headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_editing_a_published_incident_or_its_sources_empties_the_cache(client, seed_incident):
    token = public_cache.generation()
    services.update_incident(incident=seed_incident, data={"title": "Strikes on Al-Qusur"})
    assert public_cache.generation() != token
    token = public_cache.generation()
    services.save_incident_part(part=Source(incident=seed_incident), data={"name": "Monitor"})
    assert public_cache.generation() != token


def test_publishing_a_draft_puts_it_on_the_cached_map(client, reviewer):
    draft = new_draft()
    assert draft.code not in map_codes(client)
    token = public_cache.generation()
    services.transition_incident(incident=draft, transition="publish", user=reviewer)
    assert public_cache.generation() != token
    assert draft.code in map_codes(client)


@pytest.mark.parametrize("transition", ["return", "archive"])
def test_unpublishing_takes_it_off_the_cached_map(client, reviewer, seed_incident, transition):
    assert seed_incident.code in map_codes(client)  # cached now
    token = public_cache.generation()
    services.transition_incident(incident=seed_incident, transition=transition, user=reviewer)
    assert public_cache.generation() != token
    assert seed_incident.code not in map_codes(client)


def test_deleting_a_published_incident_takes_it_off_the_cached_map(client, reviewer, seed_incident):
    assert seed_incident.code in map_codes(client)
    token = public_cache.generation()
    assert services.delete_or_archive_incident(incident=seed_incident, user=reviewer) == "archived"
    assert public_cache.generation() != token
    assert seed_incident.code not in map_codes(client)


def test_a_bulk_status_change_takes_it_off_the_cached_map(client, seed_incident):
    assert seed_incident.code in map_codes(client)
    Incident.objects.filter(pk=seed_incident.pk).update(status=IncidentStatus.ARCHIVED)
    assert seed_incident.code not in map_codes(client)


def write_feature(path, code: str) -> None:
    feature = {
        "type": "Feature",
        "id": code,
        "geometry": {"type": "Point", "coordinates": [40.45, 35.01]},
        "properties": {
            "title": "Shelling near Al-Mayadin",
            "event_type": "explosions_remote_violence",
            "sub_event_type": "shelling_artillery_missile",
            "date_start": "2017-10-21",
            "sources": [{"name": "Monitor"}],
        },
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))


def test_an_import_of_drafts_keeps_the_cache_and_of_published_events_empties_it(client, tmp_path):
    before = map_codes(client)
    token = public_cache.generation()
    drafts = tmp_path / "drafts.geojson"
    write_feature(drafts, "2017-10-21-import-draft")
    assert import_incidents(path=drafts, link=False).created == 1
    assert public_cache.generation() == token

    published = tmp_path / "published.geojson"
    write_feature(published, "2017-10-21-import-published")
    report = import_incidents(
        path=published, status=IncidentStatus.PUBLISHED, packaged=True, link=False
    )
    assert report.created == 1, report.details
    assert public_cache.generation() != token
    new = Incident.objects.filter(title="Shelling near Al-Mayadin", status="published")
    assert map_codes(client) - before == {new.get().code}


def test_staff_popup_of_a_draft_shows_its_latest_save(client, reviewer):
    draft = new_draft()
    client.force_login(reviewer)
    url = reverse("events:incident-popup", kwargs={"code": draft.code})
    assert "Shelling near Al-Mayadin" in client.get(url).content.decode()
    services.update_incident(incident=draft, data={"title": "Shelling by Al-Mayadin bridge"})
    assert "Shelling by Al-Mayadin bridge" in client.get(url).content.decode()


def test_confirming_a_published_duplicate_takes_it_off_the_cached_map(
    client, reviewer, seed_incident
):
    from events.models import IncidentLink, LinkStatus

    sample = Path(__file__).parent / "data" / "ucdp_ged_sample.csv"
    import_incidents(path=sample, user=reviewer, status=IncidentStatus.PUBLISHED)
    link = IncidentLink.objects.get(external_id="ucdp-ged:253339")
    assert link.status == LinkStatus.CANDIDATE and link.other == seed_incident
    duplicate = link.incident.code
    assert duplicate in map_codes(client)
    services.confirm_link(link=link, user=reviewer)
    assert Incident.objects.get(code=duplicate).status == IncidentStatus.ARCHIVED
    assert duplicate not in map_codes(client)
