"""ACLED exports with ACLED's own actor names: the actor dictionary maps them, an unknown
name waits for the editor's choice (command line and admin), and ACLED's inter,
civilian_targeting and precision columns are used. Rows follow ACLED's column
layout with clearly marked test values (ids TEST…, "Test Monitor"), imported as
synthetic; only the actor names are ACLED's real ones."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.acled import ACLED_COLUMNS
from events.imports import ImportRejected, import_incidents
from events.imports.actors import CREATE, ActorChoices, actor_key
from events.models import Actor, ActorAlias, Incident
from tests.accounts import make_editor

ACLED_NAMES = [
    ("Military Forces of Syria (2000-)", "government"),
    ("Islamic State (Syria)", "islamic_state"),
    ("QSD: Syrian Democratic Forces", "sdf"),
    ("Global Coalition Against Daesh", "us_led_coalition"),
    ("Militia (Pro-Government)", "government"),
    ("Military Forces of Russia (2000-)", "russia"),
    ("Military Forces of Turkey (2016-)", "turkey"),
    ("HTS: Hayat Tahrir al Sham", "hts"),
    ("Civilians (Syria)", "civilians"),
    ("Unidentified Armed Group (Syria)", "unidentified_armed_group"),
    ("Military Forces of Israel (1948-)", "israel"),
    ("Military Forces of the United States (2017-2021)", "united_states"),
    ("YPG: People's Protection Units", "ypg"),
    ("Syrian National Army", "sna"),
    ("Free Syrian Army", "opposition"),
]


def row(n: int, **values) -> dict:
    base = {
        "event_id_cnty": f"TEST{n:04d}",
        "event_date": "2017-10-20",
        "time_precision": "1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Syria (2000-)",
        "inter1": "1",
        "actor2": "Islamic State (Syria)",
        "inter2": "2",
        "country": "Syria",
        "iso": "760",
        "location": "Mayadin",
        "latitude": "35.0199",
        "longitude": "40.4514",
        "geo_precision": "2",
        "source": "Test Monitor",
        "notes": f"Test row {n}, not a real event.",
        "fatalities": "2",
    }
    base.update(values)
    return base


def write(tmp_path, rows, name="acled.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: r.get(c, "") for c in ACLED_COLUMNS})
    path = tmp_path / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_actor_key_ignores_acled_period_suffix_case_and_quotes():
    assert actor_key("Military Forces of Syria (2000-)") == "military forces of syria"
    assert actor_key("  Military forces of  Syria (2011-2016) ") == "military forces of syria"
    assert actor_key("Jaysh al-Asha’er") == actor_key("Jaysh al-Asha'er")


@pytest.mark.django_db
def test_acled_names_import_with_no_hand_editing(tmp_path):
    rows = [
        row(i, actor1=name, actor2="Civilians (Syria)", inter2="7")
        for i, (name, _) in enumerate(ACLED_NAMES, start=1)
    ]
    report = import_incidents(path=write(tmp_path, rows), synthetic=True)
    assert report.created == len(ACLED_NAMES) and report.unknown_actors == {}
    for i, (_, slug) in enumerate(ACLED_NAMES, start=1):
        incident = Incident.objects.get(external_id=f"TEST{i:04d}")
        perpetrators = {a.actor.slug for a in incident.attributions.filter(role="perpetrator")}
        assert perpetrators == {slug}, (i, perpetrators)


@pytest.mark.django_db
def test_arabic_names_resolve():
    from events.imports.actors import ActorResolver

    resolver = ActorResolver()
    assert resolver.get("داعش").slug == "islamic_state"
    assert resolver.get("قسد").slug == "sdf"
    assert resolver.get("هيئة تحرير الشام").slug == "hts"


@pytest.mark.django_db
def test_civilian_targeting_adds_civilians_as_target(tmp_path):
    rows = [
        row(
            1,
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            actor2="",
            civilian_targeting="Civilian targeting",
        )
    ]
    import_incidents(path=write(tmp_path, rows), synthetic=True)
    incident = Incident.objects.get(external_id="TEST0001")
    assert incident.attributions.get(role="target").actor.slug == "civilians"


@pytest.mark.django_db
def test_unknown_names_are_counted_and_refused_until_chosen(tmp_path):
    rows = [
        row(1, actor1="Test Brigade One", inter1="2"),
        row(2, actor1="Test Brigade One", inter1="2"),
        row(3, assoc_actor_2="Military Forces of Testland (2001-)", inter2="8"),
    ]
    path = write(tmp_path, rows)
    dry = import_incidents(path=path, dry_run=True, synthetic=True)
    assert dry.unknown_actors == {"Test Brigade One": 2, "Military Forces of Testland (2001-)": 1}
    assert dry.created == 3  # every row is otherwise good
    with pytest.raises(ImportRejected, match="2 actor name\\(s\\) are not in the actor dictionary"):
        import_incidents(path=path, synthetic=True)
    assert not Incident.objects.filter(external_id__startswith="TEST").exists()

    choices = ActorChoices(
        mapping={"Test Brigade One": "opposition", "Military Forces of Testland (2001-)": CREATE}
    )
    report = import_incidents(path=path, synthetic=True, actor_choices=choices)
    assert report.created == 3
    created = Actor.objects.get(name="Military Forces of Testland (2001-)")
    assert (created.reviewed, created.kind) == (False, "state")  # inter2 8: external force
    assert ActorAlias.objects.get(name="Test Brigade One").actor.slug == "opposition"
    first = Incident.objects.get(external_id="TEST0001")
    assert first.attributions.get(role="perpetrator").actor.slug == "opposition"


@pytest.mark.django_db
def test_admin_import_page_lists_unknown_names_and_takes_the_choice(client, tmp_path):
    client.force_login(make_editor())
    path = write(tmp_path, [row(1, actor1="Test Brigade One"), row(2, actor1="Test Brigade One")])
    content = path.read_bytes()
    url = "/admin/events/incident/import/"

    def upload(**extra):
        data = {"file": SimpleUploadedFile("acled.csv", content, "text/csv"), "status": "draft"}
        return client.post(url, {**data, **extra})

    page = upload(dry_run="on").content.decode()
    assert 'id="unknown-actors"' in page
    assert "Test Brigade One" in page and "<td>2</td>" in page
    assert "Create as a new actor (unreviewed)" in page

    page = upload(unknown_name="Test Brigade One", unknown_choice=CREATE).content.decode()
    assert "2 created" in page
    actor = Actor.objects.get(name="Test Brigade One")
    assert actor.reviewed is False
    assert Incident.objects.filter(external_id__in=["TEST0001", "TEST0002"]).count() == 2
