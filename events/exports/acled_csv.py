"""CSV in ACLED's column layout (events.acled.ACLED_COLUMNS), streamed row by row.

Written so the importer (events.imports) reads it back into the same incidents:
``event_id_cnty`` is the external id (or our public code), ``fatalities`` is
ACLED's conservative figure, our ``fatalities_low``; ``actor1``/``assoc_actor_1``
are the perpetrators and ``actor2``/``assoc_actor_2`` the targets, by name;
``source`` names each source as "name via outlet", ``;``-separated; ``location``
is the place name as the sources spell it. A text cell a spreadsheet would run as
a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR) is written behind a
single quote (``events.acled.csv_cell``), which the importer takes off again;
numbers such as a longitude of -3.2 are written as they are. Claims per source, stances and
uncertainty radii do not fit ACLED's layout: use GeoJSON or GeoPackage for those.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from events.acled import ACLED_COLUMNS, TIME_PRECISION, csv_cell
from events.display import source_label, untranslated
from events.exports.rows import IncidentRow, incident_rows
from events.models import Actor, ActorKind, EventType, Place, PlaceKind, SubEventType
from events.models.incidents import ACLED_GEO_PRECISION

CONTENT_TYPE = "text/csv; charset=utf-8"

DISORDER_TYPE = {
    EventType.BATTLES: "Political violence",
    EventType.EXPLOSIONS: "Political violence",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "Political violence",
    EventType.RIOTS: "Demonstrations",
    EventType.PROTESTS: "Demonstrations",
    EventType.STRATEGIC: "Strategic developments",
}
# ACLED's actor categories ("inter" codes, as text in current exports).
INTER = {
    ActorKind.STATE: "State forces",
    ActorKind.NON_STATE: "Rebel group",
    ActorKind.COALITION: "External/Other forces",
    ActorKind.CIVILIANS: "Civilians",
    ActorKind.UNKNOWN: "",
}
# ISO 3166 numeric, ACLED region and name for the countries our gazetteer holds.
COUNTRIES = {"SY": ("760", "Middle East", "Syria")}
ADMIN_LEVELS = {PlaceKind.GOVERNORATE: 0, PlaceKind.DISTRICT: 1, PlaceKind.SUBDISTRICT: 2}


class _Line:
    """A file-like object whose write returns the text, for csv.writer."""

    def write(self, text):
        return text


class _Gazetteer:
    """Admin names and country of a place, from one read of the gazetteer."""

    def __init__(self):
        self.places = {
            pk: (name, kind, parent, country)
            for pk, name, kind, parent, country in Place.objects.values_list(
                "pk", "name", "kind", "parent_id", "country_code"
            )
        }

    def admin_and_country(self, place_id) -> tuple[list[str], str]:
        admin = ["", "", ""]
        country = ""
        seen = set()
        node = place_id
        while node is not None and node in self.places and node not in seen:
            seen.add(node)
            name, kind, parent, country_code = self.places[node]
            country = country or country_code
            if kind in ADMIN_LEVELS and not admin[ADMIN_LEVELS[kind]]:
                # ACLED names admin units without "Governorate"/"District".
                admin[ADMIN_LEVELS[kind]] = re.sub(r"\s+(Governorate|District)$", "", name)
            node = parent
        return admin, country


def _unique(values):
    return list(dict.fromkeys(v for v in values if v))


def acled_row(row: IncidentRow, *, actor_kinds: dict, gazetteer: _Gazetteer) -> list:
    p = row.properties
    perpetrators = _unique(a["actor_name"] for a in p["attributions"] if a["role"] == "perpetrator")
    targets = _unique(a["actor_name"] for a in p["attributions"] if a["role"] == "target")
    slugs = {a["actor_name"]: a["actor"] for a in p["attributions"]}
    inter1 = INTER.get(actor_kinds.get(slugs.get(perpetrators[0]))) if perpetrators else ""
    inter2 = INTER.get(actor_kinds.get(slugs.get(targets[0]))) if targets else ""
    civilian_target = any(
        actor_kinds.get(a["actor"]) == ActorKind.CIVILIANS
        for a in p["attributions"]
        if a["role"] == "target"
    )
    admin, country_code = gazetteer.admin_and_country(row.place_id)
    iso, region, country = COUNTRIES.get(country_code, ("", "", ""))
    values = {
        "event_id_cnty": row.external_id or p["code"],
        "event_date": p["date_start"],
        "year": p["date_start"][:4],
        "time_precision": TIME_PRECISION[p["date_precision"]],
        "disorder_type": DISORDER_TYPE.get(p["event_type"], ""),
        "event_type": untranslated(EventType(p["event_type"]).label),
        "sub_event_type": (
            untranslated(SubEventType(p["sub_event_type"]).label) if p["sub_event_type"] else ""
        ),
        "actor1": perpetrators[0] if perpetrators else "",
        "assoc_actor_1": "; ".join(perpetrators[1:]),
        "inter1": inter1 or "",
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": "; ".join(targets[1:]),
        "inter2": inter2 or "",
        "interaction": "-".join(v for v in (inter1, inter2) if v),
        "civilian_targeting": "Civilian targeting" if civilian_target else "",
        "iso": iso,
        "region": region,
        "country": country,
        "admin1": admin[0],
        "admin2": admin[1],
        "admin3": admin[2],
        "location": p["reported_place_name"] or p["place_name"],
        "latitude": "" if row.lat is None else f"{row.lat:.6f}",
        "longitude": "" if row.lon is None else f"{row.lon:.6f}",
        "geo_precision": ACLED_GEO_PRECISION[p["location_precision"]],
        "source": "; ".join(
            source_label(s["name"], s["reported_via"], translated=False) for s in p["sources"]
        ),
        "source_scale": "",
        "notes": p["summary"],
        "fatalities": "" if p["fatalities_low"] is None else p["fatalities_low"],
        "tags": "",
        "timestamp": int(row.updated_at.timestamp()) if row.updated_at else "",
    }
    return [csv_cell(values[name]) for name in ACLED_COLUMNS]


def lines(incidents, *, progress=None) -> Iterator[str]:
    """The CSV file, header first, one text line per incident."""
    writer = csv.writer(_Line())
    actor_kinds = dict(Actor.objects.values_list("slug", "kind"))
    gazetteer = _Gazetteer()
    yield writer.writerow(ACLED_COLUMNS)
    for row in incident_rows(incidents, progress=progress):
        yield writer.writerow(acled_row(row, actor_kinds=actor_kinds, gazetteer=gazetteer))
