"""The live tables keep one index per way they are read, and no index that
another one already serves (migration 0018): each spare index costs every write."""

from django.db import connection

from events.models import Attribution, Incident


def index_columns(table: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [c["columns"] for c in constraints.values() if c["index"] or c["unique"]]


def test_incident_status_reads_use_the_status_date_index(db):
    columns = index_columns(Incident._meta.db_table)
    assert ["status", "date_start"] in columns
    assert ["status"] not in columns


def test_attribution_incident_reads_use_the_unique_constraint(db):
    columns = index_columns(Attribution._meta.db_table)
    assert ["incident_id", "actor_id", "role", "stance", "source_id"] in columns
    assert ["incident_id"] not in columns


def test_incident_history_is_still_indexed_by_status(db):
    # events.selectors reads history by status (withdrawn incidents).
    assert ["status"] in index_columns(Incident.history.model._meta.db_table)
