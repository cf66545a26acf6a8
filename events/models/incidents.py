from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from events.validation import MAX_UNCERTAINTY_M

from .actors import Actor
from .history import LeanHistory


class EventType(models.TextChoices):
    """ACLED event types (ACLED Codebook, 2023)."""

    BATTLES = "battles", _("Battles")
    EXPLOSIONS = "explosions_remote_violence", _("Explosions/Remote violence")
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians", _("Violence against civilians")
    PROTESTS = "protests", _("Protests")
    RIOTS = "riots", _("Riots")
    STRATEGIC = "strategic_developments", _("Strategic developments")


class SubEventType(models.TextChoices):
    """ACLED sub-event types; SUB_EVENT_PARENT maps each to its event type."""

    ARMED_CLASH = "armed_clash", _("Armed clash")
    GOVERNMENT_REGAINS_TERRITORY = "government_regains_territory", _("Government regains territory")
    NON_STATE_OVERTAKES_TERRITORY = (
        "non_state_overtakes_territory",
        _("Non-state actor overtakes territory"),
    )
    CHEMICAL_WEAPON = "chemical_weapon", _("Chemical weapon")
    AIR_DRONE_STRIKE = "air_drone_strike", _("Air/drone strike")
    SUICIDE_BOMB = "suicide_bomb", _("Suicide bomb")
    SHELLING = "shelling_artillery_missile", _("Shelling/artillery/missile attack")
    REMOTE_EXPLOSIVE = "remote_explosive_landmine_ied", _("Remote explosive/landmine/IED")
    GRENADE = "grenade", _("Grenade")
    SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence")
    ATTACK = "attack", _("Attack")
    ABDUCTION = "abduction_forced_disappearance", _("Abduction/forced disappearance")
    PEACEFUL_PROTEST = "peaceful_protest", _("Peaceful protest")
    PROTEST_WITH_INTERVENTION = "protest_with_intervention", _("Protest with intervention")
    EXCESSIVE_FORCE = "excessive_force_against_protesters", _("Excessive force against protesters")
    VIOLENT_DEMONSTRATION = "violent_demonstration", _("Violent demonstration")
    MOB_VIOLENCE = "mob_violence", _("Mob violence")
    AGREEMENT = "agreement", _("Agreement")
    ARRESTS = "arrests", _("Arrests")
    CHANGE_TO_GROUP = "change_to_group_activity", _("Change to group/activity")
    DISRUPTED_WEAPONS_USE = "disrupted_weapons_use", _("Disrupted weapons use")
    HEADQUARTERS_ESTABLISHED = (
        "headquarters_or_base_established",
        _("Headquarters or base established"),
    )
    LOOTING = "looting_property_destruction", _("Looting/property destruction")
    NON_VIOLENT_TRANSFER = (
        "non_violent_transfer_of_territory",
        _("Non-violent transfer of territory"),
    )
    OTHER = "other", _("Other")


SUB_EVENT_PARENT = {
    SubEventType.ARMED_CLASH: EventType.BATTLES,
    SubEventType.GOVERNMENT_REGAINS_TERRITORY: EventType.BATTLES,
    SubEventType.NON_STATE_OVERTAKES_TERRITORY: EventType.BATTLES,
    SubEventType.CHEMICAL_WEAPON: EventType.EXPLOSIONS,
    SubEventType.AIR_DRONE_STRIKE: EventType.EXPLOSIONS,
    SubEventType.SUICIDE_BOMB: EventType.EXPLOSIONS,
    SubEventType.SHELLING: EventType.EXPLOSIONS,
    SubEventType.REMOTE_EXPLOSIVE: EventType.EXPLOSIONS,
    SubEventType.GRENADE: EventType.EXPLOSIONS,
    SubEventType.SEXUAL_VIOLENCE: EventType.VIOLENCE_AGAINST_CIVILIANS,
    SubEventType.ATTACK: EventType.VIOLENCE_AGAINST_CIVILIANS,
    SubEventType.ABDUCTION: EventType.VIOLENCE_AGAINST_CIVILIANS,
    SubEventType.PEACEFUL_PROTEST: EventType.PROTESTS,
    SubEventType.PROTEST_WITH_INTERVENTION: EventType.PROTESTS,
    SubEventType.EXCESSIVE_FORCE: EventType.PROTESTS,
    SubEventType.VIOLENT_DEMONSTRATION: EventType.RIOTS,
    SubEventType.MOB_VIOLENCE: EventType.RIOTS,
    SubEventType.AGREEMENT: EventType.STRATEGIC,
    SubEventType.ARRESTS: EventType.STRATEGIC,
    SubEventType.CHANGE_TO_GROUP: EventType.STRATEGIC,
    SubEventType.DISRUPTED_WEAPONS_USE: EventType.STRATEGIC,
    SubEventType.HEADQUARTERS_ESTABLISHED: EventType.STRATEGIC,
    SubEventType.LOOTING: EventType.STRATEGIC,
    SubEventType.NON_VIOLENT_TRANSFER: EventType.STRATEGIC,
    SubEventType.OTHER: EventType.STRATEGIC,
}


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class LocationPrecision(models.TextChoices):
    """How closely ``geom`` pins the incident. ACLED geo_precision: exact/neighbourhood
    -> 1, town -> 2, district and wider -> 3 (see ACLED_GEO_PRECISION)."""

    EXACT = "exact", _("Exact point")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    TOWN = "town", _("Town or city")
    DISTRICT = "district", _("District")
    GOVERNORATE = "governorate", _("Governorate")
    COUNTRY = "country", _("Country")


