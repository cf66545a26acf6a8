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
    reviewed = models.BooleanField(
        default=True,
        help_text="Unticked for actors an import created from an unknown name: an editor "
        "checks the name, kind and colour, or maps it to an existing actor.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ActorAlias(models.Model):
    """Another name an actor goes by: a dataset's own label (ACLED's
    "Military Forces of Syria (2000-)", UCDP's "Government of Syria"), an
    abbreviation or an Arabic name. ``key`` is the normalised form an importer looks
    up (events.imports.actors.actor_key)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True, editable=False)
    dataset = models.CharField(
        max_length=16, blank=True, help_text='Where the name is used: "acled", "ucdp", …'
    )
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the alias is documented, or who mapped it."
    )

    class Meta:
        ordering = ["actor", "name"]
        verbose_name_plural = "actor aliases"

    def __str__(self) -> str:
        return f"{self.name} → {self.actor}"

    def save(self, *args, **kwargs):
        from events.imports.actors import actor_key

        self.key = actor_key(self.name)
        super().save(*args, **kwargs)
