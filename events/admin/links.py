"""Candidate links between an imported dataset row and an existing incident
(events.linking): editors confirm them (one event) or split them (two)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import services
from events.models import IncidentLink, LinkStatus


def _incident_link(incident):
    if incident is None:
        return "—"
    url = reverse("admin:events_incident_change", args=[incident.pk])
    return format_html('<a href="{}">{}</a>', url, incident.code)


@admin.register(IncidentLink)
class IncidentLinkAdmin(admin.ModelAdmin):
    list_display = ["external_id", "status", "score", "row_incident", "other_incident", "reason"]
    list_filter = ["status"]
    search_fields = ["external_id", "incident__code", "other__code"]
    list_select_related = ["incident", "other"]
    actions = ["confirm", "split"]
    readonly_fields = [f.name for f in IncidentLink._meta.fields]

    @admin.display(description=_("incident of the row"))
    def row_incident(self, obj):
        return _incident_link(obj.incident)

    @admin.display(description=_("may be the same event as"))
    def other_incident(self, obj):
        return _incident_link(obj.other)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("events.change_incident")

    def _decide(self, request, queryset, service, done_message):
        done = 0
        for link in queryset.filter(status=LinkStatus.CANDIDATE):
            try:
                service(link=link, user=request.user)
                done += 1
            except (services.WorkflowError, PermissionDenied) as exc:
                self.message_user(request, f"{link.external_id}: {exc}", messages.ERROR)
        self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Confirm: same event (merge the row into the existing incident)"))
    def confirm(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.confirm_link,
            lambda n: ngettext(
                "%(count)d candidate link confirmed.", "%(count)d candidate links confirmed.", n
            ),
        )

    @admin.action(description=_("Split: different events (keep both)"))
    def split(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.split_link,
            lambda n: ngettext(
                "%(count)d candidate link split.", "%(count)d candidate links split.", n
            ),
        )
