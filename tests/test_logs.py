"""The production profile's structured logs: one JSON object per line, for
every request and every error (conflictmap.logs)."""

import io
import json
import logging

from django.http import HttpResponse
from django.test import RequestFactory

from conflictmap.logs import JsonFormatter, RequestLogMiddleware


def captured(logger_name: str):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return stream, lambda: logger.removeHandler(handler)


def test_each_request_is_one_json_line():
    stream, done = captured("conflictmap.request")
    try:
        middleware = RequestLogMiddleware(lambda request: HttpResponse("é", status=201))
        middleware(RequestFactory().get("/api/geocode", {"q": "Mayadin"}))
        middleware(RequestFactory().post("/api/v1/incidents/"))
    finally:
        done()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["method"] == "GET" and first["path"] == "/api/geocode"
    assert first["query"] == "q=Mayadin" and first["status"] == 201
    assert first["bytes"] == 2 and first["db"] == "default" and first["duration_ms"] >= 0
    assert first["level"] == "INFO" and first["time"].endswith("+00:00")
    assert json.loads(lines[1])["method"] == "POST"


def test_an_error_keeps_its_traceback_on_one_line():
    stream, done = captured("django.request")
    try:
        try:
            {}["missing"]
        except KeyError:
            logging.getLogger("django.request").exception("Internal Server Error: /x")
    finally:
        done()
    (line,) = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["message"] == "Internal Server Error: /x"
    assert "KeyError: 'missing'" in entry["exception"]
