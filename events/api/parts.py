"""What an incident is made of, under /api/v1/incidents/<code>/: its sources, the
casualty claims each source makes, and the attributions (who is said to have done
it, or been targeted, by whom and how firmly).

Anyone who may see the incident may read them. Writing needs an active staff
account with the part's model permission and the right to edit the incident
itself (events.permissions: Editors their own drafts, Reviewers any incident).
Writes go through ``services.save_incident_part`` / ``delete_incident_part``; the
casualty figures and the exports follow.
"""

from __future__ import annotations

from functools import cached_property

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets

from events import selectors, services
from events.api.permissions import ReadOnlyOrStaffEditor, require_edit_rights
from events.api.viewsets import AtomicWrites, as_api_error
from events.models import Actor, Attribution, CasualtyClaim, Source


class SourceOfIncident(serializers.PrimaryKeyRelatedField):
    """A source (by id) of the incident in the URL."""

    default_error_messages = {
        "does_not_exist": _("Source {pk_value} is not a source of this incident."),
    }

    def get_queryset(self):
        view = self.context.get("view")
        if view is None or getattr(view, "swagger_fake_view", False):
            return Source.objects.none()
        return Source.objects.filter(incident=view.incident)


class SourcePartSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "kind",
            "reported_via",
            "url",
            "published_on",
            "language",
            "excerpt",
        ]


class ClaimPartSerializer(serializers.ModelSerializer):
    source = SourceOfIncident()
    source_name = serializers.StringRelatedField(source="source")
    min = serializers.IntegerField(source="min_value", min_value=0)
    max = serializers.IntegerField(
        source="max_value",
        min_value=0,
        required=False,
        allow_null=True,
        help_text="Empty for an open-ended figure ('at least 22').",
    )

    class Meta:
        model = CasualtyClaim
        fields = ["id", "source", "source_name", "outcome", "population", "min", "max", "wording"]


class AttributionPartSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="slug", queryset=Actor.objects.all())
    actor_name = serializers.CharField(source="actor.name", read_only=True)
    source = SourceOfIncident(required=False, allow_null=True)
    source_name = serializers.StringRelatedField(source="source")

    class Meta:
        model = Attribution
        fields = ["id", "actor", "actor_name", "role", "stance", "source", "source_name", "note"]


@extend_schema(
    parameters=[
        OpenApiParameter(
            "incident_code", OpenApiTypes.STR, OpenApiParameter.PATH, description="Public code."
        )
    ]
)
class IncidentPartViewSet(AtomicWrites, viewsets.ModelViewSet):
    """One kind of part of one incident; subclasses name the model."""

    model = None
    api_names: dict[str, str] = {}  # model field -> API field, for error messages
    permission_classes = [ReadOnlyOrStaffEditor]
    pagination_class = None  # an incident has a handful of each
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    @cached_property
    def incident(self):
        incidents = selectors.incidents_visible_to(user=self.request.user)
        return get_object_or_404(incidents, code=self.kwargs["incident_code"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.model.objects.filter(incident=self.incident).order_by("id")

    def _save(self, serializer, part):
        require_edit_rights(self.request.user, self.incident)
        try:
            serializer.instance = services.save_incident_part(
                part=part, data=dict(serializer.validated_data), user=self.request.user
            )
        except DjangoValidationError as exc:
            raise as_api_error(exc, renamed=self.api_names) from None

    def perform_create(self, serializer):
        self._save(serializer, self.model(incident=self.incident))

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)

    def perform_destroy(self, instance):
        require_edit_rights(self.request.user, self.incident)
        services.delete_incident_part(part=instance, user=self.request.user)


class SourceViewSet(IncidentPartViewSet):
    """The incident's sources. Deleting a source deletes the claims it makes."""

    model = Source
    serializer_class = SourcePartSerializer


class ClaimViewSet(IncidentPartViewSet):
    """What each source says about the dead and injured, one claim per outcome.
    The incident's low/best/high figures are derived from these."""

    model = CasualtyClaim
    serializer_class = ClaimPartSerializer
    api_names = {"min_value": "min", "max_value": "max"}


class AttributionViewSet(IncidentPartViewSet):
    """Who is said to have done it (or been targeted), by which source, and how
    firmly (alleged, claimed, confirmed, denied)."""

    model = Attribution
    serializer_class = AttributionPartSerializer


PART_VIEWSETS = {
    "sources": SourceViewSet,
    "claims": ClaimViewSet,
    "attributions": AttributionViewSet,
}
