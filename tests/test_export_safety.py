"""Exports that are safe to open: no CSV cell a spreadsheet would run as a formula
(and the site's own CSV still imports back unchanged), KML that stays well-formed
whatever an editor typed, and KML descriptions that show HTML, never run it."""

import csv
import io
from html import unescape
from html.parser import HTMLParser
from xml.etree import ElementTree

import pyogrio
import pytest
from django.contrib.gis.geos import Point

from events.acled import ACLED_COLUMNS, csv_cell, csv_value
from events.exports import acled_csv, kml
from events.imports import import_incidents
from events.models import ControlZone, Incident
from events.services import incidents_changed
from tests.factories import (
    ActorFactory,
    CasualtyClaimFactory,
    ControlZoneFactory,
    IncidentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

KML = f"{{{kml.NAMESPACE}}}"
FORMULAS = ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("x")']


def exported_rows(incidents) -> list[dict]:
    text = "".join(acled_csv.lines(incidents))
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("value", FORMULAS)
def test_csv_guards_every_cell_a_spreadsheet_would_run(value):
    incident = IncidentFactory(summary=value, reported_place_name=value, place=None)
    SourceFactory(incident=incident, name=value, reported_via="AFP")
    [row] = exported_rows(Incident.objects.filter(pk=incident.pk))
    assert row["notes"] == "'" + value
    assert row["location"] == "'" + value
    assert row["source"] == f"'{value} via AFP"
    formulas = [v for v in row.values() if v[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert formulas == []


def test_csv_keeps_negative_numbers_as_numbers():
    incident = IncidentFactory(geom=Point(-3.2, -12.5, srid=4326), summary="-5")
    [row] = exported_rows(Incident.objects.filter(pk=incident.pk))
    assert (row["longitude"], row["latitude"]) == ("-3.200000", "-12.500000")
    assert row["notes"] == "-5"  # a plain number is data, not a formula


@pytest.mark.parametrize(
    "value", [*FORMULAS, "'=1+1", "''=x", "'Ayn Issa", "'", "-3.2", "'-3.2", "", "plain"]
)
def test_the_importer_reads_back_exactly_what_the_export_guarded(value):
    assert csv_value(csv_cell(value)) == value


def test_the_sites_own_csv_imports_back_unchanged_with_formula_like_text(tmp_path):
    actor = ActorFactory(name="=Actor+1", slug="formula-actor")
    incident = IncidentFactory(
        summary="=1+1", reported_place_name="@Qusur", place=None, external_id="TESTFORMULA1"
    )
    source = SourceFactory(incident=incident, name="-Monitor", reported_via="+Wire")
    incident.attributions.create(actor=actor, source=source)
    incidents_changed(ids=[incident.pk])
    path = tmp_path / "export.csv"
    path.write_text("".join(acled_csv.lines(Incident.objects.filter(pk=incident.pk))))
    report = import_incidents(path=path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert list(incident.sources.values_list("name", "reported_via")) == [("-Monitor", "+Wire")]

    # The same row under a new id makes a new incident with the texts as typed.
    text = path.read_text().replace("TESTFORMULA1", "TESTFORMULA2")
    path.write_text(text)
    assert import_incidents(path=path).created == 1
    created = Incident.objects.get(external_id="TESTFORMULA2")
    assert (created.summary, created.reported_place_name) == ("=1+1", "@Qusur")
    assert list(created.sources.values_list("name", flat=True)) == ["-Monitor via +Wire"]
    assert [a.actor for a in created.attributions.all()] == [actor]


def test_a_guarded_cell_from_another_tool_imports_without_the_quote(tmp_path):
    row = {
        "event_id_cnty": "TESTGUARD1",
        "event_date": "2017-10-23",
        "event_type": "Battles",
        "latitude": "35.33588",
        "longitude": "40.14084",
        "notes": "'=1+1",
        "location": "'@Qusur",
    }
    path = tmp_path / "guarded.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        writer.writerow(row)
    assert import_incidents(path=path).created == 1
    created = Incident.objects.get(external_id="TESTGUARD1")
    assert (created.summary, created.reported_place_name) == ("=1+1", "@Qusur")


# Characters XML 1.0 does not allow anywhere in a document (NUL aside: PostgreSQL
# refuses to store it, so it is checked on its own below).
NOT_XML = "".join(map(chr, [*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])) + "\ufffe\uffff"


def kml_text(incidents, zones=None) -> str:
    return "".join(kml.chunks(incidents, zones=zones or ControlZone.objects.none()))


def test_control_characters_in_any_text_leave_the_kml_well_formed(tmp_path):
    incident = IncidentFactory(
        title=f"Strike{NOT_XML} on Qusur",
        summary=f"Bad{NOT_XML}bytes",
        time_note="\x0bnight",
        reported_place_name="Qusur\x1b",
    )
    # Stored before input was checked for such characters (or written past the checks).
    source = SourceFactory(incident=incident, name="Monitor\x07", reported_via="Wire\x0c")
    CasualtyClaimFactory(incident=incident, source=source, min_value=4, wording="four\x08")
    zone = ControlZoneFactory(source="Map\x01 by someone", description="note\x02")
    text = kml_text(Incident.objects.filter(pk=incident.pk), ControlZone.objects.filter(pk=zone.pk))
    root = ElementTree.fromstring(text.encode("utf-8"))  # raises if ill-formed
    placemark = root.find(f".//{KML}Placemark")
    assert placemark.findtext(f"{KML}name") == "Strike on Qusur"
    data = {d.get("name"): d.text for d in placemark.iter(f"{KML}SimpleData")}
    assert data["summary"] == "Badbytes"
    assert data["sources"] == "Monitor via Wire"
    # GDAL reads it too.
    path = tmp_path / "export.kml"
    path.write_text(text, encoding="utf-8")
    frame = pyogrio.read_dataframe(path, layer="Incidents")
    assert list(frame["Name"]) == ["Strike on Qusur"]


def test_a_control_character_only_in_a_claim_wording_leaves_the_kml_well_formed():
    # Every other text of the incident is clean: the wording reaches the KML
    # description through the claims' JSON, where it is written as an escape.
    incident = IncidentFactory(title="Shelling on Qusur")
    source = SourceFactory(incident=incident, name="Monitor")
    CasualtyClaimFactory(incident=incident, source=source, min_value=4, wording="four\x08 dead")
    text = kml_text(Incident.objects.filter(pk=incident.pk))
    root = ElementTree.fromstring(text.encode("utf-8"))  # raises if ill-formed
    description = root.find(f".//{KML}Placemark").findtext(f"{KML}description")
    assert "(four dead)" in description


def test_nul_and_lone_surrogates_are_dropped_from_kml():
    # Python strings can hold lone surrogates (e.g. from a JSON "\ud800" escape).
    assert kml.xml_safe("a\ud800b\udfffc\x00d") == "abcd"
    assert kml.xml_safe("tab\tnew\nline\r ok 𝄞 قصف") == "tab\tnew\nline\r ok 𝄞 قصف"


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def description_html(text: str, placemark_id: str) -> str:
    root = ElementTree.fromstring(text.encode("utf-8"))
    for placemark in root.iter(f"{KML}Placemark"):
        if placemark.get("id") == placemark_id:
            return placemark.findtext(f"{KML}description")
    raise AssertionError(placemark_id)


@pytest.mark.parametrize(
    "payload",
    ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "a & b <b>bold</b>"],
)
def test_a_zone_source_is_shown_as_text_in_the_kml_description(payload):
    zone = ControlZoneFactory(source=payload, description=f"Note {payload}")
    text = kml_text(Incident.objects.none(), ControlZone.objects.filter(pk=zone.pk))
    html = description_html(text, f"zone-{zone.code}")
    elements = _Elements()
    elements.feed(html)
    # Only the description's own paragraphs: no script, image or event handler.
    assert set(elements.tags) == {"p"} and elements.attributes == []
    # ... and the reader shows what the editor typed.
    assert f"<p>Source: {payload}</p>" in unescape(html)


def test_incident_texts_are_shown_as_text_in_the_kml_description():
    incident = IncidentFactory()
    source = SourceFactory(incident=incident, name="<img src=x onerror=alert(1)>")
    CasualtyClaimFactory(incident=incident, source=source, min_value=2, wording="<script>")
    text = kml_text(Incident.objects.filter(pk=incident.pk))
    html = description_html(text, f"incident-{incident.code}")
    assert "<li><img src=x onerror=alert(1)>: 2+ killed (<script>)</li>" in unescape(html)
    elements = _Elements()
    elements.feed(html)
    assert "img" not in elements.tags and "script" not in elements.tags
    assert elements.attributes == []
