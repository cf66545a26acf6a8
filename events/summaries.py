"""The small charts on the incident and table pages, as plain data (the page
embeds it with json_script; static/js/summaries.js draws it with uPlot):

- each source's toll for one incident, side by side (never merged);
- public incidents per month at the incident's place;
- who held the incident's point over time (the control zones containing it).
"""

from __future__ import annotations

from django.db.models import Count

from events import display, selectors
from events.models import ClaimOutcome, ControlZone, Incident
from events.selectors import PeriodStart
from events.services.derived import source_totals


def source_tolls(incident: Incident) -> list[dict]:
    """Per source, in the page's order: killed and injured as [low, high]
    (high None when open-ended: "at least")."""
    claims = list(incident.claims.all())
    tolls = []
    for source in incident.sources.all():
        own = [c for c in claims if c.source_id == source.pk]
        if not own:
            continue
        row = {"source": source.name}
        for outcome, name in ((ClaimOutcome.KILLED, "killed"), (ClaimOutcome.INJURED, "injured")):
            totals = source_totals(own, outcome)
            row[name] = list(totals[0][:2]) if totals else None
        tolls.append(row)
    return tolls


def place_months(incident: Incident) -> dict | None:
    """Public incidents per month at the incident's gazetteer place."""
    if incident.place_id is None:
        return None
    rows = (
        selectors.published_incidents()
        .filter(place_id=incident.place_id)
        .annotate(period=PeriodStart("date_start", "month"))
        .order_by()
        .values_list("period")
        .annotate(n=Count("pk"))
        .order_by("period")
    )
    months = [(str(period)[:7], n) for period, n in rows]
    place = incident.place
    return {"place": display.local_name(place.name, place.name_ar), "months": months}


def holders(incident: Incident) -> list[dict]:
    """The control zones containing the incident's point, oldest first: actor,
    colour, state and the dates they cover (``to`` None: still in force)."""
    if incident.geom is None:
        return []
    zones = ControlZone.objects.real().filter(geom__contains=incident.geom)
    return [
        {
            "actor": display.local_name(zone.actor.name, zone.actor.name_ar),
            "colour": zone.actor.colour,
            "state": zone.state,
            "from": zone.valid_from.isoformat(),
            "to": zone.valid_to.isoformat() if zone.valid_to else None,
        }
        for zone in zones.select_related("actor").order_by("valid_from", "pk")
    ]


def incident_summaries(incident: Incident) -> dict:
    return {
        "date": incident.date_start.isoformat(),
        "tolls": source_tolls(incident),
        "place": place_months(incident),
        "holders": holders(incident),
    }
