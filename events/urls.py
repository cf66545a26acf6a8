from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.MapView.as_view(), name="map"),
    path("incidents/", views.IncidentListView.as_view(), name="incident-list"),
    path("incidents/<slug:code>/", views.IncidentDetailView.as_view(), name="incident-detail"),
    path(
        "incidents/<slug:code>/popup/",
        views.IncidentPopupView.as_view(),
        name="incident-popup",
    ),
]
