"""What the bulk writer (events.services.bulk) stores is what it was given, on
both backends: on PostgreSQL rows and their history records go in by binary COPY,
where text is sent as it is (no escaping) and a value the column's type cannot
take is refused as a database error, with nothing written."""

import pytest
from django.db import DataError, connection, transaction

from events.imports import import_incidents
from events.models import Incident, Source
from events.services import bulk
from tests.test_import_incidents import GOOD, write

AWKWARD = "tab\there, new\nline, back\\slash \\N, quote \"x\" 'y', دير الزور"


@pytest.mark.django_db
def test_text_with_tabs_newlines_backslashes_and_arabic_is_stored_as_given(tmp_path):
    row = {**GOOD[0], "notes": AWKWARD, "location": "Al-Qusor \\ دير"}
    import_incidents(path=write(tmp_path, [row]), synthetic=True)
    incident = Incident.objects.get(external_id="TEST0001")
    assert incident.summary == AWKWARD
    assert incident.reported_place_name == "Al-Qusor \\ دير"
    (record,) = incident.history.all()
    assert (record.summary, record.reported_place_name) == (AWKWARD, "Al-Qusor \\ دير")
    assert record.geom.equals_exact(incident.geom, 0)


@pytest.mark.django_db
def test_a_value_of_the_wrong_type_is_refused_and_nothing_is_written(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite stores any value in any column")
    import_incidents(path=write(tmp_path, GOOD[:1]), synthetic=True)
    incident = Incident.objects.get(external_id="TEST0001")
    before = Source.objects.count(), Source.history.count()
    good = {"incident_id": incident.pk, "name": "Monitor A"}
    with pytest.raises(DataError, match="events_source"), transaction.atomic():
        bulk.insert_with_history(
            Source, [good, {"incident_id": incident.pk, "name": 5}], user=None, reason="test"
        )
    assert (Source.objects.count(), Source.history.count()) == before
