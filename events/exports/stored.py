"""What each incident keeps pre-rendered for exports, so that an export reads text
instead of building it: its GeoJSON Feature (``Incident.feature_json``, all but
the controller at the event) and the nested values written flat in GeoPackage
and KML (``Incident.flat_*``: perpetrators, targets, sources, claims).

Everything here is built from ``incident_rows``, the one definition of an
incident's exported properties (or, for incidents about to be written in bulk, from
``written_rows``, the same rows built from the values being written).
``services.refresh_incident_features`` writes it whenever the incident, its place,
sources, claims or attributions change; the exports build it on the fly for rows
written behind the services' back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

from events.display import source_label
from events.exports.rows import CHUNK_SIZE, IncidentRow, incident_rows

# Bump when what is rendered changes: rows stored with an older version are rendered
# again on export and by ``manage.py refresh_features``.
RENDER_VERSION = 3  # 3: the shared property schema (events.properties)

# The flat texts, by export field name; stored as Incident.flat_<name>.
FLAT_NESTED = ("perpetrators", "targets", "sources", "claims")
STORED_COLUMNS = ("feature_json", *(f"flat_{name}" for name in FLAT_NESTED))


class Rendering(NamedTuple):
    pk: int
    feature_json: str
    flat_perpetrators: str
    flat_targets: str
    flat_sources: str
    flat_claims: str


def dumps(value) -> str:
    """Compact JSON, non-ASCII kept as it is: how every stored text is written."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def row_feature(row: IncidentRow) -> dict:
    geometry = None
    if row.lon is not None:
        geometry = {"type": "Point", "coordinates": [row.lon, row.lat]}
    return {
        "type": "Feature",
        "id": row.properties["code"],
        "geometry": geometry,
        "properties": row.properties,
    }


def actors_text(attributions: list[dict], role: str) -> str:
    """'us_led_coalition (alleged by Syrian state television via AFP); …'"""
    parts = []
    for item in attributions:
        if item["role"] != role:
            continue
        stance = item["stance"] + (f" by {item['source']}" if item["source"] else "")
        parts.append(f"{item['actor']} ({stance})")
    return "; ".join(parts)


def flat_nested(properties: dict) -> dict[str, str]:
    """The nested properties as the flat formats write them: lists as readable
    text, the claims as JSON (one object per source's claim)."""
    attributions = properties["attributions"]
    return {
        "perpetrators": actors_text(attributions, "perpetrator"),
        "targets": actors_text(attributions, "target"),
        "sources": "; ".join(
            source_label(s["name"], s["reported_via"], translated=False)
            for s in properties["sources"]
        ),
        "claims": dumps(properties["claims"]),
    }


def rendering(row: IncidentRow) -> Rendering:
    """The stored texts of one incident's row (read without its controller)."""
    flat = flat_nested(row.properties)
    return Rendering(row.pk, dumps(row_feature(row)), *(flat[name] for name in FLAT_NESTED))


def renderings(incidents, *, chunk_size: int = CHUNK_SIZE) -> Iterator[Rendering]:
    """The stored texts of every incident of the queryset ``incidents``."""
    for row in incident_rows(incidents, chunk_size=chunk_size, with_controller=False):
        yield rendering(row)
