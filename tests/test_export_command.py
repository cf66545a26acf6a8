"""python manage.py export_incidents: every format, the shared filters, progress,
clear errors and no half-written file."""

import json

import pandas as pd
import pyogrio
import pytest
from django.core.management import CommandError, call_command

from tests.rfc7946 import rfc7946_errors

pytestmark = pytest.mark.django_db

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"


@pytest.mark.parametrize("name", ["geojson", "csv", "gpkg", "kml", "html"])
def test_every_format_writes_a_readable_file(tmp_path, name, capsys):
    target = tmp_path / f"out.{name}"
    call_command("export_incidents", "--format", name, "-o", str(target), "--from", "2017-10-01")
    out = capsys.readouterr()
    assert "Wrote 1 incidents" in out.out
    assert "1/1 incidents" in out.err
    if name == "geojson":
        data = json.loads(target.read_text())
        assert rfc7946_errors(data) == [] and data["features"][0]["id"] == SEED
    elif name == "csv":
        assert pd.read_csv(target)["event_id_cnty"].tolist() == [SEED]
    elif name == "html":
        assert "Air strikes on the Al-Qusur" in target.read_text()
    else:
        layer = "incidents" if name == "gpkg" else "Incidents"
        assert len(pyogrio.read_dataframe(target, layer=layer)) == 1
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_filters_narrow_the_export(tmp_path):
    target = tmp_path / "none.geojson"
    call_command("export_incidents", "--format", "geojson", "-o", str(target), "--type", "protests")
    assert json.loads(target.read_text())["features"] == []


def test_bad_filter_is_a_command_error_and_writes_nothing(tmp_path):
    target = tmp_path / "bad.csv"
    with pytest.raises(CommandError, match="four numbers"):
        call_command("export_incidents", "--format", "csv", "-o", str(target), "--bbox", "1,2")
    assert not target.exists()
    with pytest.raises(CommandError, match="No such folder"):
        call_command("export_incidents", "--format", "csv", "-o", str(tmp_path / "x" / "y.csv"))
