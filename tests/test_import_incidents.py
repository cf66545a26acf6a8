"""Bulk import from ACLED-layout CSV: all-or-nothing, every bad row reported by
line, idempotent upsert, dry run, progress, permissions. Rows are synthetic test
data (ids TEST…, imported with synthetic=True)."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from events.acled import ACLED_COLUMNS
from events.exports.stored import RENDER_VERSION, STORED_COLUMNS, renderings
from events.imports import ImportRejected, import_incidents
from events.imports.acled_csv import CLAIM_WORDING
from events.imports.importer import BATCH_ROWS
from events.models import (
    Attribution,
    CasualtyClaim,
    Incident,
    IncidentStatus,
    Source,
)
from tests.accounts import make_editor, make_reviewer

GOOD = [
    {
        "event_id_cnty": "TEST0001",
        "event_date": "23 October 2017",
        "year": "2017",
        "time_precision": "1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "US-led coalition",
        "actor2": "Civilians (Syria)",
        "country": "Syria",
        "iso": "760",
        "admin1": "Deir ez-Zor",
        "location": "Al-Qusor",
        "latitude": "35.33588",
        "longitude": "40.14084",
        "geo_precision": "2",
        "source": "Synthetic Monitor",
        "notes": "Synthetic test row one.",
        "fatalities": "3",
    },
    {
        "event_id_cnty": "TEST0002",
        "event_date": "2017-10-20",
        "time_precision": "2",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State",
        "actor2": "Syrian government and allies",
        "assoc_actor_2": "Russian armed forces",
        "country": "Syria",
        "iso": "760",
        "location": "Mayadin",
        "latitude": "35.0199",
        "longitude": "40.4514",
        "geo_precision": "1",
        "source": "Synthetic Monitor; Other Synthetic Outlet",
        "notes": "Synthetic test row two.",
        "fatalities": "0",
    },
]

BAD = {
    "bad date": ({"event_id_cnty": "TEST0003", "event_date": "2017-13-45"}, "bad event_date"),
    "swapped": ({"event_id_cnty": "TEST0004", "latitude": "40", "longitude": "35"}, "swapped"),
    "off the world": (
        {"event_id_cnty": "TEST0005", "latitude": "123.5", "longitude": "40.1"},
        "latitude 123.5 is outside -90..90",
    ),
    "unknown type": (
        {"event_id_cnty": "TEST0007", "event_type": "Alien invasion", "sub_event_type": ""},
        "unknown event type 'Alien invasion'",
    ),
    "duplicate": ({"event_id_cnty": "TEST0001"}, "duplicate id 'TEST0001' (first at line 2)"),
    "figure without source": (
        {"event_id_cnty": "TEST0008", "source": ""},
        "fatalities given but the source column is empty",
    ),
}


def csv_text(rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in ACLED_COLUMNS})
    return out.getvalue()


def write(tmp_path, rows, name="incidents.csv"):
    path = tmp_path / name
    path.write_text(csv_text(rows), encoding="utf-8")
    return path


def bad_row(kind):
    changes, _ = BAD[kind]
    return {**GOOD[1], **changes}


def counts():
    return (
        Incident.objects.count(),
        Source.objects.count(),
        CasualtyClaim.objects.count(),
        Attribution.objects.count(),
        Incident.history.count(),
    )


@pytest.fixture
def people(db):
    return make_editor(), make_reviewer()


def test_good_rows_land_as_drafts_with_their_sources_claims_and_actors(db, tmp_path):
    report = import_incidents(path=write(tmp_path, GOOD), synthetic=True)
    assert (report.rows, report.created, report.updated, report.unchanged) == (2, 2, 0, 0)

    strike = Incident.objects.get(external_id="TEST0001")
    assert strike.status == IncidentStatus.DRAFT and strike.synthetic
    assert strike.title == "Air/drone strike in Al-Qusor"
    assert str(strike.date_start) == "2017-10-23" and strike.date_precision == "day"
    assert strike.place.slug == "al-qusur"  # the gazetteer knows the spelling
    assert (strike.location_precision, strike.uncertainty_m) == ("town", 6000)
    assert (round(strike.geom.x, 5), round(strike.geom.y, 5)) == (40.14084, 35.33588)
    assert strike.summary == "Synthetic test row one."
    (claim,) = strike.claims.all()
    assert (claim.source.name, claim.min_value, claim.max_value) == ("Synthetic Monitor", 3, 3)
    assert claim.wording == CLAIM_WORDING and strike.fatalities_low == 3
    assert {(a.actor.slug, a.role) for a in strike.attributions.all()} == {
        ("us_led_coalition", "perpetrator"),
        ("civilians", "target"),
    }

    clash = Incident.objects.get(external_id="TEST0002")
    assert clash.date_precision == "week"
    assert sorted(clash.sources.values_list("name", flat=True)) == [
        "Other Synthetic Outlet",
        "Synthetic Monitor",
    ]
    assert {(a.actor.slug, a.role) for a in clash.attributions.all()} == {
        ("islamic_state", "perpetrator"),
        ("government", "target"),
        ("russia", "target"),
    }
    assert clash.fatalities_low == 0


def test_rerunning_the_same_file_changes_nothing(db, tmp_path):
    path = write(tmp_path, GOOD)
    import_incidents(path=path, synthetic=True)
    before = counts()
    report = import_incidents(path=path, synthetic=True)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert counts() == before  # not even a history record


def test_each_bad_row_is_reported_by_line_and_nothing_is_written(db, tmp_path):
    rows = [GOOD[0], *[bad_row(kind) for kind in BAD], GOOD[1]]
    before = counts()
    with pytest.raises(ImportRejected) as caught:
        import_incidents(path=write(tmp_path, rows), synthetic=True)
    errors = {line: reason for line, _, reason in caught.value.errors}
    # Header is line 1, GOOD[0] line 2; the bad rows follow in order.
    for offset, (kind, (_, expected)) in enumerate(BAD.items()):
        assert expected in errors[3 + offset], (kind, errors)
    assert sorted(errors) == list(range(3, 3 + len(BAD)))
    assert caught.value.report.rejected == len(BAD)
    assert f"{len(BAD)} of {len(rows)} row(s) rejected; nothing was written" in str(caught.value)
    assert counts() == before


def test_a_bad_row_after_written_batches_still_leaves_nothing_written(db, tmp_path):
    # The file is written a batch at a time inside one transaction: a problem met
    # after whole batches went in rolls them back, and the rows after it are still
    # checked and reported.
    rows = [{**GOOD[0], "event_id_cnty": f"TEST{i:05d}"} for i in range(BATCH_ROWS + 50)]
    rows[BATCH_ROWS + 10] = {**rows[BATCH_ROWS + 10], "event_date": "2017-13-45"}
    rows.append({**GOOD[1], "event_id_cnty": "TEST00000"})
    before = counts()
    with pytest.raises(ImportRejected) as caught:
        import_incidents(path=write(tmp_path, rows), synthetic=True)
    # Header is line 1: row i is on line i + 2.
    assert [line for line, _, _ in caught.value.errors] == [BATCH_ROWS + 12, len(rows) + 1]
    assert "duplicate id 'TEST00000' (first at line 2)" in str(caught.value)
    assert counts() == before


def test_the_command_lists_every_bad_row_and_writes_nothing(db, tmp_path):
    unknown = {**GOOD[0], "event_id_cnty": "TEST0006", "actor1": "Martian Legion"}
    path = write(tmp_path, [GOOD[0], bad_row("swapped"), unknown])
    with pytest.raises(CommandError) as caught:
        call_command("import_incidents", str(path), "--synthetic", verbosity=0)
    message = str(caught.value)
    assert "incidents.csv, line 3: latitude 40.0 / longitude 35.0 lies outside Syria" in message
    # An unknown actor is not a bad row: the file waits for the editor's choice.
    assert "not in the actor dictionary: 'Martian Legion' (1 rows)" in message
    assert "--create-unknown-actors" in message
    assert not Incident.objects.filter(external_id="TEST0001").exists()


def test_dry_run_reports_and_writes_nothing(db, tmp_path):
    before = counts()
    out = io.StringIO()
    call_command(
        "import_incidents", str(write(tmp_path, GOOD)), "--dry-run", "--synthetic", stdout=out
    )
    assert "2 created" in out.getvalue() and "dry run: nothing was written" in out.getvalue()
    assert counts() == before


def test_a_changed_row_updates_only_that_incident_and_is_in_its_history(db, tmp_path):
    import_incidents(path=write(tmp_path, GOOD), synthetic=True)
    changed = [{**GOOD[0], "fatalities": "5", "notes": "Synthetic test row one, revised."}, GOOD[1]]
    report = import_incidents(path=write(tmp_path, changed, "revised.csv"), synthetic=True)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    strike = Incident.objects.get(external_id="TEST0001")
    assert strike.summary == "Synthetic test row one, revised."
    assert strike.claims.get().min_value == 5 and strike.fatalities_low == 5
    assert strike.history.first().history_change_reason == "Imported from revised.csv"
    assert strike.title == "Air/drone strike in Al-Qusor"  # never touched by an import


def test_progress_is_reported_for_both_passes(db, tmp_path):
    calls = []
    import_incidents(
        path=write(tmp_path, GOOD), synthetic=True, progress=lambda *a: calls.append(a)
    )
    assert calls[-1] == ("written", 2, 2) and ("checked", 2, 2) in calls


def test_file_level_problems_are_reported_not_raised_as_crashes(db, tmp_path):
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(csv_text(GOOD).encode("utf-8") + "TEST9,Alep\xe9\n".encode("latin-1"))
    with pytest.raises(ImportRejected, match="not UTF-8"):
        import_incidents(path=latin1)
    headless = tmp_path / "headless.csv"
    headless.write_text("id,date\n1,2017-10-23\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="line 1: missing column"):
        import_incidents(path=headless)
    short = tmp_path / "short.csv"
    short.write_text(csv_text(GOOD) + "TEST9,2017-10-20\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="line 4: 2 values but 31 columns"):
        import_incidents(path=short)


def test_an_exported_seed_row_round_trips_unchanged(seed_incident, tmp_path):
    """A row written the way the CSV export writes the seed changes nothing."""
    seed = seed_incident
    perpetrators = [a.actor.name for a in seed.attributions.all() if a.role == "perpetrator"]
    targets = [a.actor.name for a in seed.attributions.all() if a.role == "target"]
    row = {
        "event_id_cnty": seed.code,
        "event_date": seed.date_start.isoformat(),
        "year": str(seed.date_start.year),
        "time_precision": "1",
        "event_type": seed.get_event_type_display(),
        "sub_event_type": seed.get_sub_event_type_display(),
        "actor1": perpetrators[0],
        "assoc_actor_1": "; ".join(dict.fromkeys(perpetrators[1:])),
        "actor2": targets[0],
        "country": "Syria",
        "iso": "760",
        "location": seed.place.name,
        "latitude": f"{seed.geom.y:.6f}",
        "longitude": f"{seed.geom.x:.6f}",
        "geo_precision": "2",
        "source": "; ".join(str(s) for s in seed.sources.all()),
        "notes": seed.summary,
        "fatalities": str(seed.fatalities_low),
    }
    before = counts()
    report = import_incidents(path=write(tmp_path, [row]))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert counts() == before


def test_an_editor_may_not_import_published_incidents_nor_change_published_ones(
    people, seed_incident, tmp_path
):
    editor, reviewer = people
    with pytest.raises(ImportRejected, match="only a Reviewer may import"):
        import_incidents(path=write(tmp_path, GOOD), user=editor, status="published")
    touching_seed = {**GOOD[0], "event_id_cnty": seed_incident.code}
    with pytest.raises(ImportRejected, match="which is published; only its author"):
        import_incidents(path=write(tmp_path, [touching_seed]), user=editor)
    report = import_incidents(
        path=write(tmp_path, GOOD), user=reviewer, status="published", synthetic=True
    )
    assert report.created == 2
    strike = Incident.objects.get(external_id="TEST0001")
    assert strike.status == "published" and strike.published_at is not None
    assert strike.created_by == reviewer
    assert strike.history.get().history_user == reviewer


def test_new_incidents_are_written_with_the_texts_a_fresh_render_gives(db, tmp_path):
    """The stored export texts of new incidents are rendered from the values being
    written, before the rows go in: they must be what rendering the stored rows
    gives (two targets of one row are ordered by actor name, as exports read them)."""
    import_incidents(path=write(tmp_path, GOOD), synthetic=True)
    incidents = Incident.objects.filter(external_id__in=["TEST0001", "TEST0002"])
    fresh = {r.pk: tuple(r[1:]) for r in renderings(incidents)}
    stored = {pk: tuple(texts) for pk, *texts in incidents.values_list("pk", *STORED_COLUMNS)}
    assert len(stored) == 2 and stored == fresh
    assert set(incidents.values_list("render_version", flat=True)) == {RENDER_VERSION}


def test_each_new_row_and_part_has_its_created_record_holding_what_was_stored(db, tmp_path):
    """The history records of new incidents are copied from the rows as stored: one
    "created" record each (incident, sources, claims, attributions) with the user,
    the reason and the same values."""
    reviewer = make_reviewer()
    import_incidents(path=write(tmp_path, GOOD), synthetic=True, user=reviewer)
    clash = Incident.objects.get(external_id="TEST0002")
    (record,) = clash.history.all()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        reviewer,
        "Imported from incidents.csv",
    )
    for name in ("code", "title", "summary", "date_start", "uncertainty_m", "fatalities_low"):
        assert getattr(record, name) == getattr(clash, name), name
    assert record.geom.equals_exact(clash.geom, 0)
    for model, parts in (
        (Source, clash.sources.all()),
        (CasualtyClaim, clash.claims.all()),
        (Attribution, clash.attributions.all()),
    ):
        fields = [f.attname for f in model.history.model.tracked_fields]
        for part in parts:
            (created,) = model.history.filter(id=part.pk)
            assert created.history_type == "+" and created.history_user == reviewer
            assert [getattr(created, f) for f in fields] == [getattr(part, f) for f in fields]
