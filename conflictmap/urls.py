from django.contrib import admin
from django.urls import include, path

from conflictmap import health
from events.admin import report_extract

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    *report_extract.urlpatterns,
    path("admin/", admin.site.urls),
    path("api/", include(("events.api.urls", "api"), namespace="api")),
    path("", include("events.urls")),
]
