"""Editors' admin. Thin: validation lives in models, writes in services."""

from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin
from simple_history.admin import SimpleHistoryAdmin

from events.models import (
    Actor,
    Attribution,
    CasualtyClaim,
    ControlZone,
    Incident,
    Place,
    PlaceName,
    Source,
)


class SourceInline(admin.StackedInline):
    model = Source
    extra = 0


class CasualtyClaimInline(admin.TabularInline):
    model = CasualtyClaim
    extra = 0


class AttributionInline(admin.TabularInline):
    model = Attribution
    extra = 0
    autocomplete_fields = ["actor"]


@admin.register(Incident)
class IncidentAdmin(LeafletGeoAdmin, SimpleHistoryAdmin):
    list_display = [
        "code",
        "title",
        "date_start",
        "event_type",
        "status",
        "fatalities_low",
        "fatalities_high",
    ]
    list_filter = ["status", "event_type", "date_precision", "location_precision"]
    search_fields = ["code", "title", "summary", "reported_place_name", "place__name"]
    autocomplete_fields = ["place"]
    readonly_fields = [
        "fatalities_low",
        "fatalities_best",
        "fatalities_high",
        "injured_low",
        "injured_high",
        "created_at",
        "updated_at",
        "published_at",
    ]
    inlines = [SourceInline, CasualtyClaimInline, AttributionInline]
    date_hierarchy = "date_start"


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "colour"]
    search_fields = ["name", "name_ar", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 1
    fields = ["name", "language", "script", "is_preferred", "key"]
    readonly_fields = ["key"]


@admin.register(Place)
class PlaceAdmin(LeafletGeoAdmin, SimpleHistoryAdmin):
    list_display = ["name", "name_ar", "kind", "parent", "geonames_id"]
    list_filter = ["kind"]
    search_fields = ["name", "name_ar", "names__name", "slug"]
    autocomplete_fields = ["parent"]
    inlines = [PlaceNameInline]


@admin.register(ControlZone)
class ControlZoneAdmin(LeafletGeoAdmin, SimpleHistoryAdmin):
    list_display = ["code", "actor", "valid_from", "valid_to", "state", "confidence"]
    list_filter = ["actor", "state", "confidence", "approximate"]
    search_fields = ["code", "description", "source"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "reported_via", "kind", "published_on", "incident"]
    search_fields = ["name", "reported_via", "excerpt", "incident__code"]
    list_filter = ["kind"]
    autocomplete_fields = ["incident"]


@admin.register(CasualtyClaim)
class CasualtyClaimAdmin(SimpleHistoryAdmin):
    list_display = ["incident", "source", "outcome", "population", "min_value", "max_value"]
    list_filter = ["outcome", "population"]
    autocomplete_fields = ["incident"]


@admin.register(Attribution)
class AttributionAdmin(SimpleHistoryAdmin):
    list_display = ["incident", "actor", "role", "stance", "source"]
    list_filter = ["role", "stance", "actor"]
    autocomplete_fields = ["incident", "actor"]