ACLED_GEO_PRECISION = {
    LocationPrecision.EXACT: 1,
    LocationPrecision.NEIGHBOURHOOD: 1,
    LocationPrecision.TOWN: 2,
    LocationPrecision.DISTRICT: 3,
    LocationPrecision.GOVERNORATE: 3,
    LocationPrecision.COUNTRY: 3,
}


class LocationMethod(models.TextChoices):
    GEOCODED = "geocoded", _("Geocoded from a place name")
    MANUAL = "manual", _("Placed by hand")
    REPORTED = "reported", _("Coordinates reported by a source")


class IncidentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# Columns kept by events.services.derived: writing only these changes no content.
DERIVED_FIELDS = frozenset(
    {
        "updated_at",
        "render_version",
        "feature_json",
        "flat_perpetrators",
        "flat_targets",
        "flat_sources",
        "flat_claims",
        "fatalities_low",
        "fatalities_best",
        "fatalities_high",
        "injured_low",
        "injured_high",
    }
)


class IncidentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """A bulk change of content moves ``updated_at`` and re-renders the stored
        export texts of the rows it changed, so a download never shows an older
        title than the map."""
        if set(kwargs) <= DERIVED_FIELDS:
            return super().update(**kwargs)
        from django.utils import timezone

        from events.services.derived import incidents_changed

        ids = list(self.order_by().values_list("pk", flat=True))
        # A new status may take published rows out of public view.
        was_public = "status" in kwargs and self.filter(status=IncidentStatus.PUBLISHED).exists()
        kwargs.setdefault("updated_at", timezone.now())
        count = super().update(**kwargs)
        incidents_changed(ids=ids, figures=False, touch=False, was_public=was_public, using=self.db)
        return count

    def update_derived(self, **kwargs):
        """Write derived columns only (events.services.derived)."""
        assert set(kwargs) <= DERIVED_FIELDS, kwargs
        return super().update(**kwargs)

    def published(self):
        return self.filter(status=IncidentStatus.PUBLISHED)

    def real(self):
        return self.filter(synthetic=False)

    def in_period(self, *, start=None, end=None):
        """Incidents whose date span overlaps [start, end] (either bound optional)."""
        qs = self
        if start is not None:
            qs = qs.filter(date_end__gte=start)
        if end is not None:
            qs = qs.filter(date_start__lte=end)
        return qs

    def with_controller(self):
        """Annotate ``controller_slug``: the actor holding the incident point on its
        start date (held zones win over contested ones)."""
        from events.selectors import control_zone_subquery

        return self.annotate(
            controller_slug=control_zone_subquery(
                point=models.OuterRef("geom"), on=models.OuterRef("date_start"), field="actor__slug"
            )
        )


