"""Background jobs in the admin: the list, each job's page (progress while it runs,
then its result and errors; static/js/admin/job_progress.js polls the JSON state),
the download of a produced file, and the page that starts an export, a batch
extraction or a refresh. Imports start from the incidents' import page."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events import jobs
from events.admin.forms import JobStartForm
from events.jobs import files
from events.jobs.state import job_state
from events.models import Job, JobKind
from events.services import jobs as job_services


def job_page_url(job: Job) -> str:
    return reverse("admin:events_job_change", args=[job.pk])


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "label", "status", "progress", "created_by", "created_at")
    list_display_links = ("id", "kind")
    list_filter = ("kind", "status")
    change_form_template = "admin/events/job/job.html"

    # Staff see the jobs they started; superusers see all. Jobs are started by the
    # pages that do the work, never edited, and deleted by superusers only.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        if not self.has_module_permission(request):
            return False
        return obj is None or request.user.is_superuser or obj.created_by_id == request.user.pk

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def delete_model(self, request, obj):
        job_services.delete_job(job=obj)

    def delete_queryset(self, request, queryset):
        for job in queryset:
            job_services.delete_job(job=job)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("created_by")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(created_by=request.user)

    @admin.display(description=_("file or format"))
    def label(self, obj):
        return obj.params.get("filename") or obj.params.get("format") or ""

    @admin.display(description=_("progress"))
    def progress(self, obj):
        state = job_state(obj)
        if state["total"] is None:
            return state["message"]
        return gettext("%(done)s of %(total)s") % {"done": state["done"], "total": state["total"]}

    def _job(self, request, pk) -> Job:
        job = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        return job

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self._job(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(job),
            "job": job,
            "state": job_state(job),
            "state_url": reverse("admin:events_job_state", args=[job.pk]),
            "has_view_permission": True,
        }
        return TemplateResponse(request, self.change_form_template, context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("start/", view(self.start_view), name="events_job_start"),
            path("<int:pk>/state.json", view(self.state_view), name="events_job_state"),
            path("<int:pk>/download/", view(self.download_view), name="events_job_download"),
            *super().get_urls(),
        ]

    def state_view(self, request, pk):
        return JsonResponse(job_state(self._job(request, pk)))

    def download_view(self, request, pk):
        job = self._job(request, pk)
        if not job.output_file:
            raise Http404(gettext("This job produced no file."))
        try:
            path = files.output_path(job.pk, job.output_file)
            return FileResponse(path.open("rb"), as_attachment=True, filename=job.output_file)
        except (FileNotFoundError, ValueError):
            raise Http404(gettext("The file is gone.")) from None

    def start_view(self, request):
        if not self.has_module_permission(request):
            raise PermissionDenied
        form = JobStartForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            kind, upload = data["kind"], None
            if kind == JobKind.EXPORT:
                params = {"format": data["format"], "filters": data["filters"]}
                params["site_url"] = request.build_absolute_uri("/").rstrip("/")
            elif kind == JobKind.EXTRACT:
                params, upload = {"duplicates": True}, data["file"]
            else:
                params = {"all": data["all"]}
            job = jobs.submit(kind=kind, params=params, user=request.user, upload=upload)
            return redirect(job_page_url(job))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Start a background job"),
            "form": form,
            "broker": jobs.broker_configured(),
        }
        return TemplateResponse(request, "admin/events/job/start.html", context)
