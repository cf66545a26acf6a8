from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class ControlState(models.TextChoices):
    HELD = "held", "Held"
    CONTESTED = "contested", "Contested"


class Confidence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


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

    code = models.SlugField(max_length=80, unique=True, help_text="Stable identifier.")
    actor = models.ForeignKey("events.Actor", on_delete=models.PROTECT, related_name="zones")
    geom = models.MultiPolygonField(srid=4326, spatial_index=True)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Empty: still in force.")
    state = models.CharField(max_length=10, choices=ControlState.choices, default=ControlState.HELD)
    confidence = models.CharField(max_length=8, choices=Confidence.choices, default=Confidence.LOW)
    approximate = models.BooleanField(
        default=True, help_text="Schematic outline drawn from reporting, not surveyed."
    )
    source = models.TextField(blank=True)
    description = models.TextField(blank=True)
    synthetic = models.BooleanField(default=False)

    objects = ControlZoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["valid_from", "actor__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__lte=F("valid_to")),
                name="zone_validity_ordered",
                violation_error_message="“Valid from” must not be after “valid to”.",
            ),
            models.CheckConstraint(
                condition=Q(geom__isvalid=True),
                name="zone_geom_valid",
                violation_error_message="The zone outline is not a valid polygon.",
            ),
        ]

    def __str__(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.actor} {self.valid_from.isoformat()}–{end}"

    def clean(self):
        if self.geom is not None and not self.geom.valid:
            raise ValidationError({"geom": f"Invalid polygon: {self.geom.valid_reason}."})
