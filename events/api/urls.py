from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import export_views, extract, parts, views, viewsets

router = DefaultRouter()
router.register("incidents", viewsets.IncidentViewSet, basename="incident")
router.register("control-zones", viewsets.ControlZoneViewSet, basename="control-zone")
router.register("actors", viewsets.ActorViewSet, basename="actor")

urlpatterns = [
    path("incidents.geojson", views.IncidentCollectionView.as_view(), name="incidents-geojson"),
    *[
        path(
            f"incidents.{name}",
            export_views.IncidentDownloadView.as_view(format_name=name),
            name=f"incidents-{name}",
        )
        for name in ("csv", "gpkg", "kml", "html")
    ],
    path(
        "incidents/archived",
        export_views.ArchivedIncidentsView.as_view(),
        name="incidents-archived",
    ),
    path(
        "incidents/<slug:code>.geojson",
        export_views.IncidentFeatureView.as_view(),
        name="incident-geojson",
    ),
    path(
        "incident-points.geojson",
        views.IncidentPointCollectionView.as_view(),
        name="incident-points-geojson",
    ),
    path(
        "incident-clusters.json",
        views.IncidentClusterView.as_view(),
        name="incident-clusters",
    ),
    path(
        "incident-timeline.json",
        views.IncidentTimelineView.as_view(),
        name="incident-timeline",
    ),
    path(
        "control-zones.geojson",
        views.ControlZoneCollectionView.as_view(),
        name="control-zones-geojson",
    ),
    path(
        "control-zones/<slug:code>/history.geojson",
        export_views.ControlZoneHistoryView.as_view(),
        name="control-zone-history",
    ),
    path("basemap.geojson", views.BasemapView.as_view(), name="basemap-geojson"),
    path("geocode", views.GeocodeView.as_view(), name="geocode"),
    *[
        path(
            f"v1/incidents/<slug:incident_code>/{kind}/{suffix}",
            viewset.as_view(actions),
            name=f"incident-{kind}-{name}",
        )
        for kind, viewset in parts.PART_VIEWSETS.items()
        for suffix, actions, name in (
            ("", {"get": "list", "post": "create"}, "list"),
            (
                "<int:pk>/",
                {
                    "get": "retrieve",
                    "put": "update",
                    "patch": "partial_update",
                    "delete": "destroy",
                },
                "detail",
            ),
        )
    ],
    path("v1/extract/", extract.ExtractReportView.as_view(), name="extract-report"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file (no inline script).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
