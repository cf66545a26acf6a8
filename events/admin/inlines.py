"""Sources, casualty claims and attributions edited on the incident page.

A claim (and optionally an attribution) names the source that makes it, and that
source must belong to the same incident. Editors enter sources and claims in one go,
so a claim row may point either at a saved source (its id) or at a source row
entered on the same page that is not saved yet (``new-<row index>``). The incident
admin saves the source rows first and then resolves those references
(IncidentAdmin.save_related). static/js/admin/incident_sources.js keeps the claim
rows' choices in step with the source rows as the editor types.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.display import source_label
from events.models import Attribution, CasualtyClaim, Source
from events.permissions import can_edit_incident

NEW_PREFIX = "new-"


class SourceLink:
    """Shared by the formsets of one incident page: knows the source rows, so claim
    and attribution rows can offer, check and resolve them."""

    def __init__(self):
        self.formset = None

    def _rows(self):
        return [] if self.formset is None else list(enumerate(self.formset.forms))

    def _is_deleted(self, form) -> bool:
        if "DELETE" not in form.fields:
            return False
        widget = form.fields["DELETE"].widget
        return bool(widget.value_from_datadict(form.data, form.files, form.add_prefix("DELETE")))

    def _new_label(self, index, form) -> str:
        name = via = ""
        if form.is_bound:
            name = (form.data.get(form.add_prefix("name")) or "").strip()
            via = (form.data.get(form.add_prefix("reported_via")) or "").strip()
        if not name:
            return gettext("New source (row %(row)d)") % {"row": index + 1}
        return gettext("New: %(source)s") % {"source": source_label(name, via)}

    def choices(self, incident) -> list[tuple[str, str]]:
        choices = [("", "---------")]
        initial = 0
        if self.formset is not None:
            initial = self.formset.initial_form_count()
            for form in self.formset.initial_forms:
                if form.instance.pk:
                    choices.append((str(form.instance.pk), str(form.instance)))
        elif incident is not None and incident.pk:
            choices += [(str(s.pk), str(s)) for s in incident.sources.all()]
        for index, form in self._rows()[initial:]:
            choices.append((f"{NEW_PREFIX}{index}", self._new_label(index, form)))
        return choices

    def check(self, value: str):
        """The saved Source a row points at, or the index of a new source row; raise
        ValidationError if it points at a row being deleted or left empty."""
        if value.startswith(NEW_PREFIX):
            index = int(value[len(NEW_PREFIX) :])
            rows = dict(self._rows())
            form = rows.get(index)
            if form is None or not form.has_changed():
                raise ValidationError(
                    _("That new source row is empty; fill it in or pick another.")
                )
            if self._is_deleted(form):
                raise ValidationError(_("That source is being removed; pick another source."))
            return index
        for form in self.formset.initial_forms if self.formset is not None else []:
            if str(form.instance.pk) == value:
                if self._is_deleted(form):
                    raise ValidationError(
                        _("This source is being deleted; delete this row too or pick another.")
                    )
                return form.instance
        return Source.objects.get(pk=value)

    def resolve(self, index: int) -> Source:
        source = self.formset.forms[index].instance
        if source.pk is None:  # pragma: no cover - save_related saves sources first
            raise RuntimeError("Source rows must be saved before the rows that cite them.")
        return source


class SourceRefField(forms.ChoiceField):
    """A choice among this incident's sources, saved or being added."""

    def has_changed(self, initial, data):
        return str(initial or "") != str(data or "")


class SourceRefForm(forms.ModelForm):
    source_required = True

    source = SourceRefField(required=False)

    def __init__(self, *args, source_link: SourceLink | None = None, parent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.source_link = source_link or SourceLink()
        self._new_source_index = None
        field = self.fields["source"]
        field.choices = self.source_link.choices(parent)
        field.widget.attrs.update({"class": "source-ref-select"})
        if self.source_required:
            field.widget.attrs["data-required"] = "1"
        if self.instance.pk and self.instance.source_id:
            self.initial["source"] = str(self.instance.source_id)

    def clean_source(self):
        value = self.cleaned_data.get("source") or ""
        if not value:
            if self.source_required:
                raise ValidationError(_("Pick the source that makes this claim."))
            return None
        ref = self.source_link.check(value)
        if isinstance(ref, int):
            self._new_source_index = ref
            return None
        return ref

    def save(self, commit=True):
        if self._new_source_index is not None:
            self.instance.source = self.source_link.resolve(self._new_source_index)
        return super().save(commit)


class ClaimForm(SourceRefForm):
    class Meta:
        model = CasualtyClaim
        fields = ["source", "outcome", "population", "min_value", "max_value", "wording"]


class AttributionForm(SourceRefForm):
    source_required = False

    class Meta:
        model = Attribution
        fields = ["actor", "role", "stance", "source", "note"]


class SourceFormSet(BaseInlineFormSet):
    def __init__(self, *args, source_link: SourceLink | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if source_link is not None:
            source_link.formset = self


class SourceRefFormSet(BaseInlineFormSet):
    def __init__(self, *args, source_link: SourceLink | None = None, **kwargs):
        self.source_link = source_link or SourceLink()
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs.update(source_link=self.source_link, parent=self.instance)
        return kwargs


class AttributionFormSet(SourceRefFormSet):
    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = getattr(form, "cleaned_data", None) or {}
            if not data.get("actor"):
                continue
            key = (
                data["actor"].pk,
                data.get("role"),
                data.get("stance"),
                form.data.get(form.add_prefix("source")) or "",
            )
            if key in seen:
                raise ValidationError(
                    _(
                        "The same actor, role, stance and source appear twice in the "
                        "attributions (rows %(first)d and %(second)d)."
                    )
                    % {"first": seen[key] + 1, "second": self.forms.index(form) + 1}
                )
            seen[key] = self.forms.index(form)


class IncidentChildInline:
    """Inline rows follow the incident's own edit rights (events.permissions)."""

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and can_edit_incident(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_edit_incident(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_edit_incident(request.user, obj)


class BlankRowWhenAdding:
    """One empty row on a new incident's form (a first source and claim are
    expected), none when editing one."""

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and obj.pk else 1


class SourceInline(IncidentChildInline, BlankRowWhenAdding, admin.StackedInline):
    model = Source
    formset = SourceFormSet
    fields = [("name", "reported_via", "kind"), ("url", "published_on", "language"), "excerpt"]
    classes = ["incident-sources"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "excerpt":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 80})
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CasualtyClaimInline(IncidentChildInline, BlankRowWhenAdding, admin.TabularInline):
    model = CasualtyClaim
    form = ClaimForm
    formset = SourceRefFormSet
    verbose_name = _("casualty claim")
    verbose_name_plural = _("Casualty claims (each source's own figure; pick its source)")


class AttributionInline(IncidentChildInline, admin.TabularInline):
    model = Attribution
    form = AttributionForm
    formset = AttributionFormSet
    autocomplete_fields = ["actor"]
    extra = 0
