"""Issue 17, the Python side in Arabic: API errors and validation messages follow
the request's language, the seed incident's date, place, claims and allegations
read in Arabic through the display helpers and in the offline HTML export, and
the machine-readable outputs (GeoJSON keys and codes, the ACLED CSV) do not
change with the language. The Arabic catalogue covers every Python string."""

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from events import display
from events.exports import html_map, kml
from events.models import Actor, ControlZone, Incident
from events.validation import date_problem
from tests.streaming import body

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"


def test_an_api_error_answers_in_the_language_asked_for(client, seed_incident):
    url = "/api/incident-timeline.json?min_fatalities=x"
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert arabic.status_code == english.status_code == 400
    assert arabic.json() == {"error": "يجب أن يكون 'min_fatalities' عددًا صحيحًا."}
    assert english.json() == {"error": "'min_fatalities' must be a whole number."}
    # The timeline's legend labels follow the language too (also from its cache,
    # filled by the English request); the codes do not.
    client.get("/api/incident-timeline.json", HTTP_ACCEPT_LANGUAGE="en")
    (series,) = client.get("/api/incident-timeline.json", HTTP_ACCEPT_LANGUAGE="ar").json()[
        "series"
    ]
    assert series["type"] == "explosions_remote_violence"
    assert series["label"] == "انفجارات/عنف عن بُعد"


def test_validation_messages_in_arabic_name_the_place_in_arabic(seed_incident):
    with translation.override("ar"):
        assert date_problem(dt.date(1850, 1, 1)).startswith(
            "التاريخ 1850-01-01 ليس تاريخًا معقولًا لحادثة"
        )
        # Al-Qusur has no surveyed point; the city it lies in has.
        seed_incident.place = seed_incident.place.parent
        seed_incident.geom = Point(37.0, 35.0, srid=4326)  # some 290 km west of the city
        with pytest.raises(ValidationError) as refused:
            seed_incident.full_clean()
    (message,) = refused.value.message_dict["geom"]
    assert "كم عن دير الزور؛ انقلها أو اختر المكان الصحيح." in message


def test_the_seed_incident_reads_in_arabic_through_the_display_helpers(seed_incident):
    template = Template(
        "{% load incident_display %}{{ incident|incident_date }}|{{ incident.place|place_path }}"
        "|{% for a in incident|perpetrators %}{{ a.actor|local_name }}: "
        "{{ a|attribution_basis }};{% endfor %}"
    )
    claims = [
        display.claim_text(str(c.source), c.min_value, c.max_value, c.outcome)
        for c in seed_incident.claims.select_related("source").order_by("source_id", "outcome")
    ]
    with translation.override("ar"):
        date, place, allegations = template.render(Context({"incident": seed_incident})).split("|")
        arabic_claims = [
            display.claim_text(str(c.source), c.min_value, c.max_value, c.outcome)
            for c in seed_incident.claims.select_related("source").order_by("source_id", "outcome")
        ]
    # Every packaged actor has its Arabic name (events/data/actors.csv).
    assert not Actor.objects.filter(name_ar="").exists()
    assert date == "23 تشرين الأول 2017"
    assert place == "القصور، دير الزور"
    assert (
        '<bdi lang="ar" title="Unidentified aircraft">طائرات مجهولة الهوية</bdi>: '
        "بحسب اتهام <bdi>Syrian Observatory for Human Rights (SOHR) عبر AFP</bdi>;"
    ) in allegations
    assert (
        '<bdi lang="ar" title="US-led coalition">التحالف الدولي بقيادة الولايات المتحدة</bdi>: '
        "بحسب اتهام <bdi>Syrian state television عبر AFP</bdi>;"
    ) in allegations
    assert "Syrian Observatory for Human Rights (SOHR) عبر AFP: عدد القتلى 22+" in arabic_claims
    assert "Government source in Deir ez-Zor (anonymous) via AFP: 31+ injured" in claims
    with translation.override("en"):
        assert display.place_path(seed_incident.place) == "Al-Qusur, Deir ez-Zor"


