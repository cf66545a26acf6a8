"""Forms of the editors' admin."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.exports.formats import FORMATS
from events.filters import BadQuery, parse_incident_filters
from events.imports.importer import human_size
from events.jobs import broker_configured
from events.models import Incident, IncidentStatus, JobKind


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

    def upload_limit(self, upload) -> int:
        return settings.IMPORT_MAX_BYTES

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = self.upload_limit(upload)
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
    background = forms.BooleanField(
        required=False,
        label=_("Run in the background"),
        help_text=_(
            "Run the import as a background job and follow its progress on the "
            "job's page (for large files). Without a queue configured it runs at once."
        ),
    )

    def __init__(self, *args, reviewer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["background"].initial = broker_configured()
        if reviewer:
            self.fields["status"].choices = [
                (IncidentStatus.DRAFT, IncidentStatus.DRAFT.label),
                (IncidentStatus.REVIEW, IncidentStatus.REVIEW.label),
                (IncidentStatus.PUBLISHED, IncidentStatus.PUBLISHED.label),
            ]

    def upload_limit(self, upload) -> int:
        """A CSV imported in the background is read row by row by the job, so it may
        be larger (JOBS_IMPORT_MAX_BYTES); GeoJSON is read whole either way."""
        geojson = upload.name.lower().endswith((".geojson", ".json"))
        if self.data.get("background") and not geojson:
            return max(settings.JOBS_IMPORT_MAX_BYTES, settings.IMPORT_MAX_BYTES)
        return settings.IMPORT_MAX_BYTES


class ZoneImportForm(UploadForm):
    file = forms.FileField(
        help_text=_(
            "GeoJSON FeatureCollection of (Multi)Polygon features with properties "
            "actor (slug), valid_from, valid_to, state, confidence, source, note; each "
            "feature's id is the zone code (upserted)."
        )
    )


class JobStartForm(UploadForm):
    """Start an export, a batch extraction or (superusers) a refresh of the stored
    export texts as a background job."""

    kind = forms.ChoiceField(
        choices=[
            (JobKind.EXPORT, _("Export incidents to a file")),
            (JobKind.EXTRACT, _("Extract reports")),
        ],
        label=_("Kind"),
    )
    format = forms.ChoiceField(
        choices=[(name, name) for name in FORMATS],
        initial="geojson",
        label=_("Format"),
        help_text=_("For an export."),
    )
    filters = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Filters"),
        help_text=_(
            "For an export: the API's filters as a query string, e.g. "
            "from=2017-10-01&type=battles (empty: every published incident)."
        ),
    )
    file = forms.FileField(
        required=False,
        label=_("File"),
        help_text=_(
            'For an extraction: JSON Lines, one {"id", "text", "dateline", "outlet", '
            '"url"} per line; the result is a JSON Lines file, one extraction per report.'
        ),
    )
    all = forms.BooleanField(
        required=False,
        label=_("Every incident"),
        help_text=_("For a refresh: re-render every incident, not only stale ones."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_superuser:
            self.fields["kind"].choices += [(JobKind.REFRESH, _("Refresh stored export texts"))]

    def clean_filters(self):
        params = QueryDict(self.cleaned_data["filters"].strip().lstrip("?"))
        try:
            parse_incident_filters(params)
        except BadQuery as exc:
            raise forms.ValidationError(str(exc)) from None
        return {name: params[name] for name in params}

    def clean_file(self):
        return super().clean_file() if self.cleaned_data.get("file") else None

    def clean(self):
        data = super().clean()
        if data.get("kind") == JobKind.EXTRACT and not data.get("file"):
            self.add_error("file", _("An extraction needs a JSON Lines file of reports."))
        return data
