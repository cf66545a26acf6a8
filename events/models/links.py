from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkStatus(models.TextChoices):
    OWN = "own", _("The row's own incident")
    JOINED = "joined", _("Joined automatically (confident match)")
    CANDIDATE = "candidate", _("Candidate: may be the same event")
    CONFIRMED = "confirmed", _("Confirmed by an editor: same event")
    SPLIT = "split", _("Split by an editor: different events")


class IncidentLink(models.Model):
    """Where one imported dataset row (``external_id``, e.g. ``ucdp-ged:253349``) lives,
    and a digest of the row as last written (a re-import skips a row whose digest
    is the same and whose incident has not changed since ``written_at``).

    - own: the row's own incident (whose external_id it is);
    - joined / confirmed: the row is another account of ``incident`` (an incident
      that another dataset or an editor made); its source and claim were added
      there, and re-importing the row finds the incident through this link.
    - candidate: the row got its own incident (``incident``) because the match with
      ``other`` was uncertain; an editor confirms (the row's parts move to
      ``other`` and its own incident is removed) or splits (they stay apart).
    - split: kept apart; a re-import does not ask again.
    """

    external_id = models.CharField(max_length=64, unique=True, verbose_name=_("external id"))
    incident = models.ForeignKey(
        "events.Incident",
        on_delete=models.CASCADE,
        related_name="dataset_links",
        verbose_name=_("incident"),
    )
    other = models.ForeignKey(
        "events.Incident",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="candidate_links",
        help_text=_("For a candidate or split: the existing incident it may duplicate."),
        verbose_name=_("other"),
    )
    status = models.CharField(max_length=12, choices=LinkStatus.choices, verbose_name=_("status"))
    dataset = models.CharField(
        max_length=16, db_index=True, help_text=_('"acled", "ucdp-ged"'), verbose_name=_("dataset")
    )
    digest = models.CharField(
        max_length=32,
        blank=True,
        help_text=_("Of the row as last written."),
        verbose_name=_("digest"),
    )
    written_at = models.DateTimeField(null=True, blank=True, verbose_name=_("written at"))
    score = models.FloatField(
        null=True,
        blank=True,
        help_text=_("Match score 0..1 (events.linking)."),
        verbose_name=_("score"),
    )
    reason = models.CharField(max_length=300, blank=True, verbose_name=_("reason"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name_plural = _("incident links")
        ordering = ["status", "-score"]
        indexes = [models.Index(fields=["status"])]
        verbose_name = _("incident link")

    def __str__(self) -> str:
        return f"{self.external_id}: {self.get_status_display()}"