def test_the_offline_html_export_popup_reads_in_arabic(seed_incident):
    incidents = Incident.objects.filter(pk=seed_incident.pk)
    with translation.override("ar"):
        page = html_map.render(incidents, zones=ControlZone.objects.none())
    # The popups are embedded as JSON: unescape \uXXXX and \".
    page = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), page)
    page = page.replace('\\"', '"')
    assert '<div lang="ar" dir="rtl">' in page
    assert "23 تشرين الأول 2017، late on Monday night" in page
    assert "انفجارات/عنف عن بُعد" in page
    assert '<bdi lang="ar">القصور</bdi> (<bdi lang="en">Al-Qusur</bdi>)' in page
    assert "Syrian Observatory for Human Rights (SOHR) عبر AFP: عدد القتلى 22+" in page
    assert "بحسب اتهام Syrian state television عبر AFP" in page
    assert "الحوادث (1)" in page and "Incidents (1)" not in page
    assert "الجهات المنفِّذة بحسب كل مصدر:" in page and ">التفاصيل</a>" in page


def test_the_kml_description_reads_in_arabic(seed_incident):
    incidents = Incident.objects.filter(pk=seed_incident.pk)
    with translation.override("ar"):
        document = "".join(kml.chunks(incidents, zones=ControlZone.objects.none()))
    assert "<Folder><name>الحوادث</name>" in document
    assert "&lt;p&gt;القصور (Al-Qusur)&lt;/p&gt;" in document
    assert "عبر AFP: عدد القتلى 22+" not in document  # stored labels keep "via"
    assert "Syrian Observatory for Human Rights (SOHR) via AFP: عدد القتلى 22+" in document
    # The attributes GIS tools read keep their names and codes.
    assert '<SimpleData name="event_type">explosions_remote_violence</SimpleData>' in document


def test_machine_readable_exports_do_not_change_with_the_language(client, seed_incident):
    for url in (
        f"/api/incidents/{seed_incident.code}.geojson",
        f"/api/incidents.csv?q={seed_incident.code}",
    ):
        english = body(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
        arabic = body(client.get(url, HTTP_ACCEPT_LANGUAGE="ar"))
        assert arabic == english, url
    feature = client.get(
        f"/api/incidents/{seed_incident.code}.geojson", HTTP_ACCEPT_LANGUAGE="ar"
    ).json()
    assert feature["properties"]["event_type"] == "explosions_remote_violence"
    assert feature["properties"]["date_precision"] == "day"
    header, row = english.decode().splitlines()[:2]
    assert header.startswith("event_id_cnty,event_date,year,time_precision,")
    assert "Explosions/Remote violence,Air/drone strike" in row
    assert "Syrian Observatory for Human Rights (SOHR) via AFP" in row


def _entries(path: Path) -> dict[str, list[str]]:
    """msgid -> its msgstr values, from a .po or .pot file."""
    entries: dict[str, list[str]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                key, line = match.group(1), match.group(2)
                fields[key] = ""
            elif not line.startswith('"'):
                continue
            text = line[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
            fields[key] += text
        if fields.get("msgid"):
            entries[fields["msgid"]] = [v for k, v in fields.items() if k.startswith("msgstr")]
    return entries


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is not installed")
def test_every_python_string_has_an_arabic_translation(tmp_path):
    files = sorted(
        str(p.relative_to(ROOT))
        for folder in ("events", "conflictmap")
        for p in (ROOT / folder).rglob("*.py")
        if "migrations" not in p.parts
    )
    pot = tmp_path / "python.pot"
    keywords = ["gettext_noop", "gettext_lazy", "ngettext_lazy:1,2"]
    subprocess.run(
        ["xgettext", "-L", "Python", "--from-code=UTF-8", "-o", str(pot)]
        + [f"--keyword={k}" for k in keywords]
        + files,
        cwd=ROOT,
        check=True,
    )
    # xgettext does not look inside f-strings: a translated text must be bound first.
    in_fstrings = [
        f"{name}:{n}"
        for name in files
        for n, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""\bf(["']).*\{[^}]*\b(_|gettext|ngettext)\(""", line)
    ]
    assert in_fstrings == []
    wanted = _entries(pot)
    catalogue = _entries(CATALOGUE)
    untranslated = [m for m in wanted if not all(catalogue.get(m, [""]))]
    assert len(wanted) > 400
    assert untranslated == []
    assert "#, fuzzy" not in CATALOGUE.read_text(encoding="utf-8")
    # The compiled catalogue Django reads is the one written here.
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(CATALOGUE)], check=True)
    assert compiled.read_bytes() == CATALOGUE.with_suffix(".mo").read_bytes()
