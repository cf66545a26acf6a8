from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PlaceKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    GOVERNORATE = "governorate", _("Governorate")
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Sub-district")
    CITY = "city", _("City")
    TOWN = "town", _("Town")
    VILLAGE = "village", _("Village")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    LANDMARK = "landmark", _("Landmark / facility")


class PlaceQuerySet(models.QuerySet):
    def located(self):
        return self.filter(geom__isnull=False)


class Place(models.Model):
    """A gazetteer entry. ``geom`` may be empty for a name known without coordinates;
    such a place is located through its nearest located ancestor."""

    slug = models.SlugField(unique=True, max_length=120, verbose_name=_("slug"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    name_ar = models.CharField(_("Arabic name"), max_length=200, blank=True)
    kind = models.CharField(max_length=16, choices=PlaceKind.choices, verbose_name=_("kind"))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    geom = models.PointField(
        srid=4326, null=True, blank=True, spatial_index=True, verbose_name=_("geom")
    )
    area = models.MultiPolygonField(
        srid=4326, null=True, blank=True, spatial_index=True, verbose_name=_("area")
    )
    coord_precision_m = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("How far the point may be from the feature it names."),
        verbose_name=_("coord precision m"),
    )
    geonames_id = models.PositiveBigIntegerField(
        null=True, blank=True, unique=True, verbose_name=_("geonames id")
    )
    country_code = models.CharField(max_length=2, default="SY", verbose_name=_("country code"))
    population = models.PositiveBigIntegerField(null=True, blank=True, verbose_name=_("population"))
    source = models.CharField(max_length=300, blank=True, verbose_name=_("source"))
    attestations = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "Further sources that name this place, each with its own name, point and "
            "precision: [{source, ref, name, lat, lon, precision_m, events}]."
        ),
        verbose_name=_("attestations"),
    )
    reported_events = models.PositiveIntegerField(
        default=0,
        help_text=_(
            "Conflict events the cited datasets (UCDP GED) locate at this place: the "
            "prior that ranks same-named places when a query gives no context."
        ),
        verbose_name=_("reported events"),
    )
    notes = models.TextField(blank=True, verbose_name=_("notes"))

    objects = PlaceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="place_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def located_ancestor(self):
        """The place itself if it has a point, else the nearest ancestor that does."""
        node, seen = self, set()
        while node is not None and node.pk not in seen:
            if node.geom is not None:
                return node
            seen.add(node.pk)
            node = node.parent
        return None


class PlaceName(models.Model):
    """One spelling of a place: official, transliteration variant or Arabic script.
    ``key`` is the normalised form used for lookup (events.geocoding.normalize)."""

    class Script(models.TextChoices):
        LATIN = "Latn", _("Latin")
        ARABIC = "Arab", _("Arabic")
        OTHER = "Zyyy", _("Other")

    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="names", verbose_name=_("place")
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    language = models.CharField(
        max_length=8, blank=True, help_text=_("BCP 47, e.g. en, ar"), verbose_name=_("language")
    )
    script = models.CharField(max_length=4, choices=Script.choices, verbose_name=_("script"))
    key = models.CharField(max_length=200, db_index=True, editable=False, verbose_name=_("key"))
    is_preferred = models.BooleanField(default=False, verbose_name=_("is preferred"))

    class Meta:
        verbose_name = _("place name")
        verbose_name_plural = _("place names")
        ordering = ["place", "-is_preferred", "name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="placename_unique_per_place")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        from events.geocoding.normalize import normalize_name

        self.key = normalize_name(self.name)
        super().save(*args, **kwargs)


class DataLoad(models.Model):
    """What a loader of packaged data last loaded under ``name`` (the gazetteer's
    inputs, a dataset file): its fingerprint (a checksum of the files, package
    versions and loader code), so an unchanged load is skipped at start-up."""

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    fingerprint = models.CharField(max_length=64, verbose_name=_("fingerprint"))
    rows = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("rows"))
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    loaded_at = models.DateTimeField(auto_now=True, verbose_name=_("loaded at"))

    def __str__(self) -> str:
        return f"{self.name} ({self.fingerprint[:12]})"
