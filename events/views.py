"""Public pages. Thin: data comes from selectors and the GeoJSON API."""

from django.http import Http404
from django.views.generic import TemplateView

from events import selectors
from events.models import Actor


class MapView(TemplateView):
    template_name = "events/map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actors"] = Actor.objects.filter(zones__isnull=False).distinct()
        return context


class IncidentDetailView(TemplateView):
    template_name = "events/incident_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        incident = selectors.incident_visible_to(user=self.request.user, code=kwargs["code"])
        if incident is None:
            raise Http404("No such incident.")
        context["incident"] = incident
        context["controller"] = incident.controller_at_event
        return context
