"""POST /api/v1/extract/: a report's text to draft incident values (events.extraction).
Staff only; nothing is saved."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from events.extraction import MAX_TEXT_CHARS, ReportInputError, extract_report, parse_report

from .permissions import is_staff


class IsStaff(BasePermission):
    message = _("Only staff accounts may use the report extractor.")

    def has_permission(self, request, view):
        return is_staff(request.user)


REQUEST = inline_serializer(
    "ExtractReportRequest",
    {
        "text": serializers.CharField(max_length=MAX_TEXT_CHARS),
        "dateline": serializers.DateField(),
        "outlet": serializers.CharField(required=False),
        "url": serializers.URLField(required=False),
        "id": serializers.CharField(required=False),
    },
)


class ExtractReportView(APIView):
    permission_classes = [IsStaff]

    @extend_schema(request=REQUEST, responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT})
    def post(self, request):
        try:
            report = parse_report(request.data)
        except ReportInputError as exc:
            return Response({"error": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(extract_report(report))
