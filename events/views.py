"""Public pages: the map, the incident table, an incident's detail page and the
map popup. Thin: reads come from selectors, filters from events.filters, and the
map's data from the GeoJSON API."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.generic import TemplateView
from django.views.i18n import JavaScriptCatalog

from events import display, public_answers, selectors
from events.changelog import incident_changelog
from events.datasets import credits_for, loaded_credits
from events.filters import BadQuery, parse_incident_filters
from events.models import AttributionRole, EventType, IncidentStatus
from events.summaries import incident_summaries

# The query parameters events.filters understands that the pages offer.
FILTER_PARAMS = ("from", "to", "type", "actor", "role", "min_fatalities", "q")
EXPORT_FORMATS = (
    ("geojson", "GeoJSON"),
    ("csv", "CSV"),
    ("gpkg", "GeoPackage"),
    ("kml", "KML"),
    ("html", "HTML"),
)


def filter_values(query) -> dict[str, str]:
    """The filter parameters of a request, repeated values joined by commas
    (so ``type=a&type=b`` from a plain form means ``type=a,b``)."""
    values = {}
    for name in FILTER_PARAMS:
        parts = [part.strip() for part in query.getlist(name) if part.strip()]
        if parts:
            values[name] = ",".join(parts)
    return values


def download_links(values: dict[str, str]) -> list[dict]:
    query = urlencode(values)
    base = reverse("api:incidents-geojson").removesuffix(".geojson")
    return [
        {"format": fmt, "label": label, "url": f"{base}.{fmt}" + (f"?{query}" if query else "")}
        for fmt, label in EXPORT_FORMATS
    ]


def filter_form_context(values: dict[str, str]) -> dict:
    """What the shared filter form needs to show the current filters."""
    return {
        "values": values,
        "selected_types": set(values.get("type", "").split(",")) - {""},
        "event_types": EventType.choices,
        "actors": selectors.all_actors(),
        "roles": AttributionRole.choices,
        "downloads": download_links(values),
    }


class FilteredPageMixin:
    """Parse the shared filters; a bad value becomes a message and HTTP 400."""

    def get_filters(self):
        self.values = filter_values(self.request.GET)
        self.filter_error = None
        try:
            return parse_incident_filters(self.values)
        except BadQuery as exc:
            self.filter_error = str(exc)
            return None

    def render_to_response(self, context, **kwargs):
        if getattr(self, "filter_error", None):
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


@method_decorator(gzip_page, name="dispatch")  # public pages carry no secret token
class MapView(FilteredPageMixin, TemplateView):
    template_name = "events/map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.get_filters()
        periods = selectors.zone_periods()
        context.update(filter_form_context(self.values))
        context["filter_error"] = self.filter_error
        context["zone_actors"] = selectors.zone_actors()
        context["zone_periods"] = [
            {"from": start.isoformat(), "to": end.isoformat() if end else None}
            for start, end in periods
        ]
        context["control_date"] = default_control_date(periods)
        context["dataset_credits"] = loaded_credits()
        context["zone_first"] = periods[0][0].isoformat() if periods else ""
        context["zone_last"] = (periods[-1][1] or dt.date.today()).isoformat() if periods else ""
        context["map_config"] = {
            "actors": [
                {
                    "slug": a.slug,
                    "name": display.local_name(a.name, a.name_ar),
                    "colour": a.colour,
                }
                for a in context["zone_actors"]
            ],
            "periods": context["zone_periods"],
            "defaultDate": context["control_date"],
            # Credit in the map's attribution control (the full one is under the map).
            "credits": [
                {"text": d.short_credit or d.credit, "url": d.url}
                for d in context["dataset_credits"]
            ],
        }
        return context


def default_control_date(periods) -> str:
    """Show control as of the latest published incident when zones cover that
    day; otherwise the last day any zone covers."""
    if not periods:
        return dt.date.today().isoformat()
    latest = selectors.latest_public_incident_date()
    if latest and any(start <= latest and (end is None or latest <= end) for start, end in periods):
        return latest.isoformat()
    return (periods[-1][1] or dt.date.today()).isoformat()


SORTS = {
    "date": ("date_start", "code"),
    "title": ("title", "code"),
    "type": ("event_type", "-date_start"),
    "place": ("place__name", "reported_place_name", "-date_start"),
    "fatalities": (F("fatalities_best").asc(nulls_first=True), "-date_start"),
}


def sort_ordering(sort: str):
    """Ordering for a ``sort`` value such as ``-date``; None if unknown."""
    key = sort.removeprefix("-")
    if key not in SORTS:
        return None
    fields = SORTS[key]
    if not sort.startswith("-"):
        return fields
    first = fields[0]
    if isinstance(first, str):
        first = F(first).desc()
    else:
        first = F("fatalities_best").desc(nulls_last=True)
    return (first, *fields[1:])


@method_decorator(gzip_page, name="dispatch")  # public pages carry no secret token
class IncidentListView(FilteredPageMixin, TemplateView):
    """The same incidents as the map, as a sortable, paginated table."""

    template_name = "events/incident_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.get_filters()
        sort = (self.request.GET.get("sort") or "-date").strip()
        ordering = sort_ordering(sort)
        if ordering is None:
            context["sort_error"] = _(
                "Unknown sort %(sort)r; sort by one of: %(allowed)s (prefix - for "
                "descending). Showing newest first."
            ) % {"sort": sort[:40], "allowed": ", ".join(sorted(SORTS))}
            sort, ordering = "-date", sort_ordering("-date")
        context.update(filter_form_context(self.values))
        context["filter_error"] = self.filter_error
        context["sort"] = sort
        context["columns"] = self.columns(sort)
        context["actors_by_slug"] = {actor.slug: actor for actor in selectors.all_actors()}
        context["map_url"] = reverse("events:map") + (
            f"?{urlencode(self.values)}" if self.values else ""
        )
        context["months_url"] = (
            reverse("api:incident-timeline") + "?" + urlencode({**self.values, "bucket": "month"})
        )
        if filters is None:
            context["page_obj"] = None
            return context
        incidents = filters.apply(selectors.public_incidents()).order_by(*ordering)
        page = Paginator(incidents, self.paginate_by).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["page_query"] = urlencode({**self.values, "sort": sort})
        return context

    def columns(self, sort: str) -> list[dict]:
        """Header links: clicking a column sorts by it, clicking again reverses."""
        current = sort.removeprefix("-")
        descending = sort.startswith("-")
        columns = []
        for key, label in (
            ("date", _("Date")),
            ("title", _("Incident")),
            ("type", _("Event type")),
            ("place", _("Place")),
            ("fatalities", _("Killed (best estimate)")),
        ):
            active = key == current
            next_sort = key if active and descending else f"-{key}"
            if not active and key in ("title", "type", "place"):
                next_sort = key
            columns.append(
                {
                    "label": label,
                    "url": "?" + urlencode({**self.values, "sort": next_sort}),
                    "aria_sort": ("descending" if descending else "ascending") if active else None,
                }
            )
        return columns


class IncidentMixin:
    """An incident the user may see (else 404), with the control zone holding its
    point that day, in the context as ``incident`` and ``zone``."""

    def get_incident(self, code: str):
        incident = selectors.incident_visible_to(user=self.request.user, code=code)
        if incident is None:
            raise Http404(_("No such incident."))
        return incident

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        incident = self.get_incident(kwargs["code"])
        context["incident"] = incident
        context["zone"] = (
            selectors.control_zone_at(point=incident.geom, on=incident.date_start)
            if incident.geom
            else None
        )
        return context


@method_decorator(gzip_page, name="dispatch")  # public pages carry no secret token
class IncidentDetailView(IncidentMixin, TemplateView):
    template_name = "events/incident_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        incident = context["incident"]
        context["is_published"] = incident.status == IncidentStatus.PUBLISHED
        if context["is_published"]:
            context["changelog"] = incident_changelog(incident=incident)
        context["geojson_url"] = reverse("api:incident-geojson", kwargs={"code": incident.code})
        context["dataset_credits"] = credits_for(incident)
        context["summaries"] = incident_summaries(incident)
        return context


@method_decorator(gzip_page, name="dispatch")  # public pages carry no secret token
class IncidentPopupView(IncidentMixin, TemplateView):
    """The map popup's content for one incident, rendered (and escaped) here."""

    template_name = "events/_incident_popup.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:  # staff preview drafts: never from the cache
            return super().get(request, *args, **kwargs)

        def render() -> bytes:
            return super(IncidentPopupView, self).get(request, *args, **kwargs).render().content

        # The same fragment for every visitor (no nonce, no user) in one language and
        # digit style: cached until a write, revalidated by the browser each time.
        key = (
            kwargs["code"],
            settings.SHOW_SYNTHETIC_INCIDENTS,
            translation.get_language(),
            display.digit_style(),
        )
        return public_answers.answer(
            request, "popup", key, render, content_type="text/html; charset=utf-8"
        )


@method_decorator(gzip_page, name="dispatch")
class JavaScriptCatalogView(JavaScriptCatalog):
    """static/js's strings (the djangojs catalogue) in the language of the URL,
    /i18n/<lang>/catalog.js: a script file the pages load (no inline script).
    Compressed (it holds no secret; Arabic is written as \\u escapes) and cached."""

    domain = "djangojs"
    packages = ["events"]

    def get(self, request, *args, lang: str, **kwargs):
        if lang not in dict(settings.LANGUAGES):
            raise Http404("No such language.")
        with translation.override(lang):
            response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=3600"
        return response
