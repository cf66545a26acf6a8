"""REST API serializers (Django REST framework + djangorestframework-gis)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from events.exports.rows import timestamp
from events.models import (
    Actor,
    Attribution,
    CasualtyClaim,
    ControlZone,
    Incident,
    IncidentStatus,
    Place,
    Source,
)
from events.properties import EDITING_PROPERTIES, INCIDENT_PROPERTIES
from events.selectors import controller_at


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["name", "kind", "reported_via", "url", "published_on"]


class CasualtyClaimSerializer(serializers.ModelSerializer):
    source = serializers.StringRelatedField()
    min = serializers.IntegerField(source="min_value")
    max = serializers.IntegerField(source="max_value", allow_null=True)

    class Meta:
        model = CasualtyClaim
        fields = ["source", "outcome", "population", "min", "max", "wording"]


class AttributionSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actor_name = serializers.CharField(source="actor.name", read_only=True)
    source = serializers.StringRelatedField()

    class Meta:
        model = Attribution
        fields = ["actor", "actor_name", "role", "stance", "source"]


class IncidentSerializer(GeoFeatureModelSerializer):
    """An incident as a GeoJSON Feature with the export's properties
    (events.properties.INCIDENT_PROPERTIES, same names and values) and the editing
    ones (EDITING_PROPERTIES). ``place`` is the gazetteer slug, read and written.
    Claims, attributions and sources are shown here and edited under
    /api/v1/incidents/<code>/{sources,claims,attributions}/ (events.api.parts);
    casualty figures are derived from the claims."""

    code = serializers.SlugField(required=False, max_length=64)
    place = serializers.SlugRelatedField(
        slug_field="slug", queryset=Place.objects.all(), required=False, allow_null=True
    )
    place_name = serializers.SerializerMethodField()
    place_name_ar = serializers.SerializerMethodField()
    reason = serializers.CharField(
        write_only=True,
        required=False,
        max_length=200,
        help_text="Why this change was made; kept in the incident's history.",
    )
    claims = CasualtyClaimSerializer(many=True, read_only=True)
    attributions = AttributionSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    controller_at_event = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    status = serializers.ChoiceField(choices=IncidentStatus.choices, required=False)
    updated_at = serializers.SerializerMethodField()

    class Meta:
        model = Incident
        geo_field = "geom"
        id_field = "code"
        fields = [*INCIDENT_PROPERTIES, *EDITING_PROPERTIES, "reason"]
        extra_kwargs = {"date_end": {"required": False}}

    def to_representation(self, instance):
        feature = super().to_representation(instance)
        # The code is the Feature's id and, as in the export, its first property.
        feature["properties"] = {"code": feature["id"], **feature["properties"]}
        return feature

    # Not ``source="place.name"`` with a default: in a partial update DRF skips such
    # a field when there is no place, and the Feature could not be built (a 500 after
    # the change was saved).
    def get_place_name(self, incident) -> str:
        """The gazetteer place's name, else the name as reported."""
        return incident.place.name if incident.place_id else incident.reported_place_name

    def get_place_name_ar(self, incident) -> str:
        return incident.place.name_ar if incident.place_id else ""

    def get_controller_at_event(self, incident) -> str | None:
        """The actor holding the point on the start date, annotated by the viewset's
        queryset (``with_controller``); looked up for a just-written incident."""
        if hasattr(incident, "controller_slug"):
            return incident.controller_slug
        if incident.geom is None:
            return None
        actor = controller_at(point=incident.geom, on=incident.date_start)
        return actor.slug if actor else None

    def get_updated_at(self, incident) -> str | None:
        """UTC, whole seconds, as the exports write it."""
        return timestamp(incident.updated_at)

    def validate_code(self, value):
        if self.instance is not None and value != self.instance.code:
            raise serializers.ValidationError(_("The public code cannot change."))
        return value


class ControlZoneSerializer(GeoFeatureModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actor_name = serializers.CharField(source="actor.name", read_only=True)

    class Meta:
        model = ControlZone
        geo_field = "geom"
        id_field = "code"
        fields = [
            "code",
            "actor",
            "actor_name",
            "valid_from",
            "valid_to",
            "state",
            "confidence",
            "approximate",
            "source",
            "description",
        ]


class ActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["slug", "name", "name_ar", "kind", "colour", "description"]
