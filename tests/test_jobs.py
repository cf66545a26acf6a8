"""Background jobs run inline (no broker configured, as on the embedded default):
the admin's import page runs the import as a job and shows its page with the
report; an export job offers its file; a batch extraction writes JSON Lines; a
refresh re-renders stale features; a refused import fails the job with the bad
rows and writes nothing. The same jobs on a real worker: tests/test_job_worker.py."""

import csv
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events import jobs
from events.models import Incident, IncidentLink, Job, JobKind, JobStatus
from tests.accounts import PASSWORD, make_editor

UCDP_SAMPLE = Path(__file__).parent / "data" / "ucdp_ged_sample.csv"


@pytest.fixture(autouse=True)
def jobs_dir(settings, tmp_path):
    settings.JOBS_DIR = tmp_path / "jobs"
    return settings.JOBS_DIR


@pytest.fixture
def admin_client(client, django_user_model, db):
    user = django_user_model.objects.create_superuser("jobs-admin", password=PASSWORD)
    client.force_login(user)
    client.user = user
    return client


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_the_import_page_runs_a_background_import_inline_and_shows_its_report(
    admin_client, jobs_dir
):
    before = Incident.objects.count()
    response = admin_client.post(
        reverse("admin:events_incident_import"),
        {"file": upload(UCDP_SAMPLE), "status": "published", "background": "on"},
    )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_job_change", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 1 and job.worker == "inline"
    assert job.created_by == admin_client.user
    # One of the 11 real UCDP rows joins the seed incident; the other ten are new.
    assert Incident.objects.count() == before + 10
    assert job.result["created"] == 10 and job.result["rows"] == 11
    assert not any(jobs_dir.rglob("input*")), "the uploaded file is removed once done"

    page = admin_client.get(response["Location"]).content.decode()
    assert "Succeeded" in page and job.result["summary"] in page
    assert "joined 2017-10-23-deir-ez-zor-al-qusur-air-strikes" in page
    state = admin_client.get(reverse("admin:events_job_state", args=[job.pk])).json()
    assert state["status"] == "succeeded" and state["finished"] is True
    assert state["done"] == state["total"] == 11 and state["percent"] == 100


def test_a_refused_background_import_fails_with_its_bad_rows_and_writes_nothing(
    admin_client, tmp_path
):
    with UCDP_SAMPLE.open(encoding="utf-8", newline="") as sample:
        rows = list(csv.DictReader(sample))
    rows[1]["latitude"] = "123.5"
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:3])
    before = (Incident.objects.count(), IncidentLink.objects.count())
    admin_client.post(
        reverse("admin:events_incident_import"),
        {"file": upload(bad), "status": "draft", "background": "on"},
    )
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert any("latitude 123.5" in line for line in job.errors), job.errors
    assert (Incident.objects.count(), IncidentLink.objects.count()) == before
    page = admin_client.get(reverse("admin:events_job_change", args=[job.pk])).content.decode()
    assert "Nothing was written" in page and "latitude 123.5" in page


