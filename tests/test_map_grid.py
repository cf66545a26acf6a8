"""The map's pre-aggregated grid counts give what a live count gives, after
every kind of write, on the real database of either backend."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point

from events import clusters, mapgrid
from events.filters import IncidentFilters
from events.imports import ImportRejected, import_incidents, importer
from events.models import Incident, IncidentStatus, MapGridCell
from events.services import mapgrid as grid_service
from events.services.mapgrid import rebuild_map_grid
from tests.factories import CasualtyClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db

UCDP_SAMPLE = Path(__file__).parent / "data" / "ucdp_ged_sample.csv"  # real rows, CC BY 4.0
BOX = (-1.0, -1.0, 41.0, 36.0)  # every incident below
FILTERS = [
    IncidentFilters(),
    IncidentFilters(types=["battles"]),
    IncidentFilters(start=dt.date(2017, 9, 1), end=dt.date(2017, 9, 30)),
    IncidentFilters(start=dt.date(2017, 10, 1)),
    IncidentFilters(end=dt.date(2017, 9, 30), types=["battles", "protests"]),
]


@pytest.fixture
def synthetic(settings):
    settings.SHOW_SYNTHETIC_INCIDENTS = True


def counted(filters, z, *, live):
    """Per tile: total and sorted (count, killed, type) of its clusters, with the
    stored grid counts (live=False) or a live count."""
    tiles = clusters.tiles_covering(z, BOX)
    if live:
        original = mapgrid.answers
        mapgrid.answers = lambda *args, **kwargs: False
    try:
        answer = clusters.compute_tiles(filters=filters, z=z, tiles=tiles)
    finally:
        if live:
            mapgrid.answers = original
    return {
        key: (tile["n"], sorted((c["count"], c["killed"], c["type"]) for c in tile["clusters"]))
        for key, tile in answer.items()
        if tile["n"]
    }


def assert_grid_is_live():
    for filters in FILTERS:
        for z in (2, 6, 9):
            assert mapgrid.answers(filters, z)
            assert counted(filters, z, live=False) == counted(filters, z, live=True), (filters, z)


def cells():
    return sorted(
        MapGridCell.objects.values_list(
            "level", "cx", "cy", "synthetic", "event_type", "start_month", "end_month", "n",
            "killed",
        )
    )  # fmt: skip


def test_grid_counts_follow_every_kind_of_write(synthetic, monkeypatch):
    monkeypatch.setattr(clusters, "POINTS_PER_TILE", 0)  # clusters everywhere
    a = IncidentFactory(geom=Point(40.14, 35.33, srid=4326), event_type="battles")
    b = IncidentFactory(
        geom=Point(-0.01, -0.01, srid=4326),  # negative cells round down
        date_start=dt.date(2017, 8, 30),
        date_end=dt.date(2017, 10, 2),  # spans three months
    )
    c = IncidentFactory(geom=Point(40.15, 35.34, srid=4326), date_start=dt.date(2017, 9, 30))
    CasualtyClaimFactory(source__incident=a, min_value=9)
    assert_grid_is_live()
    # Moved, retyped, unpublished, re-dated: every change through the write path.
    Incident.objects.filter(pk=a.pk).update(geom=Point(36.29, 33.51, srid=4326))
    Incident.objects.filter(pk=b.pk).update(event_type="protests")
    Incident.objects.filter(pk=c.pk).update(status=IncidentStatus.ARCHIVED)
    assert_grid_is_live()
    Incident.objects.filter(pk=c.pk).update(
        status=IncidentStatus.PUBLISHED,
        date_start=dt.date(2017, 10, 1),
        date_end=dt.date(2017, 10, 1),
    )
    CasualtyClaimFactory(source__incident=c, min_value=4)
    assert_grid_is_live()
    # The bulk rebuild lands on exactly the cells the write path kept.
    kept = cells()
    assert rebuild_map_grid() == Incident.objects.filter(status=IncidentStatus.PUBLISHED).count()
    assert cells() == kept


def test_only_exact_filters_are_answered_from_the_grid():
    assert mapgrid.answers(IncidentFilters(start=dt.date(2016, 2, 1), end=dt.date(2016, 2, 29)), 12)
    assert not mapgrid.answers(IncidentFilters(start=dt.date(2016, 2, 2)), 5)
    assert not mapgrid.answers(IncidentFilters(end=dt.date(2016, 2, 28)), 5)
    assert not mapgrid.answers(IncidentFilters(text="Raqqa"), 5)
    assert not mapgrid.answers(IncidentFilters(min_fatalities=1), 5)
    assert not mapgrid.answers(IncidentFilters(actors=["isis"]), 5)
    assert mapgrid.answers(IncidentFilters(), 15) and not mapgrid.answers(IncidentFilters(), 16)
    month = IncidentFilters(start=dt.date(2016, 2, 1))
    assert mapgrid.answers(month, 12) and not mapgrid.answers(month, 13)


def test_a_live_date_filter_still_finds_incidents_that_started_months_before(client, synthetic):
    long = IncidentFactory(
        geom=Point(40.14, 35.33, srid=4326),
        date_start=dt.date(2016, 1, 10),
        date_end=dt.date(2017, 9, 20),
    )
    response = client.get(
        "/api/incident-clusters.json",
        {"z": 13, "bbox": "40.1,35.3,40.2,35.4", "from": "2017-09-15"},
    )
    assert long.code in [f["id"] for f in response.json()["features"]]


@pytest.mark.parametrize(
    "box",
    [None, (34.5, 31.5, 43.5, 38.0), (40.0, 35.2, 40.3, 35.45), (40.141, 35.3, 40.2, 35.4)],
)
def test_the_timeline_from_grid_counts_equals_a_live_count(synthetic, box):
    from events import timeline

    for i in range(12):
        IncidentFactory(
            geom=Point(40.1 + i * 0.01, 35.3 + (i % 4) * 0.03, srid=4326),
            date_start=dt.date(2014 + i % 5, 1 + i % 12, 3),
            event_type="battles" if i % 3 else "protests",
        )
    for filters in (
        IncidentFilters(bbox=box),
        IncidentFilters(bbox=box, types=["battles"], start=dt.date(2015, 1, 1)),
    ):
        grid = timeline._from_grid(filters, "month")
        assert grid is not None
        assert grid == timeline._live(filters, "month")
    assert timeline._from_grid(IncidentFilters(bbox=box, text="x"), "month") is None


def test_a_bulk_import_gathers_its_cells_and_lands_where_a_rebuild_does(
    synthetic, monkeypatch, tmp_path
):
    """An import writes the grid cells of all its batches once, at its end (or when
    too many wait): batch after batch, with a flush half-way, the cells are those a
    rebuild from the incident table gives; a file refused after batches were
    written leaves them as they were."""
    monkeypatch.setattr(importer, "BATCH_ROWS", 3)
    monkeypatch.setattr(grid_service, "GATHER_LIMIT", 40)
    before = cells()
    lines = UCDP_SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    refused = tmp_path / "refused.csv"
    refused.write_text("".join([*lines, lines[1]]), encoding="utf-8")  # a duplicate, last
    with pytest.raises(ImportRejected, match="duplicate id"):
        import_incidents(path=refused, status=IncidentStatus.PUBLISHED, packaged=True)
    assert cells() == before

    report = import_incidents(path=UCDP_SAMPLE, status=IncidentStatus.PUBLISHED, packaged=True)
    assert report.created == 10
    kept = cells()
    assert kept != before
    rebuild_map_grid()
    assert cells() == kept
    assert_grid_is_live()
