"""List filters for the incident list."""

from django.contrib import admin

from events.models import Actor, Place, PlaceKind
from events.selectors import incidents_in_governorate


class GovernorateFilter(admin.SimpleListFilter):
    title = "governorate"
    parameter_name = "governorate"

    def lookups(self, request, model_admin):
        return list(
            Place.objects.filter(kind=PlaceKind.GOVERNORATE)
            .order_by("name")
            .values_list("slug", "name")
        )

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        governorate = Place.objects.filter(kind=PlaceKind.GOVERNORATE, slug=self.value()).first()
        if governorate is None:
            return queryset.none()
        return incidents_in_governorate(queryset, governorate)


class ActorFilter(admin.SimpleListFilter):
    """Incidents attributing any role to the actor (perpetrator or target)."""

    title = "actor"
    parameter_name = "actor"

    def lookups(self, request, model_admin):
        return list(
            Actor.objects.filter(attributions__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(
            pk__in=queryset.model.objects.filter(attributions__actor__slug=self.value()).values(
                "pk"
            )
        )
