from django.conf import settings
from django.db import models


class LinkStatus(models.TextChoices):
    OWN = "own", "The row's own incident"
    JOINED = "joined", "Joined automatically (confident match)"
    CANDIDATE = "candidate", "Candidate: may be the same event"
    CONFIRMED = "confirmed", "Confirmed by an editor: same event"
    SPLIT = "split", "Split by an editor: different events"


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

    external_id = models.CharField(max_length=64, unique=True)
    incident = models.ForeignKey(
        "events.Incident", on_delete=models.CASCADE, related_name="dataset_links"
    )
    other = models.ForeignKey(
        "events.Incident",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="candidate_links",
        help_text="For a candidate or split: the existing incident it may duplicate.",
    )
    status = models.CharField(max_length=12, choices=LinkStatus.choices)
    dataset = models.CharField(max_length=16, db_index=True, help_text='"acled", "ucdp-ged"')
    digest = models.CharField(max_length=32, blank=True, help_text="Of the row as last written.")
    written_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True, help_text="Match score 0..1 (events.linking).")
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["status", "-score"]
        indexes = [models.Index(fields=["status"])]
        verbose_name = "incident link"

    def __str__(self) -> str:
        return f"{self.external_id}: {self.get_status_display()}"
