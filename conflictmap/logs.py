"""Structured logs for the production profile: one JSON object per line.

``JsonFormatter`` writes a record as ``{"time", "level", "logger", "message"}``
plus any of the record's extra fields named in ``FIELDS`` and, for an error,
its traceback as ``exception``. ``RequestLogMiddleware`` logs every request
(method, path, status, duration, the database alias that served its reads)
on the ``conflictmap.request`` logger. gunicorn's own messages use the same
formatter (conflictmap/gunicorn_conf.py).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time

request_logger = logging.getLogger("conflictmap.request")

# Extra fields a record may carry (logger.info(..., extra={...})) that are written out.
FIELDS = ("method", "path", "query", "status", "duration_ms", "bytes", "db", "remote")


def json_logging(level: str = "INFO", **loggers) -> dict:
    """A logging dictConfig: every record as a JSON line on stdout, at ``level``;
    ``loggers`` names loggers that write there without passing records on."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "conflictmap.logs.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            name: {"handlers": ["stdout"] if on else [], "level": level, "propagate": False}
            for name, on in loggers.items()
        },
    }


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """One log line per request. The duration runs to the response's headers (a
    streamed export goes on after that)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from conflictmap import db_router  # (settings import this module: no Django yet)

        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "query": request.META.get("QUERY_STRING", "")[:500],
                "status": response.status_code,
                "duration_ms": duration_ms,
                "bytes": None if response.streaming else len(response.content),
                "db": db_router.read_alias_of(request),
                "remote": request.META.get("REMOTE_ADDR", ""),
            },
        )
        return response
