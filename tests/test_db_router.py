"""Which database the replica router picks, request by request
(conflictmap.db_router; tests/test_replica.py runs it against a real replica)."""

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from conflictmap.db_router import PIN_COOKIE, PrimaryReplicaRouter, ReplicaMiddleware
from events.models import Incident

router = PrimaryReplicaRouter()
factory = RequestFactory()


def serve(request, *, write=False, streaming=False):
    seen = {}

    def view(request):
        seen["before_write"] = router.db_for_read(Incident)
        if write:
            assert router.db_for_write(Incident) == "default"
            seen["after_write"] = router.db_for_read(Incident)
        if streaming:
            return StreamingHttpResponse(router.db_for_read(Incident) for _ in range(1))
        return HttpResponse("ok")

    response = ReplicaMiddleware(view)(request)
    return seen, response


def test_public_reads_go_to_the_replica_and_nothing_else_does():
    seen, response = serve(factory.get("/api/incident-points.geojson"))
    assert seen["before_write"] == "replica"
    assert PIN_COOKIE not in response.cookies
    for request in (factory.post("/api/v1/incidents/"), factory.get("/admin/events/incident/")):
        assert serve(request)[0]["before_write"] == "default"
    assert router.db_for_read(Incident) == "default"  # outside a request: the primary


def test_a_write_pins_the_rest_of_the_request_and_the_next_ones():
    seen, response = serve(factory.get("/incidents/"), write=True)
    assert (seen["before_write"], seen["after_write"]) == ("replica", "default")
    assert response.cookies[PIN_COOKIE]["max-age"] > 0
    pinned = factory.get("/incidents/")
    pinned.COOKIES[PIN_COOKIE] = "1"
    assert serve(pinned)[0]["before_write"] == "default"


def test_a_streamed_export_reads_from_the_replica_while_it_streams():
    _, response = serve(factory.get("/api/incidents.geojson"), streaming=True)
    assert b"".join(response.streaming_content) == b"replica"
    assert router.db_for_read(Incident) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_on_the_primary_stay_there():
    from django.db import transaction

    def view(request):
        with transaction.atomic():
            return HttpResponse(router.db_for_read(Incident))

    assert ReplicaMiddleware(view)(factory.get("/")).content == b"default"
