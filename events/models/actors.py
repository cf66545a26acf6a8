from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a #rrggbb colour.")


class ActorKind(models.TextChoices):
    STATE = "state", "State forces"
    NON_STATE = "non_state", "Non-state armed group"
    COALITION = "coalition", "Coalition"
    CIVILIANS = "civilians", "Civilians"
    UNKNOWN = "unknown", "Unidentified"


class Actor(models.Model):
    """A party to the conflict: perpetrator, target or holder of territory."""

    slug = models.SlugField(unique=True, max_length=64)
    name = models.CharField(max_length=200)
    name_ar = models.CharField("Arabic name", max_length=200, blank=True)
    kind = models.CharField(max_length=16, choices=ActorKind.choices)
    colour = models.CharField(max_length=7, validators=[hex_colour], default="#777777")
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
