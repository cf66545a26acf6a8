"""Forms of the editors' admin."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.imports.importer import human_size
from events.models import Incident, IncidentStatus


class GeocoderInput(forms.TextInput):
    """A search box for the gazetteer; static/js/admin/geocoder.js lists the matches
    from /api/geocode and fills place, point, precision and uncertainty."""

    def __init__(self, attrs=None):
        base = {
            "class": "vTextField geocoder-input",
            "autocomplete": "off",
            "placeholder": _("Type the place as the source spells it, e.g. Al-Qusor"),
        }
        super().__init__({**base, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-geocode-url"] = reverse("api:geocode")
        return context


class IncidentAdminForm(forms.ModelForm):
    find_place = forms.CharField(
        label=_("Find place"),
        required=False,
        widget=GeocoderInput(),
        help_text=(
            _(
                "Pick a match to set the place, the point on the map, the location precision "
                "and the uncertainty radius in one step. Adjust the point by hand if needed."
            )
        ),
    )

    class Meta:
        model = Incident
        fields = [
            "title",
            "summary",
            "event_type",
            "sub_event_type",
            "date_start",
            "date_end",
            "date_precision",
            "time_note",
            "reported_place_name",
            "place",
            "geom",
            "location_precision",
            "uncertainty_m",
            "location_method",
            "location_note",
            "code",
            "external_id",
            "synthetic",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4, "cols": 80}),
            "location_note": forms.Textarea(attrs={"rows": 2, "cols": 80}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "code" in self.fields:
            self.fields["code"].required = False
            self.fields["code"].help_text = _(
                "Stable public identifier used in URLs. Leave empty to have one made "
                "from the start date."
            )


class UploadForm(forms.Form):
    """An import upload, refused over settings.IMPORT_MAX_BYTES (the file arrives in
    a temporary file, streamed; it is not read further)."""

    file = forms.FileField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s; the import page takes files up to %(limit)s "
                    "(IMPORT_MAX_BYTES). Split it, or import a CSV of any size with "
                    "manage.py import_incidents."
                )
                % {"size": human_size(upload.size), "limit": human_size(limit)}
            )
        return upload


class IncidentImportForm(UploadForm):
    file = forms.FileField(
        help_text=_(
            "CSV in ACLED's or UCDP GED's column layout (.csv) or a GeoJSON "
            "FeatureCollection (.geojson or .json)."
        )
    )
    dry_run = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Dry run"),
        help_text=_("Check the file and show what would change, without writing anything."),
    )
    status = forms.ChoiceField(
        choices=[(IncidentStatus.DRAFT, IncidentStatus.DRAFT.label)],
        initial=IncidentStatus.DRAFT,
        help_text=_("Status of newly created incidents (updated ones keep theirs)."),
    )

    def __init__(self, *args, reviewer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reviewer:
            self.fields["status"].choices = [
                (IncidentStatus.DRAFT, IncidentStatus.DRAFT.label),
                (IncidentStatus.REVIEW, IncidentStatus.REVIEW.label),
                (IncidentStatus.PUBLISHED, IncidentStatus.PUBLISHED.label),
            ]


class ZoneImportForm(UploadForm):
    file = forms.FileField(
        help_text=_(
            "GeoJSON FeatureCollection of (Multi)Polygon features with properties "
            "actor (slug), valid_from, valid_to, state, confidence, source, note; each "
            "feature's id is the zone code (upserted)."
        )
    )
