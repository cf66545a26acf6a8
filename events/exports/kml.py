"""KML 2.2 for Google Earth, QGIS and GIS tools, streamed a batch of placemarks at a time.

Folder "Incidents": one Placemark per incident (name = title, a readable
description with each source's claim, TimeSpan = the date span, ExtendedData with
the flat attributes). Folder "Control zones": one Placemark per zone, coloured by
actor, with its validity as a TimeSpan.

Every text is made safe twice over: characters XML 1.0 forbids (control
characters, lone surrogates, U+FFFE/U+FFFF) are dropped, so one bad title cannot
make the whole file ill-formed; and a ``<description>``, which KML readers show as
HTML, holds values HTML-escaped before the whole is escaped as XML text, so an
editor's ``<script>`` is shown, never run.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from events import display
from events.display import date_label
from events.exports.flat import FLAT_FIELDS, INTEGER_FIELDS, flat_batches
from events.models import EventType

CONTENT_TYPE = "application/vnd.google-earth.kml+xml"
NAMESPACE = "http://www.opengis.net/kml/2.2"


# What XML 1.0 does not allow in a document (section 2.2, Char).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value) -> str:
    """``value`` as text with the characters XML 1.0 forbids removed."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def _text(value) -> str:
    """XML element text."""
    return escape(xml_safe(value))


def _attr(value) -> str:
    """A quoted XML attribute value."""
    return quoteattr(xml_safe(value))


def _html(value) -> str:
    """A value inside a description's HTML."""
    return html.escape(xml_safe(value))


def _kml_colour(hex_colour: str, alpha: str) -> str:
    """#rrggbb -> aabbggrr (KML's order)."""
    rr, gg, bb = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"{alpha}{bb}{gg}{rr}".lower()


def _plain(value) -> str:
    return "" if value is None else str(value)


class _Escapes(NamedTuple):
    """How values become XML element text, an XML attribute, and HTML inside a
    description."""

    text: Callable[[object], str]
    attr: Callable[[object], str]
    html: Callable[[object], str]


# The forbidden characters dropped from every value.
_SAFE = _Escapes(_text, _attr, _html)


# For an incident none of whose texts holds one: the same result, without the
# per-value search.
def _clean_text(value) -> str:
    text = _plain(value)
    if "&" in text or "<" in text or ">" in text:
        return escape(text)
    return text


_CLEAN = _Escapes(
    _clean_text,
    lambda value: quoteattr(_plain(value)),
    lambda value: html.escape(_plain(value)),
)


def _escapes_for(record: dict) -> _Escapes:
    """``_CLEAN`` when no text of ``record`` holds a character XML 1.0 forbids
    (one search over them all), else ``_SAFE``. Any escape in the claims' JSON
    ('\\b', '\\u0001') could decode to one: such records take ``_SAFE`` too."""
    texts = "".join(value for value in record.values() if isinstance(value, str))
    if _NOT_XML.search(texts) or "\\" in (record["claims"] or ""):
        return _SAFE
    return _CLEAN


class _Labels:
    """The translated labels descriptions repeat (dates, event types, "Controlled
    by …"), each made once per batch of placemarks, in the language active then."""

    def __init__(self):
        self._dates: dict[tuple, str] = {}
        self._types: dict[str, str] = {}
        self._controlled: dict[str, str] = {}

    def when(self, start: str, end: str, precision: str) -> str:
        key = (start, end, precision)
        label = self._dates.get(key)
        if label is None:
            label = self._dates[key] = date_label(start, end, precision)
        return label

    def event_type(self, value: str) -> str:
        label = self._types.get(value)
        if label is None:
            label = self._types[value] = str(EventType(value).label)
        return label

    def controlled(self, actor: str) -> str:
        label = self._controlled.get(actor)
        if label is None:
            label = self._controlled[actor] = _("Controlled by %(actor)s") % {"actor": actor}
        return label


def _description(record: dict, esc: _Escapes = _SAFE, labels: _Labels | None = None) -> str:
    """A short HTML description, escaped as KML text."""
    labels = labels or _Labels()
    when = labels.when(record["date_start"], record["date_end"], record["date_precision"])
    parts = [f"<p>{esc.html(when)} · {esc.html(labels.event_type(record['event_type']))}</p>"]
    if record["place_name"]:
        place = display.name_with_other(record["place_name"], record["place_name_ar"] or "")
        parts.append(f"<p>{esc.html(place)}</p>")
    claims = json.loads(record["claims"])
    if claims:
        items = "".join(
            "<li>{claim}{wording}</li>".format(
                claim=esc.html(
                    display.claim_text(c["source"] or "", c["min"], c["max"], c["outcome"])
                ),
                wording=f" ({esc.html(c['wording'])})" if c["wording"] else "",
            )
            for c in claims
        )
        parts.append(f"<ul>{items}</ul>")
    if record["controller_at_event"]:
        controlled = labels.controlled(record["controller_at_event"])
        parts.append(f"<p>{esc.html(controlled)}</p>")
    # A description in Arabic reads right to left.
    html_text = "".join(parts)
    if display.in_arabic():
        html_text = f'<div dir="rtl" lang="ar">{html_text}</div>'
    return esc.text(html_text)


