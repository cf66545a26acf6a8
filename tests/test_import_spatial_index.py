"""Incidents written in bulk are found through the map's spatial index (SpatiaLite's
R*Tree, PostGIS's GiST), whether a batch went in set-wise or row by row, and a
rejected import leaves the index working."""

import pytest
from django.core.management import call_command
from django.db import connection

from events.imports import ImportRejected, import_incidents
from events.models import Incident
from events.services.bulk import SET_WISE_FROM
from events.spatial import incidents_in_box
from tests.test_import_incidents import GOOD, write


def grid_rows(count, prefix):
    # Distinct places across Syria, a day apart: no two rows are the same event.
    return [
        {
            **GOOD[0],
            "event_id_cnty": f"{prefix}{i:05d}",
            "event_date": f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "latitude": f"{34.6 + (i % 15) * 0.1:.4f}",
            "longitude": f"{37.5 + (i // 15) * 0.2:.4f}",
            "location": "",
            "geo_precision": "1",
        }
        for i in range(count)
    ]


def found_through_index(bbox):
    return set(incidents_in_box(Incident.objects.all(), bbox).values_list("pk", flat=True))


def found_by_scan(bbox):
    minlon, minlat, maxlon, maxlat = bbox
    return {
        i.pk
        for i in Incident.objects.only("geom")
        if i.geom is not None and minlon <= i.geom.x <= maxlon and minlat <= i.geom.y <= maxlat
    }


@pytest.mark.django_db(transaction=True)
def test_bulk_written_incidents_are_found_through_the_spatial_index(tmp_path):
    call_command("load_demo", verbosity=0)  # a transactional test starts empty
    many = SET_WISE_FROM + 40
    rejected = grid_rows(many, "BAD")
    rejected[-1] = {**rejected[-1], "event_date": "2017-13-45"}
    with pytest.raises(ImportRejected):
        import_incidents(path=write(tmp_path, rejected, "rejected.csv"), synthetic=True)
    assert not Incident.objects.filter(external_id__contains="BAD").exists()

    import_incidents(path=write(tmp_path, grid_rows(many, "SET"), "many.csv"), synthetic=True)
    one = [{**grid_rows(1, "ONE")[0], "latitude": "34.1", "longitude": "38.05"}]
    import_incidents(path=write(tmp_path, one, "one.csv"), synthetic=True)

    for bbox in [(37.0, 34.0, 40.0, 36.5), (37.6, 34.75, 38.3, 35.25), (38.0, 34.0, 38.1, 34.2)]:
        expected = found_by_scan(bbox)
        assert expected
        assert found_through_index(bbox) == expected
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT CheckSpatialIndex('events_incident', 'geom')")
            assert cursor.fetchone()[0] == 1


def test_bulk_written_points_are_stored_as_the_database_makes_them_from_the_file(db, tmp_path):
    # Coordinates with every decimal a double can hold, in a batch written set-wise.
    rows = [
        {
            **row,
            "latitude": f"{34.6 + i * 0.0123456789012345:.15f}",
            "longitude": f"{37.5 + i * 0.0234567890123456:.15f}",
        }
        for i, row in enumerate(grid_rows(SET_WISE_FROM + 1, "PT"))
    ]
    import_incidents(path=write(tmp_path, rows, "points.csv"), synthetic=True)

    for row in rows[:: SET_WISE_FROM // 4]:
        lon, lat = row["longitude"], row["latitude"]
        incident = Incident.objects.get(external_id=row["event_id_cnty"])
        assert incident.geom.srid == 4326
        assert incident.geom.coords == (float(lon), float(lat))
        assert incident.history.get().geom.coords == (float(lon), float(lat))
        if connection.vendor != "sqlite":
            continue
        # Byte for byte what SpatiaLite itself makes of the point's text, in the
        # incident and in its history record.
        for table in ("events_incident", "events_historicalincident"):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT geom = GeomFromText(%s, 4326) FROM {table} WHERE external_id = %s",
                    [f"POINT({lon} {lat})", row["event_id_cnty"]],
                )
                assert cursor.fetchone()[0] == 1
