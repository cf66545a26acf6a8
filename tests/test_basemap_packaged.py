"""The basemap's packaged layers (rivers, lakes, main towns from installed
packages) are built once and kept in var/: a fresh process reads them instead of
decoding the packages again, and a change in any input builds them anew. The
basemap answer carries an ETag that follows both the data and those layers."""

import json
import shutil

import pytest
from django.urls import reverse

from events import basemap, selectors, services
from events.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    basemap.packaged_layers.cache_clear()
    yield tmp_path
    basemap.packaged_layers.cache_clear()


def test_packaged_layers_are_kept_and_read_by_a_fresh_process(var_dir):
    layers = basemap.packaged_layers()
    kept = basemap.packaged_path()
    assert kept.parent == var_dir / "basemap" and json.loads(kept.read_text()) == layers
    assert any(f["properties"]["name"] == "Euphrates" for f in layers["water"])

    # A new process (the in-memory copy dropped) takes the kept file as it is.
    layers["towns"][0]["properties"]["name"] = "Read from var"
    kept.write_text(json.dumps(layers))
    basemap.packaged_layers.cache_clear()
    assert basemap.town_features()[0]["properties"]["name"] == "Read from var"


def test_a_changed_input_builds_the_layers_anew(var_dir, monkeypatch):
    first = basemap.packaged_layers()
    stale = basemap.packaged_path()
    stale.write_text(json.dumps({**first, "towns": []}))

    # The same rivers file with one more byte: another package version, say.
    copy = var_dir / "asia_50m.json"
    shutil.copyfile(basemap.NATURAL_EARTH_TOPOJSON, copy)
    with copy.open("a") as fh:
        fh.write("\n")
    monkeypatch.setattr(basemap, "NATURAL_EARTH_TOPOJSON", copy)
    basemap.packaged_layers.cache_clear()

    rebuilt = basemap.packaged_layers()
    assert rebuilt["key"] != first["key"] and rebuilt["towns"] == first["towns"]
    assert basemap.packaged_path().exists() and not stale.exists()


def test_basemap_revalidates_with_its_etag_and_follows_a_place_edit(client, var_dir):
    url = reverse("api:basemap-geojson")
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and "no-cache" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag

    slug = next(iter(selectors.basemap_places()))[0]
    services.save_place(place=Place.objects.get(slug=slug), data={"name": "Renamed town"})
    edited = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert edited.status_code == 200 and edited["ETag"] != etag
    names = {f.get("id"): f["properties"]["name"] for f in edited.json()["features"]}
    assert names[slug] == "Renamed town"
