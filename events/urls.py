from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.MapView.as_view(), name="map"),
    path("incidents/<slug:code>/", views.IncidentDetailView.as_view(), name="incident-detail"),
]
