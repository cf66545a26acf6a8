"""Background jobs (events.jobs): one row per piece of long work an editor started
(an import, a large export, a batch of report extractions, a refresh of the stored
export texts), with its progress, result and errors. The row is the record the admin
shows; the queue (RQ on Redis) only carries the job's id."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    IMPORT = "import", _("Import incidents")
    EXPORT = "export", _("Export incidents")
    EXTRACT = "extract", _("Extract reports")
    REFRESH = "refresh", _("Refresh stored features")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    RETRYING = "retrying", _("Retrying")


FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=JobKind.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=JobStatus.choices,
        default=JobStatus.QUEUED,
        db_index=True,
    )
    params = models.JSONField(
        default=dict, blank=True, help_text="What the job was asked to do (file, format, filters)."
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(null=True, blank=True)
    progress_message = models.CharField(max_length=200, blank=True)
    result = models.JSONField(
        default=dict, blank=True, help_text="The outcome: a report's lines, counts, a file."
    )
    output_file = models.CharField(
        max_length=200, blank=True, help_text="A produced file, relative to the jobs folder."
    )
    errors = models.JSONField(default=list, blank=True, help_text="Why it failed, line by line.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=1)
    worker = models.CharField(
        max_length=120, blank=True, help_text='Who ran the last attempt: "inline" or the worker.'
    )
    queue_id = models.CharField(max_length=64, blank=True, help_text="The queue's job id.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        label = self.params.get("filename") or self.params.get("format") or ""
        kind = self.get_kind_display()
        if label:
            return _("Job %(id)s: %(kind)s (%(label)s)") % {
                "id": self.pk,
                "kind": kind,
                "label": label,
            }
        return _("Job %(id)s: %(kind)s") % {"id": self.pk, "kind": kind}

    @property
    def finished(self) -> bool:
        return self.status in FINISHED
