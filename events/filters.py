"""One parser for the incident filters shared by the map, the table, the API and
the exports, so every view of the data answers the same query the same way.

Query parameters (all optional, combined with AND):
- ``from``, ``to``: YYYY-MM-DD; incidents whose date span overlaps [from, to]
- ``bbox``: ``minlon,minlat,maxlon,maxlat`` (WGS 84)
- ``type``: ACLED event type(s), comma-separated
- ``actor``: actor slug(s), comma-separated, in any role; ``role`` narrows to
  ``perpetrator`` or ``target``
- ``min_fatalities``: incidents whose best fatality estimate is at least this
- ``q``: free text over title, summary, reported place name and place names
- ``controller``: slug of the actor holding the point on the incident date
- ``updated_since``: ISO date or datetime; incidents changed since then

Every value is checked before it reaches the database: text must be free of
control characters (a NUL breaks PostgreSQL and matches everything in SQLite's
LIKE) and of reasonable length, numbers finite and in range, dates and times
real. Anything else is a BadQuery whose message says what to fix (HTTP 400).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from events.models import AttributionRole, EventType
from events.spatial import incidents_in_box
from events.textcheck import forbidden_char


class BadQuery(ValueError):
    """A filter value the user must fix; the message says how."""


MAX_TEXT = 200  # free text (``q``)
MAX_PARAM = 2000  # any other parameter
MAX_LIST = 50  # values in a comma-separated list
MAX_FATALITIES = 2**31 - 1
PARAMS = (
    "from",
    "to",
    "bbox",
    "type",
    "actor",
    "role",
    "min_fatalities",
    "q",
    "controller",
    "updated_since",
)


def text_param(params, name, *, limit: int = MAX_PARAM) -> str:
    """Parameter ``name`` as stripped text ("" if absent); BadQuery if it holds
    control characters or is longer than ``limit``."""
    value = params.get(name)
    if value is None:
        return ""
    value = str(value)
    bad = forbidden_char(value)
    if bad:
        raise BadQuery(
            _("'%(name)s' contains a control or invalid character (%(char)s); remove it.")
            % {"name": name, "char": bad}
        )
    value = value.strip()
    if len(value) > limit:
        raise BadQuery(
            _("'%(name)s' is longer than %(limit)d characters.") % {"name": name, "limit": limit}
        )
    return value


@dataclass
class IncidentFilters:
    start: dt.date | None = None
    end: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None
    types: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    role: str | None = None
    min_fatalities: int | None = None
    text: str = ""
    controller: str | None = None
    updated_since: dt.datetime | None = None

    def apply(self, queryset):
        qs = queryset.in_period(start=self.start, end=self.end)
        if self.bbox:
            qs = incidents_in_box(qs, self.bbox)
        if self.types:
            qs = qs.filter(event_type__in=self.types)
        if self.actors:
            match = Q(attributions__actor__slug__in=self.actors)
            if self.role:
                match &= Q(attributions__role=self.role)
            qs = qs.filter(pk__in=queryset.model.objects.filter(match).values("pk"))
        if self.min_fatalities is not None:
            qs = qs.filter(fatalities_best__gte=self.min_fatalities)
        if self.text:
            qs = qs.filter(
                Q(title__icontains=self.text)
                | Q(summary__icontains=self.text)
                | Q(reported_place_name__icontains=self.text)
                | Q(place__name__icontains=self.text)
                | Q(place__name_ar__icontains=self.text)
                | Q(code__icontains=self.text)
            )
        if self.controller:
            qs = qs.with_controller().filter(controller_slug=self.controller)
        if self.updated_since:
            qs = qs.filter(updated_at__gte=self.updated_since)
        return qs


def parse_date_param(params, name) -> dt.date | None:
    value = text_param(params, name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadQuery(
            _("'%(name)s' must be a date as YYYY-MM-DD, got %(value)r.")
            % {"name": name, "value": value[:40]}
        ) from None


def parse_datetime_param(params, name) -> dt.datetime | None:
    """An ISO date or date-time (naive means UTC) as an aware UTC datetime."""
    value = text_param(params, name)
    if not value:
        return None
    message = _(
        "'%(name)s' must be an ISO date or date-time such as 2017-10-23 or "
        "2017-10-23T14:30:00+03:00, got %(value)r."
    ) % {"name": name, "value": value[:40]}
    try:
        parsed = parse_datetime(value)
    except ValueError:  # well formed but impossible: month 13, offset +99:00
        raise BadQuery(message) from None
    if parsed is None:
        try:
            parsed = dt.datetime.combine(dt.date.fromisoformat(value), dt.time.min)
        except ValueError:
            raise BadQuery(message) from None
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=dt.UTC)
    try:
        return parsed.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise BadQuery(
            _("'%(name)s' %(value)r is out of range in UTC.") % {"name": name, "value": value[:40]}
        ) from None


def _list(params, name, allowed=None) -> list[str]:
    values = list(dict.fromkeys(v.strip() for v in text_param(params, name).split(",")))
    values = [v for v in values if v]
    if len(values) > MAX_LIST:
        raise BadQuery(
            _("'%(name)s' lists more than %(limit)d values.") % {"name": name, "limit": MAX_LIST}
        )
    if allowed is not None:
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise BadQuery(
                _("Unknown %(name)s %(values)s; use one of: %(allowed)s.")
                % {
                    "name": name,
                    "values": ", ".join(repr(u[:40]) for u in unknown),
                    "allowed": ", ".join(sorted(allowed)),
                }
            )
    return values


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    try:
        minlon, minlat, maxlon, maxlat = (float(part) for part in value.split(","))
    except ValueError:
        raise BadQuery(_("'bbox' must be minlon,minlat,maxlon,maxlat (four numbers).")) from None
    if not all(math.isfinite(n) for n in (minlon, minlat, maxlon, maxlat)):
        raise BadQuery(_("'bbox' must be four finite numbers (no nan or inf)."))
    if not (
        -180 <= minlon <= 180
        and -180 <= maxlon <= 180
        and -90 <= minlat <= 90
        and -90 <= maxlat <= 90
    ):
        raise BadQuery(_("'bbox' is outside lon -180..180 / lat -90..90 (is it lat/lon swapped?)."))
    if minlon > maxlon or minlat > maxlat:
        raise BadQuery(_("'bbox' minimums must not exceed maximums."))
    return minlon, minlat, maxlon, maxlat


def parse_incident_filters(params) -> IncidentFilters:
    """Build filters from a QueryDict or mapping; raise BadQuery with a clear message."""
    for name in PARAMS:
        text_param(params, name, limit=MAX_TEXT if name == "q" else MAX_PARAM)
    filters = IncidentFilters(
        start=parse_date_param(params, "from"), end=parse_date_param(params, "to")
    )
    if filters.start and filters.end and filters.start > filters.end:
        raise BadQuery(_("'from' must not be after 'to'."))
    bbox = text_param(params, "bbox")
    if bbox:
        filters.bbox = parse_bbox(bbox)
    filters.types = _list(params, "type", set(EventType.values))
    filters.actors = _list(params, "actor")
    role = text_param(params, "role")
    if role:
        if role not in AttributionRole.values:
            raise BadQuery(
                _("'role' must be one of: %(allowed)s.")
                % {"allowed": ", ".join(AttributionRole.values)}
            )
        filters.role = role
    minimum = text_param(params, "min_fatalities")
    if minimum:
        try:
            filters.min_fatalities = int(minimum)
        except ValueError:
            raise BadQuery(_("'min_fatalities' must be a whole number.")) from None
        if filters.min_fatalities < 0:
            raise BadQuery(_("'min_fatalities' must not be negative."))
        if filters.min_fatalities > MAX_FATALITIES:
            raise BadQuery(
                _("'min_fatalities' must not exceed %(limit)d.") % {"limit": MAX_FATALITIES}
            )
    filters.text = text_param(params, "q", limit=MAX_TEXT)
    filters.controller = text_param(params, "controller") or None
    filters.updated_since = parse_datetime_param(params, "updated_since")
    return filters
