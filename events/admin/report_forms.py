"""Forms of the admin page "New incident from a report" (events.admin.report_extract):
the report as pasted, then the draft the extractor proposes, field by field, for
the editor to confirm or correct."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from events.extraction import MAX_TEXT_CHARS
from events.models import (
    Actor,
    AttributionStance,
    ClaimPopulation,
    DatePrecision,
    EventType,
    LocationPrecision,
    Place,
    SourceKind,
    SubEventType,
)
from events.models.incidents import SUB_EVENT_PARENT


class ReportForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
        max_length=MAX_TEXT_CHARS,
        help_text=format_lazy(
            _("Paste one report (at most {limit} characters)."), limit=f"{MAX_TEXT_CHARS:,}"
        ),
    )
    outlet = forms.CharField(max_length=200, help_text=_("Who published it, e.g. AFP."))
    dateline = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The report's date: relative words (late Monday) are read against it."),
    )
    url = forms.URLField(required=False, max_length=500, assume_scheme="https")


def _blank(choices):
    return [("", "---------"), *choices]


class DraftIncidentForm(forms.Form):
    title = forms.CharField(max_length=300)
    event_type = forms.ChoiceField(choices=EventType.choices)
    sub_event_type = forms.ChoiceField(choices=_blank(SubEventType.choices), required=False)
    date_start = forms.DateField(
        label=_("Event date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_precision = forms.ChoiceField(choices=DatePrecision.choices)
    time_note = forms.CharField(max_length=120, required=False)
    place = forms.CharField(
        max_length=120,
        required=False,
        label=_("Place (gazetteer slug)"),
        help_text=_("e.g. al-qusur; empty for no place."),
    )
    reported_place_name = forms.CharField(max_length=200, required=False)
    location_precision = forms.ChoiceField(choices=LocationPrecision.choices)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_place(self):
        slug = self.cleaned_data["place"].strip()
        if not slug:
            return None
        place = Place.objects.filter(slug=slug).first()
        if place is None:
            raise forms.ValidationError(
                _("No gazetteer place has the slug %(slug)r.") % {"slug": slug}
            )
        return place

    def clean(self):
        data = super().clean()
        sub = data.get("sub_event_type")
        if (
            sub
            and data.get("event_type")
            and SUB_EVENT_PARENT[SubEventType(sub)] != data["event_type"]
        ):
            self.add_error("sub_event_type", _("This sub-type belongs to another event type."))
        return data


class DraftSourceForm(forms.Form):
    include = forms.BooleanField(required=False, initial=False, label=_("Keep"))
    ref = forms.CharField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(max_length=200, required=False)
    kind = forms.ChoiceField(choices=SourceKind.choices, initial=SourceKind.OTHER)
    reported_via = forms.CharField(max_length=200, required=False, label=_("Via"))
    killed_min = forms.IntegerField(min_value=0, required=False)
    killed_max = forms.IntegerField(min_value=0, required=False)
    killed_population = forms.ChoiceField(
        choices=ClaimPopulation.choices, initial=ClaimPopulation.UNKNOWN, required=False
    )
    killed_wording = forms.CharField(max_length=200, required=False)
    injured_min = forms.IntegerField(min_value=0, required=False)
    injured_max = forms.IntegerField(min_value=0, required=False)
    injured_population = forms.ChoiceField(
        choices=ClaimPopulation.choices, initial=ClaimPopulation.UNKNOWN, required=False
    )
    injured_wording = forms.CharField(max_length=200, required=False)
    excerpt = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if not data.get("include"):
            return data
        if not data.get("name"):
            self.add_error("name", _("Name the source (or untick it)."))
        for outcome in ("killed", "injured"):
            lo, hi = data.get(f"{outcome}_min"), data.get(f"{outcome}_max")
            if lo is None and hi is not None:
                self.add_error(f"{outcome}_min", _("Give the minimum too."))
            if lo is not None and hi is not None and lo > hi:
                self.add_error(f"{outcome}_max", _("The maximum must not be below the minimum."))
        return data


class DraftAllegationForm(forms.Form):
    include = forms.BooleanField(required=False, initial=False, label=_("Keep"))
    ref = forms.CharField(required=False, widget=forms.HiddenInput)
    proposed = forms.CharField(required=False, widget=forms.HiddenInput)
    actor = forms.ModelChoiceField(queryset=Actor.objects.all(), required=False)
    stance = forms.ChoiceField(choices=AttributionStance.choices, initial=AttributionStance.ALLEGED)
    source = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label=_("Alleged by (source row)")
    )

    def __init__(self, *args, source_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = _blank(list(source_choices))

    def clean(self):
        data = super().clean()
        if data.get("include") and data.get("actor") is None:
            named = data.get("proposed") or _("This party")
            self.add_error(
                "actor",
                _("%(name)s is not in the actor table: pick an actor or untick the row.")
                % {"name": named},
            )
        return data


DraftSourceFormSet = formset_factory(DraftSourceForm, extra=1)
DraftAllegationFormSet = formset_factory(DraftAllegationForm, extra=1)
