"""Loaders are idempotent, and bad input is reported by line with nothing written."""

import pytest
from django.core.management import CommandError, call_command

from events.models import ControlZone, Incident, Place, PlaceName

pytestmark = pytest.mark.django_db


def counts():
    return (
        Place.objects.count(),
        PlaceName.objects.count(),
        ControlZone.objects.count(),
        Incident.objects.count(),
    )


def test_loading_the_demo_twice_changes_nothing(capsys):
    before = counts()
    call_command("load_demo")
    out = capsys.readouterr().out
    assert counts() == before
    assert " 0 created, 0 updated" in out
    assert "created" in out and "unchanged" in out


def test_bad_gazetteer_rows_are_reported_by_line_and_nothing_is_written(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(
        "id,name_en,name_ar,variants,kind,parent_id,lat,lon,coord_precision_m,source,notes\n"
        "good-town,Good Town,,,town,deir-ez-zor-governorate,35.1,40.1,2000,test,\n"
        "bad-kind,Bad Kind,,,castle,,35.1,40.1,,test,\n"
        "bad-coords,Bad Coords,,,town,,135.1,40.1,,test,\n"
        "bad-parent,Bad Parent,,,town,nowhere,35.1,40.1,,test,\n",
        encoding="utf-8",
    )
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        call_command("load_gazetteer", str(path))
    message = str(excinfo.value)
    assert "places.csv:3: unknown kind 'castle'" in message
    assert "places.csv:4: coordinates out of range" in message
    assert "places.csv:5: unknown parent_id 'nowhere'" in message
    assert counts() == before
    assert not Place.objects.filter(slug="good-town").exists()


def test_bad_zone_feature_is_reported_and_nothing_is_written(tmp_path):
    path = tmp_path / "zones.geojson"
    path.write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","id":"ok","properties":{"actor":"sdf","valid_from":"2018-01-01"},'
        '"geometry":{"type":"Polygon","coordinates":[[[40,35],[41,35],[41,36],[40,35]]]}},'
        '{"type":"Feature","id":"who","properties":{"actor":"nobody","valid_from":"2018-01-01"},'
        '"geometry":{"type":"Polygon","coordinates":[[[40,35],[41,35],[41,36],[40,35]]]}}]}',
        encoding="utf-8",
    )
    before = counts()
    with pytest.raises(CommandError, match="feature 2 \\(who\\): unknown actor 'nobody'"):
        call_command("load_control_zones", str(path))
    assert counts() == before
