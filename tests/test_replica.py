"""Public reads from a real PostgreSQL streaming replica (conflictmap.db_router).

Runs when DATABASE_REPLICA_URL names one: scripts/run-tests.sh starts it with
scripts/ensure-replica.sh (cluster "replica" on port 5433, a pg_basebackup copy
of the primary) and runs this module on PostGIS with it. The test database is
created on the primary and reaches the replica by replication, like everything
these tests commit (they run outside a test transaction, so that it can).
"""

import os
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token

from events.models import Incident
from tests.factories import IncidentFactory

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_REPLICA_URL"),
        reason="needs DATABASE_REPLICA_URL (scripts/run-tests.sh sets it on PostGIS)",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]

POINTS = reverse("api:incident-points-geojson")


def wait_for(check, timeout_s: float = 15.0):
    deadline = time.monotonic() + timeout_s
    while not (value := check()):
        assert time.monotonic() < deadline, "the replica did not catch up in time"
        time.sleep(0.05)
    return value


def replica_reachable() -> bool:
    """The test database is created on the primary just before the tests: the
    replica has it once that much WAL is replayed."""
    from django.db.utils import OperationalError

    try:
        connections["replica"].ensure_connection()
    except OperationalError:
        connections["replica"].close()
        return False
    return True


def replica_sql(sql: str):
    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0] if cursor.description else None


def map_titles(client: Client, **headers) -> dict[str, str]:
    response = client.get(POINTS, **headers)
    assert response.status_code == 200
    return {f["id"]: f["properties"]["title"] for f in response.json()["features"]}


@pytest.fixture
def public(settings):
    # The incidents these tests write are synthetic (tests/factories.py).
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    wait_for(replica_reachable, timeout_s=60)


def test_a_published_incident_reaches_the_replica_and_the_map_it_serves(client, public):
    assert replica_sql("SELECT pg_is_in_recovery()") is True  # a real standby
    incident = IncidentFactory(title="Replicated strike")  # published, committed on the primary
    wait_for(lambda: Incident.objects.using("replica").filter(code=incident.code).exists())

    lon, lat = incident.geom.x, incident.geom.y
    box = f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}"
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        points = map_titles(client)
        clusters = client.get(reverse("api:incident-clusters") + f"?z=16&bbox={box}").json()
    assert points[incident.code] == "Replicated strike"
    assert incident.code in {f["id"] for f in clusters["features"]}
    assert on_replica.captured_queries, "the map was not read from the replica"
    assert not on_primary.captured_queries, "public reads went to the primary"


def test_a_writer_reads_its_own_write_while_the_replica_lags(public):
    incident = IncidentFactory(title="Before the edit")
    editor = get_user_model().objects.create_superuser("replica-editor", password="x")
    token = Token.objects.create(user=editor)
    wait_for(lambda: Token.objects.using("replica").filter(pk=token.pk).exists())
    wait_for(lambda: Incident.objects.using("replica").filter(code=incident.code).exists())

    reader, writer = Client(), Client()
    replica_sql("SELECT pg_wal_replay_pause()")  # the replica lags from here on
    try:
        response = writer.patch(
            f"/api/v1/incidents/{incident.code}/",
            {"properties": {"title": "After the edit"}},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token.key}",
        )
        assert response.status_code == 200, response.content
        assert "cm_primary" in response.cookies  # pinned to the primary for a while
        assert Incident.objects.get(code=incident.code).title == "After the edit"

        assert map_titles(reader)[incident.code] == "Before the edit"  # served by the replica
        assert map_titles(writer)[incident.code] == "After the edit"  # its own write
    finally:
        replica_sql("SELECT pg_wal_replay_resume()")
    wait_for(lambda: map_titles(reader)[incident.code] == "After the edit")
