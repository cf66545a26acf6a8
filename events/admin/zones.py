"""Control zones: drawn on a map with validity dates, imported from GeoJSON, and
checked for overlaps with other actors' zones on the same days."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdminMixin

from events import selectors, services
from events.admin.forms import ZoneImportForm
from events.admin.history import GuardedHistoryAdmin
from events.loaders import LoadError, load_control_zones
from events.models import ControlState, ControlZone


def describe(zones) -> str:
    return ", ".join(
        f"{z.code} ({z.actor}, {z.get_state_display().lower()}, {z.valid_from}–{z.valid_to or '…'})"
        for z in zones
    )


class ControlZoneForm(forms.ModelForm):
    """Two actors cannot both hold the same ground on the same day: an overlap with
    another actor's zone is refused unless this zone is marked contested."""

    class Meta:
        model = ControlZone
        fields = [
            "code",
            "actor",
            "state",
            "confidence",
            "valid_from",
            "valid_to",
            "geom",
            "approximate",
            "source",
            "description",
            "synthetic",
        ]

    def clean(self):
        data = super().clean()
        geom, actor = data.get("geom"), data.get("actor")
        if geom is None or actor is None or not data.get("valid_from"):
            return data
        overlaps = selectors.overlapping_zones(
            geom=geom,
            actor_id=actor.pk,
            valid_from=data["valid_from"],
            valid_to=data.get("valid_to"),
            exclude_pk=self.instance.pk,
        )
        held = [z for z in overlaps if z.state == ControlState.HELD]
        if held and data.get("state") == ControlState.HELD:
            self.add_error(
                "state",
                _(
                    "This outline overlaps zones other actors hold on some of the same days: "
                    "%(zones)s. Mark this zone contested, or correct the outline or the dates."
                )
                % {"zones": describe(held)},
            )
        self.overlaps = overlaps
        return data


@admin.register(ControlZone)
class ControlZoneAdmin(LeafletGeoAdminMixin, GuardedHistoryAdmin):
    form = ControlZoneForm
    list_display = [
        "code",
        "actor",
        "valid_from",
        "valid_to",
        "state",
        "confidence",
        "approximate",
        "synthetic",
    ]
    list_filter = ["actor", "state", "confidence", "approximate", "synthetic"]
    search_fields = ["code", "description", "source"]
    date_hierarchy = "valid_from"
    fieldsets = [
        (None, {"fields": ["code", "actor", "state", "confidence"]}),
        (_("Valid"), {"fields": [("valid_from", "valid_to")]}),
        (_("Outline"), {"fields": ["geom", "approximate"]}),
        (_("Provenance"), {"fields": ["source", "description", "synthetic"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def save_model(self, request, obj, form, change):
        services.save_zone(zone=obj, user=request.user)
        overlaps = getattr(form, "overlaps", [])
        if overlaps:
            self.message_user(
                request,
                _("Contested zone %(code)s overlaps %(zones)s.")
                % {"code": obj.code, "zones": describe(overlaps)},
                messages.WARNING,
            )

    def delete_model(self, request, obj):
        services.delete_zone(zone=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for zone in queryset:
            services.delete_zone(zone=zone, user=request.user)

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="events_controlzone_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = ZoneImportForm(request.POST or None, request.FILES or None)
        report, errors, warnings = None, [], []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            raw = upload.read()
            try:
                data = json.loads(raw.decode("utf-8-sig"))
                if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
                    raise ValueError("its top level is not a FeatureCollection")
                features = data.get("features")
                if not isinstance(features, list) or not all(isinstance(f, dict) for f in features):
                    raise ValueError("'features' must be a list of Feature objects")
            except (UnicodeDecodeError, ValueError) as exc:
                errors = [(0, _("Not a GeoJSON FeatureCollection: %(error)s") % {"error": exc})]
            except RecursionError:
                errors = [(0, _("Not a GeoJSON FeatureCollection: the JSON is nested too deeply"))]
            else:
                with tempfile.NamedTemporaryFile(suffix=".geojson") as tmp:
                    tmp.write(raw)
                    tmp.flush()
                    try:
                        report = load_control_zones(path=Path(tmp.name))
                    except LoadError as exc:
                        errors = exc.errors
                if report is not None:
                    warnings = self._overlap_warnings(data)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import control zones"),
            "form": form,
            "report": report,
            "errors": errors,
            "warnings": warnings,
        }
        return TemplateResponse(request, "admin/events/controlzone/import.html", context)

    def _overlap_warnings(self, data) -> list[str]:
        codes = [f.get("id") or (f.get("properties") or {}).get("code") for f in data["features"]]
        warnings = []
        for zone in ControlZone.objects.filter(code__in=codes).select_related("actor"):
            overlaps = selectors.overlapping_zones(
                geom=zone.geom,
                actor_id=zone.actor_id,
                valid_from=zone.valid_from,
                valid_to=zone.valid_to,
                exclude_pk=zone.pk,
            )
            held = [z for z in overlaps if z.state == ControlState.HELD]
            if held and zone.state == ControlState.HELD:
                warnings.append(
                    f"{zone.code} ({zone.actor}, held) overlaps {describe(held)}: "
                    "mark one of them contested or correct the outlines."
                )
        return warnings
