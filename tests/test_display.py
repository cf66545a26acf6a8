"""One display rule per value (events.display), and every output that shows an
incident to a person uses it: the site's pages, the offline HTML map, KML, the
models' labels and the change history."""

import datetime as dt
import re

import pytest

from events import display
from events.exports import html_map
from events.models import ControlZone, DatePrecision, Incident
from events.selectors import incident_related_history
from tests.factories import (
    CasualtyClaimFactory,
    IncidentFactory,
    SourceFactory,
    rich_incident,
)

D = dt.date


@pytest.mark.parametrize(
    ("low", "high", "shown"),
    [(5, None, "5+"), (5, 5, "5"), (5, 8, "5–8"), (0, 0, "0"), (0, None, "0+"), (None, None, "")],
)
def test_figures(low, high, shown):
    assert display.figure(low, high) == shown


@pytest.mark.parametrize(
    ("start", "end", "precision", "shown"),
    [
        (D(2017, 10, 23), D(2017, 10, 23), "day", "23 October 2017"),
        (D(2017, 10, 21), D(2017, 10, 23), "day", "21–23 October 2017"),
        (D(2017, 9, 30), D(2017, 10, 2), "day", "30 September 2017 – 2 October 2017"),
        (D(2017, 10, 23), D(2017, 10, 29), "week", "week of 23 October 2017"),
        (D(2017, 10, 1), D(2017, 10, 31), "month", "October 2017"),
        (D(2017, 10, 1), D(2017, 11, 30), "month", "October 2017 – November 2017"),
        (D(2017, 1, 1), D(2017, 12, 31), "year", "2017"),
        (D(2016, 1, 1), D(2017, 12, 31), "year", "2016–2017"),
        ("2017-10-23", "2017-10-23", "day", "23 October 2017"),  # ISO text, as exports hold
    ],
)
def test_dates_at_their_precision(start, end, precision, shown):
    assert display.date_label(start, end, precision) == shown


def test_the_precisions_named_are_the_models():
    assert {display.DAY, display.WEEK, display.MONTH, display.YEAR} == set(DatePrecision.values)


def test_sources():
    assert display.source_label("SOHR", "AFP") == "SOHR via AFP"
    assert display.source_label("SOHR", "") == "SOHR"


@pytest.mark.django_db
def test_models_and_history_use_the_same_labels():
    incident = IncidentFactory()
    source = SourceFactory(incident=incident, name="Monitor", reported_via="Wire")
    claim = CasualtyClaimFactory(incident=incident, source=source, min_value=5)
    assert str(source) == "Monitor via Wire"
    assert claim.display_value == "5+"
    assert str(claim) == "Monitor via Wire: 5+ killed"
    summaries = [e["summary"] for e in incident_related_history(incident_id=incident.pk)]
    assert "Monitor via Wire" in summaries
    assert "Monitor via Wire: 5+ killed (unknown)" in summaries


@pytest.mark.django_db
def test_the_offline_html_map_shows_dates_and_figures_honestly():
    incident = rich_incident()  # 23–24 October 2017, known to the week; "5+" and "3–4"
    IncidentFactory(date_start=D(2017, 10, 1), date_end=D(2017, 10, 31), date_precision="month")
    page = html_map.render(
        Incident.objects.filter(synthetic=True), zones=ControlZone.objects.none()
    )
    # The popups are embedded as JSON, where non-ASCII and & are \u escapes.
    page = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), page)
    assert "week of 23 October 2017" in page
    assert "October 2017 · " in page
    assert "2017-10-23" not in page and "(week)" not in page and "(month)" not in page
    assert "Monitor: 5+ killed" in page
    assert "Local network via Wire: 3–4 killed" in page
    assert incident.code in page


@pytest.mark.django_db
def test_pages_show_the_same_forms(client, settings):
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    incident = rich_incident()
    for url in (incident.get_absolute_url(), f"/en/incidents/{incident.code}/popup/"):
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert "week of 23 October 2017" in text
        assert ">5+</span>" in text and ">3–4</span>" in text
