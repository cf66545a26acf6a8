from django.contrib.gis.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class PlaceKind(models.TextChoices):
    COUNTRY = "country", "Country"
    GOVERNORATE = "governorate", "Governorate"
    DISTRICT = "district", "District"
    SUBDISTRICT = "subdistrict", "Sub-district"
    CITY = "city", "City"
    TOWN = "town", "Town"
    VILLAGE = "village", "Village"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"
    LANDMARK = "landmark", "Landmark / facility"


class PlaceQuerySet(models.QuerySet):
    def located(self):
        return self.filter(geom__isnull=False)


class Place(models.Model):
    """A gazetteer entry. ``geom`` may be empty for a name known without coordinates;
    such a place is located through its nearest located ancestor."""

    slug = models.SlugField(unique=True, max_length=120)
    name = models.CharField(max_length=200)
    name_ar = models.CharField("Arabic name", max_length=200, blank=True)
    kind = models.CharField(max_length=16, choices=PlaceKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    geom = models.PointField(srid=4326, null=True, blank=True, spatial_index=True)
    area = models.MultiPolygonField(srid=4326, null=True, blank=True, spatial_index=True)
    coord_precision_m = models.PositiveIntegerField(
        null=True, blank=True, help_text="How far the point may be from the feature it names."
    )
    geonames_id = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    country_code = models.CharField(max_length=2, default="SY")
    population = models.PositiveBigIntegerField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    attestations = models.JSONField(
        default=list,
        blank=True,
        help_text="Further sources that name this place, each with its own name, point and "
        "precision: [{source, ref, name, lat, lon, precision_m, events}].",
    )
    reported_events = models.PositiveIntegerField(
        default=0,
        help_text="Conflict events the cited datasets (UCDP GED) locate at this place: the "
        "prior that ranks same-named places when a query gives no context.",
    )
    notes = models.TextField(blank=True)

    objects = PlaceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
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
        LATIN = "Latn", "Latin"
        ARABIC = "Arab", "Arabic"
        OTHER = "Zyyy", "Other"

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    language = models.CharField(max_length=8, blank=True, help_text="BCP 47, e.g. en, ar")
    script = models.CharField(max_length=4, choices=Script.choices)
    key = models.CharField(max_length=200, db_index=True, editable=False)
    is_preferred = models.BooleanField(default=False)

    class Meta:
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

    name = models.CharField(max_length=200, unique=True)
    fingerprint = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.fingerprint[:12]})"
