from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a #rrggbb colour."))


class ActorKind(models.TextChoices):
    STATE = "state", _("State forces")
    NON_STATE = "non_state", _("Non-state armed group")
    COALITION = "coalition", _("Coalition")
    CIVILIANS = "civilians", _("Civilians")
    UNKNOWN = "unknown", _("Unidentified")


class Actor(models.Model):
    """A party to the conflict: perpetrator, target or holder of territory."""

    slug = models.SlugField(unique=True, max_length=64, verbose_name=_("slug"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    name_ar = models.CharField(_("Arabic name"), max_length=200, blank=True)
    kind = models.CharField(max_length=16, choices=ActorKind.choices, verbose_name=_("kind"))
    colour = models.CharField(
        max_length=7, validators=[hex_colour], default="#777777", verbose_name=_("colour")
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    reviewed = models.BooleanField(
        default=True,
        help_text=_(
            "Unticked for actors an import created from an unknown name: an editor "
            "checks the name, kind and colour, or maps it to an existing actor."
        ),
        verbose_name=_("reviewed"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ActorAlias(models.Model):
    """Another name an actor goes by: a dataset's own label (ACLED's
    "Military Forces of Syria (2000-)", UCDP's "Government of Syria"), an
    abbreviation or an Arabic name. ``key`` is the normalised form an importer looks
    up (events.imports.actors.actor_key)."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("actor")
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    key = models.CharField(max_length=200, unique=True, editable=False, verbose_name=_("key"))
    dataset = models.CharField(
        max_length=16,
        blank=True,
        help_text=_('Where the name is used: "acled", "ucdp", …'),
        verbose_name=_("dataset"),
    )
    source = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Where the alias is documented, or who mapped it."),
        verbose_name=_("source"),
    )

    class Meta:
        verbose_name = _("actor alias")
        ordering = ["actor", "name"]
        verbose_name_plural = _("actor aliases")

    def __str__(self) -> str:
        return f"{self.name} → {self.actor}"

    def save(self, *args, **kwargs):
        from events.imports.actors import actor_key

        self.key = actor_key(self.name)
        super().save(*args, **kwargs)
