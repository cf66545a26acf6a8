"""The browsable, documented REST API under /api/v1/ (Django REST framework).

Read-only for the public (published, real incidents; real control zones). Staff
with the model permissions may create and edit incidents: a new incident always
starts as a draft, and only holders of ``events.publish_incident`` may publish or
archive one (or change a published or archived one's status).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, viewsets
from rest_framework_gis.pagination import GeoJsonPagination

from events import selectors, services
from events.api.permissions import (
    PUBLISH_PERMISSION,
    PUBLISHER_STATUSES,
    ReadOnlyOrStaffEditor,
    can_publish,
    require_edit_rights,
)
from events.api.serializers import ActorSerializer, ControlZoneSerializer, IncidentSerializer
from events.filters import BadQuery, parse_date_param, parse_incident_filters
from events.models import Actor, IncidentStatus


class BadRequest(exceptions.APIException):
    """400 with the project's error shape: {"error": "..."}."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__({"error": message})


class Pages(GeoJsonPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


def _filter_parameters():
    text = OpenApiTypes.STR
    return [
        OpenApiParameter("from", OpenApiTypes.DATE, description="Span overlaps from this day."),
        OpenApiParameter("to", OpenApiTypes.DATE, description="Span overlaps up to this day."),
        OpenApiParameter("bbox", text, description="minlon,minlat,maxlon,maxlat (WGS 84)."),
        OpenApiParameter("type", text, description="ACLED event type(s), comma-separated."),
        OpenApiParameter("actor", text, description="Actor slug(s), comma-separated."),
        OpenApiParameter("role", text, enum=["perpetrator", "target"]),
        OpenApiParameter("min_fatalities", OpenApiTypes.INT),
        OpenApiParameter("q", text, description="Free text (titles, summaries, places)."),
        OpenApiParameter("controller", text, description="Actor holding the point that day."),
        OpenApiParameter(
            "updated_since", OpenApiTypes.DATETIME, description="Changed since (ISO date/time)."
        ),
    ]


def as_api_error(exc: DjangoValidationError, renamed=None) -> serializers.ValidationError:
    """A model's ValidationError as the API's 400, fields under the API's names
    (``renamed``: model field -> API field)."""
    if hasattr(exc, "error_dict"):
        renamed = renamed or {}
        return serializers.ValidationError(
            {renamed.get(k, k): v for k, v in exc.message_dict.items()}
        )
    return serializers.ValidationError({"non_field_errors": exc.messages})


class AtomicWrites:
    """A write and the response that shows it succeed or fail together: nothing is
    kept if the response cannot be built."""

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        return super().update(request, *args, **kwargs)

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        return super().destroy(request, *args, **kwargs)


@extend_schema_view(list=extend_schema(parameters=_filter_parameters()))
class IncidentViewSet(AtomicWrites, viewsets.ModelViewSet):
    """Incidents as GeoJSON Features. The list takes the same filters as
    /api/incidents.geojson and is paginated (``page``, ``page_size``)."""

    serializer_class = IncidentSerializer
    permission_classes = [ReadOnlyOrStaffEditor]
    pagination_class = Pages
    lookup_field = "code"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        qs = selectors.incidents_visible_to(user=self.request.user)
        qs = (
            qs.select_related("place")
            .prefetch_related(*selectors.incident_detail_prefetches())
            .with_controller()
        )
        if self.action == "list":
            try:
                qs = parse_incident_filters(self.request.query_params).apply(qs)
            except BadQuery as exc:
                raise BadRequest(str(exc)) from None
        return qs.order_by("-date_start", "code")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        reason = data.pop("reason", None)
        if data.get("status", IncidentStatus.DRAFT) != IncidentStatus.DRAFT:
            raise serializers.ValidationError(
                {"status": _("A new incident starts as a draft; change its status afterwards.")}
            )
        try:
            serializer.instance = services.create_incident(
                data=data, user=self.request.user, reason=reason
            )
        except DjangoValidationError as exc:
            raise as_api_error(exc) from None

    def perform_update(self, serializer):
        incident = serializer.instance
        data = dict(serializer.validated_data)
        reason = data.pop("reason", None)
        status = data.get("status", incident.status)
        if status == incident.status:
            data.pop("status", None)
        else:
            touches_publication = (
                status in PUBLISHER_STATUSES or incident.status in PUBLISHER_STATUSES
            )
            if touches_publication and not can_publish(self.request.user):
                raise exceptions.PermissionDenied(
                    _("Publishing or archiving needs the %(permission)s permission.")
                    % {"permission": PUBLISH_PERMISSION}
                )
        if set(data) - {"status"}:
            require_edit_rights(self.request.user, incident)
        try:
            serializer.instance = services.update_incident(
                incident=incident, data=data, user=self.request.user, reason=reason
            )
        except DjangoValidationError as exc:
            raise as_api_error(exc) from None
        except services.WorkflowError as exc:
            if exc.forbidden:
                raise exceptions.PermissionDenied(str(exc)) from None
            raise serializers.ValidationError({"status": [str(exc)]}) from None


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE, description="In force that day.")]
    )
)
class ControlZoneViewSet(viewsets.ReadOnlyModelViewSet):
    """Territorial-control zones (approximate outlines) with their validity."""

    serializer_class = ControlZoneSerializer
    pagination_class = Pages
    lookup_field = "code"

    def get_queryset(self):
        try:
            day = parse_date_param(self.request.query_params, "date")
        except BadQuery as exc:
            raise BadRequest(str(exc)) from None
        if day is not None:
            return selectors.zones_on(day=day).order_by("valid_from", "code")
        return selectors.zones_overlapping().order_by("valid_from", "code")


class ActorViewSet(viewsets.ReadOnlyModelViewSet):
    """Parties to the conflict."""

    serializer_class = ActorSerializer
    lookup_field = "slug"
    queryset = Actor.objects.order_by("name")