class Incident(models.Model):
    """One event as researchers code it: where, when (with precision), what type,
    which sources say what, and who is alleged to be responsible."""

    code = models.SlugField(
        unique=True,
        max_length=64,
        help_text=_("Stable public identifier used in URLs."),
        verbose_name=_("code"),
    )
    title = models.CharField(max_length=300, verbose_name=_("title"))
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    event_type = models.CharField(
        max_length=32, choices=EventType.choices, verbose_name=_("event type")
    )
    sub_event_type = models.CharField(
        max_length=40, choices=SubEventType.choices, blank=True, verbose_name=_("sub event type")
    )

    date_start = models.DateField(verbose_name=_("date start"))
    date_end = models.DateField(verbose_name=_("date end"))
    date_precision = models.CharField(
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        verbose_name=_("date precision"),
    )
    time_note = models.CharField(
        max_length=120,
        blank=True,
        help_text=_('Reported time of day, e.g. "late evening".'),
        verbose_name=_("time note"),
    )

    geom = models.PointField(
        srid=4326, null=True, blank=True, spatial_index=True, verbose_name=_("geom")
    )
    location_precision = models.CharField(
        max_length=16,
        choices=LocationPrecision.choices,
        default=LocationPrecision.TOWN,
        verbose_name=_("location precision"),
    )
    uncertainty_m = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_UNCERTAINTY_M)],
        help_text=_("Radius in metres within which the incident happened."),
        verbose_name=_("uncertainty m"),
    )
    location_method = models.CharField(
        max_length=16,
        choices=LocationMethod.choices,
        default=LocationMethod.GEOCODED,
        verbose_name=_("location method"),
    )
    location_note = models.TextField(blank=True, verbose_name=_("location note"))
    place = models.ForeignKey(
        "events.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("place"),
    )
    reported_place_name = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The place name as the sources spell it."),
        verbose_name=_("reported place name"),
    )

    status = models.CharField(
        max_length=16,
        choices=IncidentStatus.choices,
        default=IncidentStatus.DRAFT,
        # No index of its own: (status, date_start) below serves every status filter.
        verbose_name=_("status"),
    )
    synthetic = models.BooleanField(
        default=False,
        help_text=_("Generated test data, never real reporting."),
        verbose_name=_("synthetic"),
    )
    external_id = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text=_("e.g. ACLED event_id_cnty"),
        verbose_name=_("external id"),
    )

    # Derived from the casualty claims (events.services.refresh_casualty_figures).
    fatalities_low = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("fatalities low")
    )
    fatalities_best = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("fatalities best")
    )
    fatalities_high = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("fatalities high")
    )
    injured_low = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("injured low")
    )
    injured_high = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("injured high")
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, db_index=True, verbose_name=_("updated at"))
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("published at")
    )
    # Pre-rendered for exports (events.exports.stored), kept by
    # events.services.refresh_incident_features: the GeoJSON Feature (all but the
    # controller at the event) and the nested values as GeoPackage and KML write them.
    feature_json = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("feature json")
    )
    flat_perpetrators = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("flat perpetrators")
    )
    flat_targets = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("flat targets")
    )
    flat_sources = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("flat sources")
    )
    flat_claims = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("flat claims")
    )
    # events.exports.stored.RENDER_VERSION of the stored texts; an older one (or 0,
    # never rendered) is rendered again on export and by manage.py refresh_features.
    render_version = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("render version")
    )

    actors = models.ManyToManyField(
        Actor,
        through="events.Attribution",
        related_name="incidents",
        blank=True,
        verbose_name=_("actors"),
    )

    objects = IncidentQuerySet.as_manager()
    history = LeanHistory(
        indexed=("status",),
        excluded_fields=[
            "updated_at",
            "feature_json",
            "flat_perpetrators",
            "flat_targets",
            "flat_sources",
            "flat_claims",
            "render_version",
        ],
    )

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-date_start", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_start__lte=F("date_end")),
                name="incident_dates_ordered",
                violation_error_message=_("The start date must not be after the end date."),
            ),
            models.CheckConstraint(
                condition=~Q(status=IncidentStatus.PUBLISHED) | Q(geom__isnull=False),
                name="incident_published_has_location",
                violation_error_message=_("A published incident must have a location."),
            ),
        ]
        indexes = [models.Index(fields=["status", "date_start"])]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    def clean(self):
        from events.validation import incident_problems

        problems = incident_problems(self)
        if problems:
            raise ValidationError(problems)
        if self.sub_event_type:
            parent = SUB_EVENT_PARENT.get(SubEventType(self.sub_event_type))
            if parent and parent != self.event_type:
                raise ValidationError(
                    {
                        "sub_event_type": _(
                            "“%(sub_type)s” belongs to “%(type)s”, not to the chosen event type."
                        )
                        % {
                            "sub_type": SubEventType(self.sub_event_type).label,
                            "type": parent.label,
                        }
                    }
                )

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("events:incident-detail", kwargs={"code": self.code})

    @property
    def controller_at_event(self):
        """The Actor holding the incident's point on its start date, or None."""
        from events.selectors import controller_at

        if self.geom is None:
            return None
        return controller_at(point=self.geom, on=self.date_start)
