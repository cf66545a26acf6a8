"""A source's address becomes a link on the public incident page, so only http and
https addresses are stored (model validation, the database) and linked (the
template) on every write path (issue 12, finding 5: stored XSS through an import
that updated a source)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from events.imports import ImportRejected, import_incidents
from events.models import Incident, IncidentStatus, Source
from events.templatetags.incident_display import web_link
from tests.accounts import make_editor
from tests.factories import IncidentFactory, SourceFactory
from tests.test_import_geojson import NEW, collection_text

BAD_URLS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://example.org/report.pdf",
    "//evil.example/report",
]
GOOD_URLS = ["https://example.org/report?id=1&lang=ar", "HTTP://EXAMPLE.ORG/a"]


def with_source_url(url: str) -> dict:
    feature = json.loads(json.dumps(NEW))
    feature["properties"]["sources"][0]["url"] = url
    return feature


@pytest.mark.django_db
def test_an_import_that_updates_a_source_cannot_store_a_script_address(client, tmp_path):
    path = tmp_path / "incidents.geojson"
    path.write_text(collection_text([with_source_url("https://example.org/a")]), encoding="utf-8")
    assert import_incidents(path=path).created == 1
    incident = Incident.objects.get(external_id=NEW["id"])
    Incident.objects.filter(pk=incident.pk).update(status=IncidentStatus.PUBLISHED, synthetic=False)

    attack = with_source_url("javascript:alert(document.cookie)")
    path.write_text(collection_text([attack]), encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_incidents(path=path)
    ((line, _, reason),) = caught.value.errors
    assert line == 2
    assert "source 'Synthetic Monitor'" in reason and "http:// or https://" in reason
    source = incident.sources.get(name="Synthetic Monitor")
    assert source.url == "https://example.org/a"

    page = client.get(incident.get_absolute_url()).content.decode()
    assert 'href="https://example.org/a"' in page
    assert "javascript:" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("url", BAD_URLS)
def test_model_validation_and_the_database_refuse_other_schemes(url):
    source = SourceFactory(url="https://example.org/ok")
    source.url = url
    with pytest.raises(ValidationError) as caught:
        source.full_clean()
    assert (
        "Enter a web address starting with http:// or https://."
        in (caught.value.message_dict["url"])
    )
    # Writes that skip model validation (queryset.update, raw loaders) meet the
    # same rule as a check constraint.
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.filter(pk=source.pk).update(url=url)
    source.refresh_from_db()
    assert source.url == "https://example.org/ok"


@pytest.mark.django_db
@pytest.mark.parametrize("url", GOOD_URLS)
def test_web_addresses_are_kept(url):
    source = SourceFactory(url="")
    source.url = url
    source.full_clean()
    source.save()
    source.refresh_from_db()
    assert source.url == url


@pytest.mark.django_db
@pytest.mark.parametrize("url", BAD_URLS)
def test_the_api_refuses_other_schemes_with_a_400(client, url):
    editor = make_editor()
    client.force_login(editor)
    draft = IncidentFactory(status=IncidentStatus.DRAFT, created_by=editor)
    response = client.post(
        f"/api/v1/incidents/{draft.code}/sources/",
        {"name": "Monitor", "url": url},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "url" in response.json()
    assert not draft.sources.exists()


@pytest.mark.parametrize("url", [*BAD_URLS, "", None, "mailto:desk@example.org"])
def test_templates_link_only_web_addresses(url):
    assert web_link(url) == ""


@pytest.mark.parametrize("url", GOOD_URLS)
def test_templates_link_web_addresses_unchanged(url):
    assert web_link(url) == url


@pytest.mark.django_db(transaction=True)
def test_the_migration_empties_stored_non_web_addresses():
    executor = MigrationExecutor(connection)
    (after,) = [
        key for key in executor.loader.disk_migrations if key[1].endswith("_source_url_web_scheme")
    ]
    before = executor.loader.disk_migrations[after].dependencies
    after = [after]
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        old_incident = apps.get_model("events", "Incident").objects.create(
            code="test-migration-url",
            title="Synthetic migration test",
            event_type="battles",
            date_start="2017-10-20",
            date_end="2017-10-20",
            synthetic=True,
        )
        old_source = apps.get_model("events", "Source")
        for name, url in [("bad", "javascript:alert(1)"), ("ftp", "ftp://x.org/a"),
                          ("good", "https://example.org/a"), ("none", "")]:  # fmt: skip
            old_source.objects.create(incident=old_incident, name=name, url=url)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    sources = Source.objects.filter(incident__code="test-migration-url")
    urls = dict(sources.values_list("name", "url"))
    assert urls == {"bad": "", "ftp": "", "good": "https://example.org/a", "none": ""}
    assert after[0] in MigrationExecutor(connection).loader.applied_migrations
