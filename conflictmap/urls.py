from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from conflictmap import health
from events.admin import report_extract
from events.views import JavaScriptCatalogView

# The API, downloads and admin keep their paths; the public pages carry the
# language (/en/…, /ar/…). A page path without it redirects by the language
# cookie, then Accept-Language (django.middleware.locale.LocaleMiddleware).
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    *report_extract.urlpatterns,
    path("admin/", admin.site.urls),
    path("api/", include(("events.api.urls", "api"), namespace="api")),
    path("i18n/setlang/", set_language, name="set_language"),
    # The JS catalogue of the page's language, served as a script file (CSP: no inline script).
    path(
        "i18n/<str:lang>/catalog.js",
        JavaScriptCatalogView.as_view(),
        name="javascript-catalog",
    ),
]
urlpatterns += i18n_patterns(path("", include("events.urls")), prefix_default_language=True)
