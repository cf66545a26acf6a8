from django.urls import path

from . import views

urlpatterns = [
    path("incidents.geojson", views.IncidentCollectionView.as_view(), name="incidents-geojson"),
    path(
        "incidents/<slug:code>.geojson",
        views.IncidentFeatureView.as_view(),
        name="incident-geojson",
    ),
    path(
        "control-zones.geojson",
        views.ControlZoneCollectionView.as_view(),
        name="control-zones-geojson",
    ),
    path("basemap.geojson", views.BasemapView.as_view(), name="basemap-geojson"),
    path("geocode", views.GeocodeView.as_view(), name="geocode"),
]