def test_an_export_job_writes_a_file_offered_for_download(admin_client, seed_incident):
    response = admin_client.post(
        reverse("admin:events_job_start"),
        {"kind": "export", "format": "geojson", "filters": "from=2017-10-01&to=2017-10-31"},
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("admin:events_job_change", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED, job.errors
    page = admin_client.get(response["Location"]).content.decode()
    assert "from=2017-10-01" in page and "to=2017-10-31" in page  # the filters, named
    download = reverse("admin:events_job_download", args=[job.pk])
    assert download in page
    body = b"".join(admin_client.get(download).streaming_content)
    codes = [f["properties"]["code"] for f in json.loads(body)["features"]]
    assert seed_incident.code in codes and job.result["incidents"] == len(codes)


def test_a_bad_export_filter_is_refused_on_the_form(admin_client):
    response = admin_client.post(
        reverse("admin:events_job_start"),
        {"kind": "export", "format": "csv", "filters": "from=2017-13-45"},
    )
    assert response.status_code == 200 and not Job.objects.exists()
    assert "from" in response.context["form"].errors["filters"][0]


def test_a_batch_extraction_job_writes_json_lines(admin_client):
    reports = [
        {
            "id": "r1",
            "dateline": "2017-10-24",
            "outlet": "AFP",
            "text": "At least 22 civilians were killed in air strikes on Deir ez-Zor, "
            "the Syrian Observatory for Human Rights said.",
        },
        "not json",
    ]
    text = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in reports)
    admin_client.post(
        reverse("admin:events_job_start"),
        {
            "kind": "extract",
            "format": "geojson",
            "file": SimpleUploadedFile("r.jsonl", text.encode()),
        },
    )
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED, job.errors
    body = b"".join(
        admin_client.get(reverse("admin:events_job_download", args=[job.pk])).streaming_content
    )
    first, second = (json.loads(line) for line in body.decode().splitlines())
    assert first["id"] == "r1" and first["sources"]
    assert second["line"] == 2 and second["error"].startswith("not JSON")
    assert job.result["reports"] == 1 and job.result["unread"] == [f"line 2: {second['error']}"]


def test_a_refresh_job_re_renders_stale_features(admin_client, seed_incident):
    Incident.objects.filter(pk=seed_incident.pk).update(feature_json="")
    job = jobs.submit(kind=JobKind.REFRESH, params={"all": False}, user=admin_client.user)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result["incidents"] == 1
    seed_incident.refresh_from_db()
    assert json.loads(seed_incident.feature_json)["properties"]["code"] == seed_incident.code


def test_an_editor_sees_only_their_own_jobs(client, admin_client):
    job = jobs.submit(kind=JobKind.REFRESH, params={}, user=admin_client.user)
    editor = make_editor("jobs-editor")
    client.force_login(editor)
    assert client.get(reverse("admin:events_job_changelist")).status_code == 200
    assert client.get(reverse("admin:events_job_state", args=[job.pk])).status_code == 404
    assert client.get(reverse("admin:events_job_change", args=[job.pk])).status_code == 404


def test_a_job_the_queue_lost_is_failed_with_the_reason_not_left_waiting(
    job_queue, admin_client, django_capture_on_commit_callbacks
):
    from django.utils import timezone
    from rq.job import Job as QueuedJob

    from events.jobs.queue import QUEUE_LOST, reap_lost, redis_connection

    with django_capture_on_commit_callbacks(execute=True):  # queued once committed
        with_broker = [
            jobs.submit(kind=JobKind.REFRESH, params={}, user=admin_client.user) for _ in "ab"
        ]
    lost, kept = (Job.objects.get(pk=job.pk) for job in with_broker)
    assert lost.status == kept.status == JobStatus.QUEUED
    # Redis restarted without its data, for one of them; both were queued long ago.
    QueuedJob.fetch(lost.queue_id, connection=redis_connection()).delete()
    Job.objects.update(created_at=timezone.now() - timezone.timedelta(minutes=5))
    assert reap_lost(redis_connection()) == 1
    lost.refresh_from_db()
    kept.refresh_from_db()
    assert lost.status == JobStatus.FAILED and lost.errors == [QUEUE_LOST]
    assert kept.status == JobStatus.QUEUED


def test_deleting_a_job_removes_its_files(
    admin_client, jobs_dir, django_capture_on_commit_callbacks
):
    from events.services.jobs import delete_job

    job = jobs.submit(kind=JobKind.EXPORT, params={"format": "csv"}, user=admin_client.user)
    job.refresh_from_db()
    assert (jobs_dir / str(job.pk) / job.output_file).is_file()
    with django_capture_on_commit_callbacks(execute=True):
        delete_job(job=job)
    assert not Job.objects.filter(pk=job.pk).exists()
    assert not (jobs_dir / str(job.pk)).exists()


def test_with_the_broker_unreachable_the_job_fails_with_a_clear_reason(settings, admin_client):
    settings.JOBS_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = admin_client.post(
        reverse("admin:events_incident_import"),
        {"file": upload(UCDP_SAMPLE), "status": "draft", "background": "on"},
    )
    job = Job.objects.get()
    # (the test's transaction never commits: hand the job over as a commit would)
    jobs.queue.enqueue(job)
    job.refresh_from_db()
    assert response.status_code == 302
    assert job.status == JobStatus.FAILED
    assert job.errors[0].startswith("the queue (Redis) could not be reached")


def test_a_background_csv_import_may_be_larger_than_the_page_limit(settings, admin_client):
    settings.IMPORT_MAX_BYTES = 1000  # the sample is larger
    settings.JOBS_IMPORT_MAX_BYTES = 10 * UCDP_SAMPLE.stat().st_size
    url = reverse("admin:events_incident_import")
    refused = admin_client.post(url, {"file": upload(UCDP_SAMPLE), "status": "draft"})
    assert "the import page takes files up to" in refused.context["form"].errors["file"][0]
    queued = admin_client.post(
        url, {"file": upload(UCDP_SAMPLE), "status": "draft", "background": "on"}
    )
    assert queued.status_code == 302 and Job.objects.get().status == JobStatus.SUCCEEDED


def test_the_command_queues_an_import_only_with_a_broker(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--background needs a queue: set REDIS_URL"):
        call_command("import_incidents", str(UCDP_SAMPLE), "--background")
    assert not Job.objects.exists()


def test_a_job_started_in_arabic_speaks_arabic(settings, admin_client, seed_incident):
    # The reader chose Arabic (the language cookie): the start page, the job's page
    # and the messages the job itself wrote are in Arabic.
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    start = admin_client.get(reverse("admin:events_job_start")).content.decode()
    assert "بدء مهمة في الخلفية" in start and "تصدير الحوادث إلى ملف" in start
    response = admin_client.post(
        reverse("admin:events_job_start"), {"kind": "export", "format": "geojson", "filters": ""}
    )
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED, job.errors
    assert job.params["language"] == "ar"
    page = admin_client.get(response["Location"]).content.decode()
    for arabic in ("الحالة", "نجحت", "النتيجة", "تنزيل", "المحاولات"):
        assert arabic in page
    summary = f"الحوادث المصدَّرة بصيغة geojson: {job.result['incidents']}"
    assert job.result["summary"] == summary and summary in page
    assert "Result" not in page and "Attempts" not in page
