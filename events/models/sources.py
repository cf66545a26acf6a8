from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from events.display import figure, source_label
from events.validation import MAX_CASUALTIES
from events.weblinks import WEB_URL_MESSAGE, web_url

from .history import LeanHistory


class SourceKind(models.TextChoices):
    MONITOR = "monitor", _("Monitoring group")
    NEWS_AGENCY = "news_agency", _("News agency / outlet")
    STATE_MEDIA = "state_media", _("State media")
    OFFICIAL = "official", _("Official / government source")
    ARMED_GROUP = "armed_group", _("Armed group statement")
    LOCAL = "local", _("Local network / witness")
    NGO = "ngo", _("NGO / UN")
    OTHER = "other", _("Other")


class Source(models.Model):
    """A source that reports on an incident. ``reported_via`` names the outlet that
    carried it when the source is quoted second-hand (e.g. SOHR via AFP)."""

    incident = models.ForeignKey(
        "events.Incident",
        on_delete=models.CASCADE,
        related_name="sources",
        verbose_name=_("incident"),
    )
    name = models.CharField(
        max_length=200, help_text=_("Outlet, monitor or speaker."), verbose_name=_("name")
    )
    kind = models.CharField(
        max_length=16, choices=SourceKind.choices, default=SourceKind.OTHER, verbose_name=_("kind")
    )
    reported_via = models.CharField(max_length=200, blank=True, verbose_name=_("reported via"))
    url = models.URLField(
        max_length=500,
        blank=True,
        validators=[web_url],
        help_text=_("http:// or https:// only."),
        verbose_name=_("url"),
    )
    published_on = models.DateField(null=True, blank=True, verbose_name=_("published on"))
    language = models.CharField(max_length=8, blank=True, verbose_name=_("language"))
    excerpt = models.TextField(
        blank=True,
        help_text=_("Short quote or paraphrase of what it says."),
        verbose_name=_("excerpt"),
    )

    history = LeanHistory(indexed=("incident",))

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["incident", "published_on", "id"]
        constraints = [
            # The validator's scheme rule, for writes that skip model validation.
            models.CheckConstraint(
                condition=Q(url="")
                | Q(url__istartswith="http://")
                | Q(url__istartswith="https://"),
                name="source_url_web_scheme",
                violation_error_message=WEB_URL_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return source_label(self.name, self.reported_via)


class ClaimOutcome(models.TextChoices):
    KILLED = "killed", _("Killed")
    INJURED = "injured", _("Injured")


class ClaimPopulation(models.TextChoices):
    CIVILIAN = "civilian", _("Civilians")
    COMBATANT = "combatant", _("Combatants")
    UNKNOWN = "unknown", _("Unknown / mixed")


class CasualtyClaim(models.Model):
    """What one source says about one outcome. ``max_value`` empty means open-ended
    ("at least 22", "more than 30" -> min 31)."""

    incident = models.ForeignKey(
        "events.Incident",
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name=_("incident"),
    )
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="claims", verbose_name=_("source")
    )
    outcome = models.CharField(
        max_length=8, choices=ClaimOutcome.choices, verbose_name=_("outcome")
    )
    population = models.CharField(
        max_length=10,
        choices=ClaimPopulation.choices,
        default=ClaimPopulation.UNKNOWN,
        verbose_name=_("population"),
    )
    min_value = models.PositiveIntegerField(
        validators=[MaxValueValidator(MAX_CASUALTIES)], verbose_name=_("min value")
    )
    max_value = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_CASUALTIES)],
        verbose_name=_("max value"),
    )
    # A dataset's own central estimate within its range (UCDP GED's "best"); empty
    # when the source gives none (the figures then take the middle of the range).
    best_value = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_CASUALTIES)],
        help_text="The source's own best estimate within its range, if it gives one.",
    )
    wording = models.CharField(
        max_length=200,
        blank=True,
        help_text=_('The claim as worded, e.g. "more than 30".'),
        verbose_name=_("wording"),
    )

    history = LeanHistory(indexed=("incident",))

    class Meta:
        verbose_name = _("casualty claim")
        verbose_name_plural = _("casualty claims")
        ordering = ["incident", "outcome", "source_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_value__isnull=True) | Q(min_value__lte=F("max_value")),
                name="claim_min_not_above_max",
                violation_error_message=_("The minimum must not exceed the maximum."),
            ),
            models.CheckConstraint(
                condition=Q(best_value__isnull=True)
                | (
                    Q(best_value__gte=F("min_value"))
                    & (Q(max_value__isnull=True) | Q(best_value__lte=F("max_value")))
                ),
                name="claim_best_within_range",
                violation_error_message="The best estimate must lie between the minimum and "
                "the maximum.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.display_value} {self.get_outcome_display().lower()}"

    @property
    def display_value(self) -> str:
        return figure(self.min_value, self.max_value)

    def clean(self):
        if self.source_id and self.incident_id and self.source.incident_id != self.incident_id:
            raise ValidationError({"source": _("The source must belong to the same incident.")})


class AttributionRole(models.TextChoices):
    PERPETRATOR = "perpetrator", _("Perpetrator")
    TARGET = "target", _("Target")


class AttributionStance(models.TextChoices):
    ALLEGED = "alleged", _("Alleged")
    CLAIMED = "claimed", _("Claimed (by the actor)")
    CONFIRMED = "confirmed", _("Confirmed")
    DENIED = "denied", _("Denied")


class Attribution(models.Model):
    """Who is said to have done it (or been targeted), by whom, and how firmly."""

    incident = models.ForeignKey(
        "events.Incident",
        on_delete=models.CASCADE,
        related_name="attributions",
        # attribution_unique starts with the incident, so it serves these look-ups.
        db_index=False,
        verbose_name=_("incident"),
    )
    actor = models.ForeignKey(
        "events.Actor",
        on_delete=models.PROTECT,
        related_name="attributions",
        verbose_name=_("actor"),
    )
    role = models.CharField(
        max_length=12,
        choices=AttributionRole.choices,
        default=AttributionRole.PERPETRATOR,
        verbose_name=_("role"),
    )
    stance = models.CharField(
        max_length=10,
        choices=AttributionStance.choices,
        default=AttributionStance.ALLEGED,
        verbose_name=_("stance"),
    )
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attributions",
        verbose_name=_("source"),
    )
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))

    history = LeanHistory(indexed=("incident",))

    class Meta:
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")
        ordering = ["incident", "role", "actor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "actor", "role", "stance", "source"],
                name="attribution_unique",
                violation_error_message=_("This source already makes this attribution."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()}, {self.get_stance_display().lower()})"

    def clean(self):
        if self.source_id and self.incident_id and self.source.incident_id != self.incident_id:
            raise ValidationError({"source": _("The source must belong to the same incident.")})
        # The unique constraint treats NULL sources as distinct, so unsourced twins are
        # refused here. Not in the database: deleting sources sets their attributions'
        # source to NULL, and two allegations that lose their sources must not block it.
        if self.source_id is None and self.incident_id and self.actor_id:
            twins = Attribution.objects.filter(
                incident_id=self.incident_id,
                actor_id=self.actor_id,
                role=self.role,
                stance=self.stance,
                source__isnull=True,
            ).exclude(pk=self.pk)
            if twins.exists():
                raise ValidationError(_("This attribution is already recorded without a source."))
