"""Gazetteer, actors, and read-only lists of sources, claims and attributions.

Sources, claims and attributions are edited on their incident's page, where the
workflow applies; their own lists are for searching and reading only."""

from django.contrib import admin
from leaflet.admin import LeafletGeoAdminMixin

from events import services
from events.admin.history import GuardedHistoryAdmin
from events.models import Actor, ActorAlias, Attribution, CasualtyClaim, Place, PlaceName, Source


class ActorAliasInline(admin.TabularInline):
    """Dataset names of the actor (events/data/actor_aliases.csv and editors' mappings)."""

    model = ActorAlias
    extra = 1
    fields = ["name", "dataset", "source"]


@admin.register(Actor)
class ActorAdmin(GuardedHistoryAdmin):
    list_display = ["name", "slug", "kind", "colour", "reviewed"]
    list_filter = ["reviewed", "kind"]
    search_fields = ["name", "name_ar", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline]

    def save_model(self, request, obj, form, change):
        services.save_actor(actor=obj, user=request.user)


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 1
    fields = ["name", "language", "script", "is_preferred", "key"]
    readonly_fields = ["key"]


@admin.register(Place)
class PlaceAdmin(LeafletGeoAdminMixin, GuardedHistoryAdmin):
    list_display = ["name", "name_ar", "kind", "parent", "geonames_id"]
    list_filter = ["kind"]
    search_fields = ["name", "name_ar", "names__name", "slug"]
    autocomplete_fields = ["parent"]
    inlines = [PlaceNameInline]

    def save_model(self, request, obj, form, change):
        services.save_place(place=obj, user=request.user)


class ReadOnlyThroughIncident(GuardedHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(ReadOnlyThroughIncident):
    list_display = ["name", "reported_via", "kind", "published_on", "incident"]
    search_fields = ["name", "reported_via", "excerpt", "incident__code", "incident__title"]
    list_filter = ["kind"]
    list_select_related = ["incident"]


@admin.register(CasualtyClaim)
class CasualtyClaimAdmin(ReadOnlyThroughIncident):
    list_display = ["incident", "source", "outcome", "population", "min_value", "max_value"]
    list_filter = ["outcome", "population"]
    search_fields = ["incident__code", "incident__title", "source__name", "wording"]
    list_select_related = ["incident", "source"]


@admin.register(Attribution)
class AttributionAdmin(ReadOnlyThroughIncident):
    list_display = ["incident", "actor", "role", "stance", "source"]
    list_filter = ["role", "stance", "actor"]
    search_fields = ["incident__code", "incident__title", "actor__name"]
    list_select_related = ["incident", "actor", "source"]
