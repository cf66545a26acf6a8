"""The incident admin: editing with the geocoder and the map, the review workflow,
the filtered list with its map, audit history and the bulk import page."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdminMixin

from events import selectors, services
from events.admin.actor_choices import choices_from_post, chooser
from events.admin.filters import ActorFilter, GovernorateFilter
from events.admin.forms import IncidentAdminForm, IncidentImportForm
from events.admin.history import GuardedHistoryAdmin
from events.admin.inlines import (
    AttributionInline,
    CasualtyClaimInline,
    SourceInline,
    SourceLink,
)
from events.display import figure
from events.imports import ImportRejected, import_incidents
from events.models import Incident
from events.permissions import (
    TRANSITIONS,
    allowed_transitions,
    can_delete_incident,
    can_edit_incident,
    is_reviewer,
)
from events.services import WorkflowError, delete_or_archive_incident, transition_incident

LIST_MAP_LIMIT = 5000


@admin.register(Incident)
class IncidentAdmin(LeafletGeoAdminMixin, GuardedHistoryAdmin):
    form = IncidentAdminForm
    list_display = ["title", "date_start", "status", "place", "fatalities", "created_by"]
    list_filter = [
        "status",
        "event_type",
        GovernorateFilter,
        ActorFilter,
        "date_precision",
        "location_precision",
        "synthetic",
    ]
    list_select_related = ["place", "created_by"]
    search_fields = [
        "code",
        "external_id",
        "title",
        "summary",
        "reported_place_name",
        "place__name",
        "place__name_ar",
        "sources__name",
    ]
    date_hierarchy = "date_start"
    autocomplete_fields = ["place"]
    inlines = [SourceInline, CasualtyClaimInline, AttributionInline]
    actions = ["submit_selected", "publish_selected", "return_selected", "archive_selected"]
    fieldsets = [
        (None, {"fields": ["title", "summary", ("event_type", "sub_event_type")]}),
        (
            "When",
            {"fields": [("date_start", "date_end"), ("date_precision", "time_note")]},
        ),
        (
            "Where",
            {
                "fields": [
                    "find_place",
                    "reported_place_name",
                    "place",
                    "geom",
                    ("location_precision", "uncertainty_m"),
                    "location_method",
                    "location_note",
                ]
            },
        ),
        (
            _("Casualty figures (derived from the claims below)"),
            {
                "fields": [
                    ("fatalities_low", "fatalities_best", "fatalities_high"),
                    ("injured_low", "injured_high"),
                ]
            },
        ),
        (
            _("Workflow and record"),
            {
                "fields": [
                    "status",
                    "possible_duplicates",
                    "code",
                    "external_id",
                    "synthetic",
                    ("created_by", "created_at"),
                    ("updated_at", "published_at"),
                ]
            },
        ),
    ]
    object_history_template = "admin/events/incident/object_history.html"
    base_readonly_fields = [
        "status",
        "possible_duplicates",
        "fatalities_low",
        "fatalities_best",
        "fatalities_high",
        "injured_low",
        "injured_high",
        "created_by",
        "created_at",
        "updated_at",
        "published_at",
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin/geocoder.js", "js/admin/incident_sources.js"]

    # --- permissions ---------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_edit_incident(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_delete_incident(
            request.user, obj
        )

    def has_publish_permission(self, request):
        return is_reviewer(request.user)

    def revert_disabled(self, request, obj=None):
        # A revert restores a whole past version; leave that to Reviewers.
        return super().revert_disabled(request, obj) or not is_reviewer(request.user)

    # --- the form ------------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.base_readonly_fields)
        if obj is not None and obj.pk:
            fields.append("code")
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            fieldsets = [
                (name, {**opts, "fields": [f for f in opts["fields"] if f != "find_place"]})
                for name, opts in fieldsets
            ]
        return fieldsets

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, (SourceInline, CasualtyClaimInline, AttributionInline)):
            # One link per request: claim and attribution rows can cite source rows
            # entered on the same page.
            if not hasattr(request, "_incident_source_link"):
                request._incident_source_link = SourceLink()
            kwargs["source_link"] = request._incident_source_link
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_transitions"] = (
            allowed_transitions(request.user, obj)
            if self.has_change_permission(request, obj)
            else []
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("Possible duplicates"))
    def possible_duplicates(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        others = list(selectors.possible_duplicates(incident=obj)[:10])
        if not others:
            return _("None within 5 km and a day.")
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> ({}, {})',
            (
                (
                    reverse("admin:events_incident_change", args=[o.pk]),
                    o.title,
                    o.date_start.isoformat(),
                    o.get_status_display(),
                )
                for o in others
            ),
        )

    @admin.display(description=_("killed (low–high)"))
    def fatalities(self, obj):
        return figure(obj.fatalities_low, obj.fatalities_high) or "—"

    # --- saving --------------------------------------------------------------------

    def _changeform_view(self, request, object_id, form_url, extra_context):
        # The incident and its parts are saved through the services; what is derived
        # from them is brought up to date once, at the end of the (atomic) request.
        with services.changes():
            return super()._changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        model_fields = {f.name for f in Incident._meta.get_fields()}
        names = form.changed_data if change else list(form.cleaned_data)
        data = {n: form.cleaned_data[n] for n in names if n in model_fields}
        if change:
            if data:
                services.update_incident(incident=obj, data=data, user=request.user)
            else:
                obj.refresh_from_db()
        else:
            created = services.create_incident(data=data, user=request.user)
            # The page's inline formsets hold ``obj``: make it the saved incident.
            obj.__dict__.update(created.__dict__)
        duplicates = list(selectors.possible_duplicates(incident=obj)[:5])
        if duplicates:
            self.message_user(
                request,
                format_html(
                    gettext("Possible duplicate: within 5 km and a day of {}."),
                    format_html_join(
                        ", ",
                        '<a href="{}">{}</a>',
                        (
                            (reverse("admin:events_incident_change", args=[d.pk]), d.title)
                            for d in duplicates
                        ),
                    ),
                ),
                messages.WARNING,
            )

    def save_related(self, request, form, formsets, change):
        # Sources first: claim and attribution rows may cite sources added on this page.
        for formset in sorted(formsets, key=lambda fs: fs.model is not SourceInline.model):
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        parts = formset.save(commit=False)
        for part in formset.deleted_objects:
            services.delete_incident_part(part=part, user=request.user)
        for part in parts:
            services.save_incident_part(part=part, user=request.user)

    def _apply_transition(self, request, obj) -> bool:
        name = request.POST.get("_transition")
        try:
            transition_incident(incident=obj, transition=name, user=request.user)
        except WorkflowError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return False
        self.message_user(
            request,
            format_html("{}: “{}”.", gettext(TRANSITIONS[name].message), obj.title),
            messages.SUCCESS,
        )
        return True

    def _after_save(self, request, obj, response):
        if not request.POST.get("_transition"):
            return response
        if self._apply_transition(request, obj):
            return HttpResponseRedirect(reverse("admin:events_incident_changelist"))
        return HttpResponseRedirect(reverse("admin:events_incident_change", args=[obj.pk]))

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._after_save(request, obj, super().response_change(request, obj))

    # --- deleting means archiving once published -------------------------------------

    def delete_model(self, request, obj):
        delete_or_archive_incident(incident=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for incident in queryset:
            delete_or_archive_incident(incident=incident, user=request.user)

    def get_deleted_objects(self, objs, request):
        # Sources, claims and attributions go with their incident: the right to
        # delete the incident (has_delete_permission) is the right to delete them.
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def response_delete(self, request, obj_display, obj_id):
        if Incident.objects.filter(pk=obj_id).exists():
            self.message_user(
                request,
                format_html(
                    gettext("“{}” had been published, so it was archived rather than deleted."),
                    obj_display,
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:events_incident_changelist"))
        return super().response_delete(request, obj_display, obj_id)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # delete one by one: published ones archive
        return actions

    # --- bulk workflow actions -------------------------------------------------------

    def _bulk_transition(self, request, queryset, name):
        done, refused = 0, []
        for incident in queryset:
            try:
                transition_incident(incident=incident, transition=name, user=request.user)
                done += 1
            except WorkflowError as exc:
                refused.append(f"{incident.code}: {exc}")
        if done:
            self.message_user(
                request,
                ngettext("%(step)s: %(count)d incident.", "%(step)s: %(count)d incidents.", done)
                % {"step": gettext(TRANSITIONS[name].message), "count": done},
            )
        for line in refused:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description=_("Submit selected drafts for review"))
    def submit_selected(self, request, queryset):
        self._bulk_transition(request, queryset, "submit")

    @admin.action(description=_("Publish selected incidents"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk_transition(request, queryset, "publish")

    @admin.action(description=_("Return selected incidents to draft"), permissions=["publish"])
    def return_selected(self, request, queryset):
        self._bulk_transition(request, queryset, "return")

    @admin.action(description=_("Archive selected incidents"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._bulk_transition(request, queryset, "archive")

    # --- list map and history ----------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            queryset = context["cl"].queryset.filter(geom__isnull=False)
            rows = queryset.values_list("pk", "code", "title", "status", "date_start", "geom")
            context["incident_points"] = {
                "total": queryset.count(),
                "points": [
                    {
                        "url": reverse("admin:events_incident_change", args=[pk]),
                        "code": code,
                        "title": title,
                        "status": status,
                        "date": day.isoformat(),
                        "lat": round(geom.y, 6),
                        "lon": round(geom.x, 6),
                    }
                    for pk, code, title, status, day, geom in rows[:LIST_MAP_LIMIT]
                ],
            }
            context["basemap_url"] = reverse("api:basemap-geojson")
        return response

    def history_view(self, request, object_id, extra_context=None):
        related = (
            selectors.incident_related_history(incident_id=int(object_id))
            if str(object_id).isdigit()
            else []
        )
        extra_context = {**(extra_context or {}), "related_history": related}
        return super().history_view(request, object_id, extra_context)

    # --- bulk import -------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="events_incident_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        reviewer = is_reviewer(request.user)
        form = IncidentImportForm(request.POST or None, request.FILES or None, reviewer=reviewer)
        report = rejected = None
        choices = choices_from_post(request.POST)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            suffix = Path(upload.name).suffix.lower()[:16]  # the rest is read by content
            with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
                for chunk in upload.chunks():
                    tmp.write(chunk)
                tmp.flush()
                try:
                    report = import_incidents(
                        path=Path(tmp.name),
                        user=request.user,
                        status=form.cleaned_data["status"],
                        dry_run=form.cleaned_data["dry_run"],
                        filename=upload.name,
                        actor_choices=choices,
                    )
                except ImportRejected as exc:
                    rejected = exc
        last = report or (rejected.report if rejected else None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import incidents"),
            "form": form,
            "report": report,
            "rejected": rejected,
            "unknown_actors": chooser(last.unknown_actors if last else {}, choices),
        }
        return TemplateResponse(request, "admin/events/incident/import.html", context)
