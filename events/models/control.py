from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ControlState(models.TextChoices):
    HELD = "held", _("Held")
    CONTESTED = "contested", _("Contested")


class Confidence(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class ControlZoneQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Zones in force on ``day`` (valid_to empty means still in force)."""
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def real(self):
        return self.filter(synthetic=False)


class ControlZone(models.Model):
    """Territory an actor held (or contested) between two dates."""

    code = models.SlugField(
        max_length=80, unique=True, help_text=_("Stable identifier."), verbose_name=_("code")
    )
    actor = models.ForeignKey(
        "events.Actor", on_delete=models.PROTECT, related_name="zones", verbose_name=_("actor")
    )
    geom = models.MultiPolygonField(srid=4326, spatial_index=True, verbose_name=_("geom"))
    valid_from = models.DateField(verbose_name=_("valid from"))
    valid_to = models.DateField(
        null=True, blank=True, help_text=_("Empty: still in force."), verbose_name=_("valid to")
    )
    state = models.CharField(
        max_length=10,
        choices=ControlState.choices,
        default=ControlState.HELD,
        verbose_name=_("state"),
    )
    confidence = models.CharField(
        max_length=8,
        choices=Confidence.choices,
        default=Confidence.LOW,
        verbose_name=_("confidence"),
    )
    approximate = models.BooleanField(
        default=True,
        help_text=_("Schematic outline drawn from reporting, not surveyed."),
        verbose_name=_("approximate"),
    )
    source = models.TextField(blank=True, verbose_name=_("source"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    synthetic = models.BooleanField(default=False, verbose_name=_("synthetic"))

    objects = ControlZoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("control zone")
        verbose_name_plural = _("control zones")
        ordering = ["valid_from", "actor__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__lte=F("valid_to")),
                name="zone_validity_ordered",
                violation_error_message=_("“Valid from” must not be after “valid to”."),
            ),
            models.CheckConstraint(
                condition=Q(geom__isvalid=True),
                name="zone_geom_valid",
                violation_error_message=_("The zone outline is not a valid polygon."),
            ),
        ]

    def __str__(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.actor} {self.valid_from.isoformat()}–{end}"

    def clean(self):
        if self.geom is not None and not self.geom.valid:
            raise ValidationError(
                {"geom": _("Invalid polygon: %(reason)s.") % {"reason": self.geom.valid_reason}}
            )
