"""REST API serializers (Django REST framework + djangorestframework-gis)."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

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
    """An incident as a GeoJSON Feature. Claims, attributions and sources are shown
    here and edited under /api/v1/incidents/<code>/{sources,claims,attributions}/
    (events.api.parts); casualty figures are derived from the claims."""

    code = serializers.SlugField(required=False, max_length=64)
    place = serializers.SlugRelatedField(
        slug_field="slug", queryset=Place.objects.all(), required=False, allow_null=True
    )
    place_name = serializers.SerializerMethodField()
    place_ar = serializers.SerializerMethodField()
    reason = serializers.CharField(
        write_only=True,
        required=False,
        max_length=200,
        help_text="Why this change was made; kept in the incident's history.",
    )
    claims = CasualtyClaimSerializer(many=True, read_only=True)
    attributions = AttributionSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    controller_at_event = serializers.CharField(
        source="controller_slug", read_only=True, allow_null=True, default=None
    )
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    status = serializers.ChoiceField(choices=IncidentStatus.choices, required=False)

    class Meta:
        model = Incident
        geo_field = "geom"
        id_field = "code"
        fields = [
            "code",
            "title",
            "summary",
            "event_type",
            "sub_event_type",
            "date_start",
            "date_end",
            "date_precision",
            "time_note",
            "place",
            "place_name",
            "place_ar",
            "reported_place_name",
            "location_precision",
            "uncertainty_m",
            "location_method",
            "location_note",
            "fatalities_low",
            "fatalities_best",
            "fatalities_high",
            "injured_low",
            "injured_high",
            "claims",
            "attributions",
            "sources",
            "controller_at_event",
            "status",
            "reason",
            "url",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        extra_kwargs = {"date_end": {"required": False}}

    # Not ``source="place.name"`` with a default: in a partial update DRF skips such
    # a field when there is no place, and the Feature could not be built (a 500 after
    # the change was saved).
    def get_place_name(self, obj) -> str:
        return obj.place.name if obj.place_id else ""

    def get_place_ar(self, obj) -> str:
        return obj.place.name_ar if obj.place_id else ""

    def validate_code(self, value):
        if self.instance is not None and value != self.instance.code:
            raise serializers.ValidationError("The public code cannot change.")
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
