"""One flat record per incident, for formats without nested values (GeoPackage
attributes, KML extended data): lists become readable text, claims stay JSON."""

from __future__ import annotations

import json

from events.exports.rows import IncidentRow

# Scalar properties copied as they are.
SCALARS = (
    "code",
    "title",
    "event_type",
    "sub_event_type",
    "date_start",
    "date_end",
    "date_precision",
    "time_note",
    "place",
    "place_ar",
    "reported_place_name",
    "location_precision",
    "uncertainty_m",
    "location_note",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "injured_low",
    "injured_high",
    "controller_at_event",
    "url",
    "updated_at",
    "summary",
)
FLAT_FIELDS = (*SCALARS, "perpetrators", "targets", "sources", "claims")


def actors_text(attributions: list[dict], role: str) -> str:
    """'us_led_coalition (alleged by Syrian state television via AFP); …'"""
    parts = []
    for item in attributions:
        if item["role"] != role:
            continue
        stance = item["stance"] + (f" by {item['source']}" if item["source"] else "")
        parts.append(f"{item['actor']} ({stance})")
    return "; ".join(parts)


def flat_record(row: IncidentRow) -> dict:
    props = row.properties
    record = {name: props[name] for name in SCALARS}
    record["perpetrators"] = actors_text(props["attributions"], "perpetrator")
    record["targets"] = actors_text(props["attributions"], "target")
    record["sources"] = "; ".join(
        f"{s['name']} via {s['reported_via']}" if s["reported_via"] else s["name"]
        for s in props["sources"]
    )
    record["claims"] = json.dumps(props["claims"], ensure_ascii=False, separators=(",", ":"))
    return record
