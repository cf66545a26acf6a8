"""The public reads as HTTP answers: the map's JSON (points, clusters, timeline),
the zone layers, the basemap and the popups.

Each answer is encoded once and gzipped once per data generation, and both
forms are kept in the public cache (events.public_cache) with the generation
they were made under. A request then costs one round trip to the cache (the
current generation and the stored form together) and no encoding or
compression: the stored bytes are sent as they are, gzipped when the client
accepts it (a public answer carries no secret token to leak through
compression).

Every answer also carries an ETag made of the generation, the request's
language and the whole query, so a browser that has it gets 304 Not Modified.
It is fresh in the browser for ``max_age`` seconds (0: asked again each time,
with the ETag). Answers that must never be reused by a browser (``reuse=False``)
are sent with ``no-cache`` and no ETag; the server still caches them until a
write.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from events import public_cache

GEOJSON = "application/geo+json"
JSON = "application/json"
# Bodies shorter than this are sent as they are (as Django's GZipMiddleware does).
GZIP_MIN_BYTES = 200
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def json_bytes(data) -> bytes:
    """``data`` as a JSON document (UTF-8, non-ASCII letters kept)."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def _forms(body: bytes) -> dict[str, tuple[str, bytes]]:
    """The stored forms of ``body``: as it is, and gzipped (or as it is, when
    gzip would not make it shorter)."""
    plain = ("", body)
    zipped = plain
    if len(body) >= GZIP_MIN_BYTES:
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        if len(compressed) < len(body):
            zipped = ("gzip", compressed)
    return {"identity": plain, "gzip": zipped}


def _etag(token: str, request, cache_key: str) -> str:
    text = (
        f"{token}|{settings.SHOW_SYNTHETIC_INCIDENTS}|{get_language()}|{cache_key}|"
        f"{request.get_full_path()}"
    )
    return '"' + hashlib.sha1(text.encode()).hexdigest()[:24] + '"'


def _has(request, etag: str) -> bool:
    sent = request.headers.get("If-None-Match")
    if not sent:
        return False
    return etag in (tag.strip().removeprefix("W/") for tag in sent.split(","))


def answer(
    request,
    kind: str,
    parts: tuple,
    compute: Callable[[], bytes | tuple[bytes, str]],
    *,
    content_type: str = GEOJSON,
    max_age: int = 0,
    reuse: bool = True,
) -> HttpResponse:
    """The answer of ``kind`` for ``parts`` (everything it depends on besides the
    data), from the cache, or ``compute()``d (the body's bytes, or the bytes and
    a Server-Timing value saying where the time went) and stored."""
    wants = "gzip" if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    keys = {form: public_cache.stamped_key(kind, *parts, form) for form in ("identity", "gzip")}
    key = keys["gzip" if wants else "identity"]
    token, stored = public_cache.lookup(key)
    etag = _etag(token, request, keys["identity"]) if reuse else None
    timing = "cache;desc=hit"
    if etag and _has(request, etag):
        response = HttpResponseNotModified()
        encoding = wants
    else:
        if stored is None:
            started = time.perf_counter()
            computed = compute()
            body, timing = computed if isinstance(computed, tuple) else (computed, "")
            made = time.perf_counter()
            forms = _forms(body)
            zipped = time.perf_counter()
            public_cache.store_stamped({keys[form]: forms[form] for form in forms}, token)
            stored = forms["gzip" if wants else "identity"]
            timing = (
                f"{timing or f'compute;dur={(made - started) * 1000:.1f}'}, "
                f"gzip;dur={(zipped - made) * 1000:.1f}"
            )
        encoding, body = stored
        response = HttpResponse(body, content_type=content_type)
        if encoding:
            response["Content-Encoding"] = encoding
        response["Server-Timing"] = timing
    if etag:
        # A gzipped body is another representation of the same answer: a weak
        # ETag, as Django's GZipMiddleware makes it.
        response["ETag"] = f"W/{etag}" if encoding else etag
        if max_age:
            patch_cache_control(response, public=True, max_age=max_age)
        else:
            patch_cache_control(response, public=True, no_cache=True)
    else:
        patch_cache_control(response, no_cache=True)
    # Labels follow the request's language (Accept-Language, cookie); digits a cookie.
    patch_vary_headers(response, ("Accept-Language", "Cookie", "Accept-Encoding"))
    return response