# '<SimpleData name="code">' for each flat field, made once.
_DATA_OPEN = {name: f"<SimpleData name={_attr(name)}>" for name in FLAT_FIELDS}


def _placemark(
    record: dict, lon: float | None, lat: float | None, labels: _Labels | None = None
) -> str:
    esc = _escapes_for(record)
    data = "".join(
        f"{_DATA_OPEN[name]}{esc.text(record[name])}</SimpleData>"
        for name in FLAT_FIELDS
        if record[name] is not None
    )
    point = ""
    if lon is not None:
        point = f"<Point><coordinates>{lon},{lat}</coordinates></Point>"
    return (
        f"<Placemark id={esc.attr('incident-' + record['code'])}>"
        f"<name>{esc.text(record['title'])}</name>"
        f"<description>{_description(record, esc, labels)}</description>"
        f"<TimeSpan><begin>{record['date_start']}</begin><end>{record['date_end']}</end>"
        "</TimeSpan><styleUrl>#incident</styleUrl>"
        f'<ExtendedData><SchemaData schemaUrl="#incident_fields">{data}</SchemaData>'
        f"</ExtendedData>{point}</Placemark>\n"
    )


ZONE_FIELDS = ("code", "actor", "state", "approximate", "valid_from", "valid_to")


def _schema(schema_id: str, names) -> str:
    """Typed fields (KML 2.2 Schema), which GIS readers turn into attributes."""
    fields = "".join(
        f'<SimpleField name="{name}" type="{"int" if name in INTEGER_FIELDS else "string"}"/>'
        for name in names
    )
    return f'<Schema name="{schema_id}" id="{schema_id}">{fields}</Schema>\n'


def _ring(coords) -> str:
    return " ".join(f"{round(x, 6)},{round(y, 6)}" for x, y, *_rest in coords)


def _zone_placemark(zone) -> str:
    polygons = "".join(
        "<Polygon><outerBoundaryIs><LinearRing><coordinates>"
        + _ring(polygon[0])
        + "</coordinates></LinearRing></outerBoundaryIs>"
        + "".join(
            f"<innerBoundaryIs><LinearRing><coordinates>{_ring(hole)}</coordinates>"
            "</LinearRing></innerBoundaryIs>"
            for hole in polygon[1:]
        )
        + "</Polygon>"
        for polygon in zone.geom.coords
    )
    end = f"<end>{zone.valid_to.isoformat()}</end>" if zone.valid_to else ""
    fields = {
        "code": zone.code,
        "actor": zone.actor.slug,
        "state": zone.state,
        "approximate": "yes" if zone.approximate else "no",
        "valid_from": zone.valid_from.isoformat(),
        "valid_to": zone.valid_to.isoformat() if zone.valid_to else "",
    }
    data = "".join(
        f"<SimpleData name={_attr(k)}>{_text(v)}</SimpleData>" for k, v in fields.items()
    )
    description = "".join(
        f"<p>{_html(label)}: {_html(text)}</p>"
        for label, text in ((_("Source"), zone.source), (_("Note"), zone.description))
        if text
    )
    return (
        f"<Placemark id={_attr('zone-' + zone.code)}>"
        f"<name>{_text(display.local_name(zone.actor.name, zone.actor.name_ar))} "
        f"({_text(zone.get_state_display().lower())})</name>"
        f"<description>{_text(description)}</description>"
        f"<TimeSpan><begin>{zone.valid_from.isoformat()}</begin>{end}</TimeSpan>"
        f"<styleUrl>#actor-{_text(zone.actor.slug)}</styleUrl>"
        f'<ExtendedData><SchemaData schemaUrl="#zone_fields">{data}</SchemaData></ExtendedData>'
        f"<MultiGeometry>{polygons}</MultiGeometry></Placemark>\n"
    )


def chunks(incidents, *, zones, progress=None) -> Iterator[str]:
    zones = list(zones.select_related("actor").order_by("valid_from", "code"))
    document_name, incidents_name = _("conflictmap incidents"), _("Incidents")
    zones_name = _("Control zones")
    yield (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="{NAMESPACE}"><Document>'
        f"<name>{_text(document_name)}</name>"
        '<Style id="incident"><IconStyle><color>ff2000b0</color><scale>0.8</scale></IconStyle>'
        "</Style>\n"
    )
    for slug, colour in sorted({(z.actor.slug, z.actor.colour) for z in zones}):
        yield (
            f"<Style id={_attr('actor-' + slug)}><LineStyle>"
            f"<color>{_kml_colour(colour, 'ff')}</color><width>1</width></LineStyle>"
            f"<PolyStyle><color>{_kml_colour(colour, '55')}</color></PolyStyle></Style>\n"
        )
    yield _schema("incident_fields", FLAT_FIELDS)
    yield _schema("zone_fields", ZONE_FIELDS)
    yield f"<Folder><name>{_text(incidents_name)}</name>\n"
    for batch in flat_batches(incidents, progress=progress):
        labels = _Labels()
        yield "".join(
            _placemark(record, lon, lat, labels)
            for record, lon, lat in zip(batch.records(), batch.lon, batch.lat, strict=True)
        )
    yield f"</Folder>\n<Folder><name>{_text(zones_name)}</name>\n"
    for zone in zones:
        yield _zone_placemark(zone)
    yield "</Folder></Document></kml>\n"
