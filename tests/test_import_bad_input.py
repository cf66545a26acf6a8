"""Issue 12, findings 10 and 12: a bad import file, however odd or large, is refused
with a clear message (per row, with its line, or for the whole file) through the
admin's import page and `manage.py import_incidents`, never a 500; nothing is
written; the rows listed are capped, with the total count given. Rows are
synthetic test data (ids TEST…)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils.html import escape

from events.imports import ImportRejected, import_incidents
from events.models import Incident
from tests.accounts import make_editor, make_reviewer
from tests.test_import_incidents import GOOD, csv_text

IMPORT_URL = "/admin/events/incident/import/"

pytestmark = pytest.mark.django_db


def collection(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def feature(**props):
    base = {
        "title": "Synthetic test feature",
        "event_type": "battles",
        "date_start": "2017-10-20",
    }
    return {
        "type": "Feature",
        "id": "TEST-B1",
        "geometry": {"type": "Point", "coordinates": [40.4514, 35.0199]},
        "properties": {**base, **props},
    }


DEEP = '{"type": "FeatureCollection", "features": ' + "[" * 100_000 + "]" * 100_000 + "}"


@pytest.fixture
def upload(client, db):
    client.raise_request_exception = False
    client.force_login(make_editor())

    def post(name: str, content: str | bytes):
        data = content.encode("utf-8") if isinstance(content, str) else content
        return client.post(
            IMPORT_URL,
            {"file": SimpleUploadedFile(name, data), "dry_run": "", "status": "draft"},
        )

    return post


def rejected(tmp_path, name: str, content: str) -> ImportRejected:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_incidents(path=path, synthetic=True)
    return caught.value


def test_geojson_nested_100k_levels_deep_is_a_file_level_error(tmp_path, upload):
    message = "the JSON is nested too deeply to read"
    assert message in str(rejected(tmp_path, "deep.geojson", DEEP))
    response = upload("deep.geojson", DEEP)
    assert response.status_code == 200
    assert message in response.content.decode()
    path = tmp_path / "deep.json"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_incidents", str(path), verbosity=0)


@pytest.mark.parametrize(
    "props, reason",
    [
        ({"event_type": {}}, "event_type must be text, not an object"),
        ({"event_type": {"code": "battles"}}, "event_type must be text, not an object"),
        ({"event_type": ["battles"]}, "event_type must be text, not a list"),
        ({"event_type": 7}, "event_type must be text, not a number"),
        ({"sub_event_type": {"a": 1}}, "sub_event_type must be text, not an object"),
        ({"date_start": 20171020}, "date_start must be text, not a number"),
        ({"place": {"name": "Mayadin"}}, "place must be text, not an object"),
        ({"external_id": ["TEST-B1"]}, "the id must be text, not a list"),
        ({"sources": [{"name": {"x": 1}}]}, "a source's name must be text, not an object"),
        ({"attributions": [{"actor": ["russia"]}]}, "actor must be text, not a list"),
        ({"title": "a\x00b"}, "title contains a control or invalid character (U+0000)"),
    ],
)
def test_a_non_text_value_is_a_row_problem_with_its_feature_number(tmp_path, upload, props, reason):
    text = collection(feature(), {**feature(**props), "id": "TEST-B2"})
    errors = rejected(tmp_path, "odd.geojson", text).errors
    assert errors == [(1, "line 1 (feature 2)", reason)]
    response = upload("odd.geojson", text)
    assert response.status_code == 200
    assert escape(reason) in response.content.decode()
    assert not Incident.objects.filter(external_id__startswith="TEST-B").exists()


def test_a_nul_in_a_csv_cell_is_a_row_problem(tmp_path):
    rows = [GOOD[0], {**GOOD[1], "notes": "Synthetic\x00 row"}]
    errors = rejected(tmp_path, "nul.csv", csv_text(rows)).errors
    assert errors == [(3, "line 3", "column 'notes' contains a control character")]
    assert not Incident.objects.filter(external_id__startswith="TEST").exists()


def test_a_csv_cell_over_the_csv_field_limit_is_a_file_problem(tmp_path, upload):
    rows = [GOOD[0], {**GOOD[1], "notes": "x" * 200_000}]
    message = "line 3 cannot be read as CSV: field larger than field limit"
    assert message in str(rejected(tmp_path, "huge-cell.csv", csv_text(rows)))
    assert message in upload("huge-cell.csv", csv_text(rows)).content.decode()


def bad_rows(n: int) -> list[dict]:
    return [
        {**GOOD[0], "event_id_cnty": f"TEST{i:05d}", "event_date": "2017-13-45"} for i in range(n)
    ]


def test_the_listed_errors_are_capped_and_the_message_gives_the_total(tmp_path, upload):
    text = csv_text([GOOD[0], *bad_rows(250)])
    caught = rejected(tmp_path, "many.csv", text)
    assert [line for line, _, _ in caught.errors] == list(range(3, 103))  # the first 100
    assert caught.unlisted == 150 and caught.report.rejected == 250
    assert "250 of 251 row(s) rejected" in str(caught)
    assert "and 150 more row(s) with problems (the first 100 are listed)" in str(caught)

    page = upload("many.csv", text).content.decode()
    assert "250 of 251 row(s) rejected" in page
    assert page.count(escape("bad event_date '2017-13-45'")) == 100
    assert "and 150 more row(s) with" in page


def test_the_import_page_refuses_a_file_over_the_size_limit(settings, upload):
    settings.IMPORT_MAX_BYTES = 1000
    response = upload("big.csv", csv_text(bad_rows(20)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "the import page takes files up to 1000 bytes (IMPORT_MAX_BYTES)" in page
    assert "Split it, or import a CSV of any size with manage.py import_incidents." in page
    assert "rejected" not in page


def test_geojson_over_the_limit_is_refused_but_a_csv_streams(settings, tmp_path):
    settings.IMPORT_MAX_BYTES = 300
    big = tmp_path / "big.geojson"
    big.write_text(collection(feature(), {**feature(), "id": "TEST-B2"}), encoding="utf-8")
    with pytest.raises(CommandError, match=r"GeoJSON is read whole.*\(IMPORT_MAX_BYTES\)"):
        call_command("import_incidents", str(big), verbosity=0)
    csv_path = tmp_path / "big.csv"
    csv_path.write_text(csv_text(GOOD), encoding="utf-8")
    assert csv_path.stat().st_size > 300
    assert import_incidents(path=csv_path, synthetic=True).created == 2


def test_a_bad_byte_deep_in_a_csv_is_reported_at_its_line(tmp_path):
    rows = [{**GOOD[0], "event_id_cnty": f"TEST{i:05d}"} for i in range(300)]
    path = tmp_path / "latin1.csv"
    path.write_bytes(csv_text(rows).encode("utf-8") + "TEST9,Alep\xe9\n".encode("latin-1"))
    with pytest.raises(ImportRejected, match="line 302: the file is not UTF-8"):
        import_incidents(path=path)


def test_old_mac_line_endings_still_read(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(csv_text(GOOD).replace("\n", "\r").encode("utf-8"))
    assert import_incidents(path=path, synthetic=True, dry_run=True).created == 2


def test_the_zone_import_page_refuses_deep_json_with_a_message(client):
    client.raise_request_exception = False
    client.force_login(make_reviewer())
    response = client.post(
        "/admin/events/controlzone/import/",
        {"file": SimpleUploadedFile("deep.geojson", DEEP.encode())},
    )
    assert response.status_code == 200
    assert "the JSON is nested too deeply" in response.content.decode()
