"""Work every process would otherwise do on its first requests, done when it
starts instead (conflictmap.wsgi, so once before gunicorn forks its workers with
``preload_app``): import the URLconf (it pulls in every view, the report
extraction's compiled patterns among them), compile the public pages' templates,
load the translation catalogs, and load the basemap's packaged layers
(events.basemap, read from var/ or built there once); then what it has loaded is
frozen out of the garbage collector's reach (gc.freeze).

Nothing here opens a database connection (gunicorn forks after it), and nothing
here is data a write can change: the public cache (events.public_cache) starts
empty, so the first visitor still pays for the answers computed from the data.
"""

from __future__ import annotations

import gc
import logging
import time

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver, reverse
from django.utils import translation

logger = logging.getLogger(__name__)

# The public pages and what they include (the first map visit renders these).
PUBLIC_TEMPLATES = (
    "base.html",
    "_preferences.html",
    "events/map.html",
    "events/incident_list.html",
    "events/incident_detail.html",
    "events/_filter_form.html",
    "events/_downloads.html",
    "events/_dataset_credit.html",
    "events/_controller.html",
    "events/_claims_table.html",
    "events/_incident_popup.html",
    "events/_place_name.html",
)


def warm_up() -> float:
    """Do the start-up work; returns the seconds it took."""
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    from events import basemap

    started = time.perf_counter()
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018  (imports the URLconf and every view)
    is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    reverse("api:basemap-geojson")  # builds the reverse lookups {% url %} uses
    for name in PUBLIC_TEMPLATES:
        get_template(name)  # compiled once, kept by the cached template loader
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Map")  # loads and merges the language's catalogs
    basemap.packaged_layers()
    # Everything loaded so far lives as long as the process: out of the garbage
    # collector's sight, a full collection no longer walks it (the first requests
    # paid for one, ~0.1 s), and forked workers share its pages (gunicorn preload).
    gc.collect()
    gc.freeze()
    seconds = time.perf_counter() - started
    logger.info("Warmed up in %.2f s", seconds)
    return seconds
