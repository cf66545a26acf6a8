"""Plausibility rules for what an incident records, checked by ``Incident.clean`` so
that every write path (admin, API, importers, loaders: all through
``events.services``) refuses the same impossible data with the same message."""

from __future__ import annotations

import datetime as dt
import math
import re

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from events.display import local_name

EARLIEST_DATE = dt.date(1900, 1, 1)
# A point this far from the gazetteer place it claims to be at is a mistake
# (swapped coordinates, a wrong place), unless the uncertainty radius is larger.
PLACE_TOLERANCE_M = 50_000
MAX_UNCERTAINTY_M = 20_000_000  # half the Earth's circumference
MAX_CASUALTIES = 10_000_000


def latest_date() -> dt.date:
    """Reports come in after the fact; a day of slack for time zones."""
    return timezone.now().date() + dt.timedelta(days=1)


def date_problem(value: dt.date | None) -> str | None:
    if value is None:
        return None
    if value < EARLIEST_DATE or value > latest_date():
        return _("%(date)s is not a plausible incident date (from %(earliest)s to %(latest)s).") % {
            "date": value.isoformat(),
            "earliest": EARLIEST_DATE.isoformat(),
            "latest": latest_date().isoformat(),
        }
    return None


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine, mean Earth radius)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(a)))


def point_problem(geom) -> str | None:
    """None if ``geom`` is a WGS 84 point with coordinates on Earth."""
    return _read_point(geom)[0]


def _read_point(geom) -> tuple[str | None, tuple[float, float] | None]:
    """(``point_problem``, the point's (longitude, latitude) if it has none): the
    coordinates read once (each read is a call into GEOS)."""
    if geom is None:
        return None, None
    # A GEOS point is of class Point (GEOSGeometry gives each geometry its type's
    # class), which is cheaper to test than asking GEOS for its type.
    if not isinstance(geom, Point) and getattr(geom, "geom_type", None) != "Point":
        kind = getattr(geom, "geom_type", type(geom).__name__)
        return _("The location must be a Point, not a %(kind)s.") % {"kind": kind}, None
    if geom.srid not in (None, 4326):
        return _("The location must be in WGS 84 (EPSG:4326) longitude/latitude."), None
    lon, lat = geom.coords[:2]
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return _("The location's coordinates must be numbers."), None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return _(
            "[%(lon)s, %(lat)s] is not on Earth: longitude comes first (-180 to 180), "
            "then latitude (-90 to 90)."
        ) % {"lon": f"{lon:g}", "lat": f"{lat:g}"}, None
    return None, (lon, lat)


def place_problem(geom, place, uncertainty_m: int | None, *, lonlat=None) -> str | None:
    """A point far from the gazetteer place it names (e.g. latitude and longitude
    swapped). ``lonlat``: the point's coordinates, if already read."""
    if geom is None or place is None or place.geom is None:
        return None
    tolerance = max(PLACE_TOLERANCE_M, 2 * (uncertainty_m or 0), place.coord_precision_m or 0)
    lon, lat = lonlat or geom.coords[:2]
    place_lon, place_lat = place.geom.coords[:2]
    away = distance_m(lon, lat, place_lon, place_lat)
    if away <= tolerance:
        return None
    message = _(
        "The point [%(lon)s, %(lat)s] is %(km)s km from %(place)s; "
        "move it, or pick the right place."
    ) % {
        "lon": f"{geom.x:g}",
        "lat": f"{geom.y:g}",
        "km": f"{away / 1000:,.0f}",
        "place": local_name(place.name, place.name_ar),
    }
    if distance_m(geom.y, geom.x, place.geom.x, place.geom.y) <= tolerance:
        message += " " + _("Longitude and latitude look swapped: GeoJSON gives longitude first.")
    return message


def incident_problems(incident) -> dict[str, str]:
    """Field -> message for every implausible value of ``incident``."""
    problems = {}
    for field in ("date_start", "date_end"):
        problem = date_problem(getattr(incident, field))
        if problem:
            problems[field] = problem
    problem, lonlat = _read_point(incident.geom)
    if problem is None and incident.place_id is not None:
        problem = place_problem(
            incident.geom, incident.place, incident.uncertainty_m, lonlat=lonlat
        )
    if problem:
        problems["geom"] = problem
    return problems


class FieldRules:
    """Django's field validation of ``model`` (what ``full_clean`` checks per field:
    null, blank, choices and the field's validators), applied to plain values
    without building a model instance or converting values.

    It is a fast path, never a second rule set: ``passes`` answers True only for
    values that need no conversion and break none of the field's own rules, and a
    caller that gets False runs the model's ``full_clean``, which then gives the
    error in Django's own words. The model's ``clean`` (the rules above, for an
    incident) is still the caller's to run."""

    SIMPLE_TYPES = {
        "CharField": str,
        "TextField": str,
        "SlugField": str,
        "URLField": str,
        "PositiveIntegerField": int,
        "IntegerField": int,
        "BooleanField": bool,
        "DateField": dt.date,
    }

    def __init__(self, model, *, exclude=()):
        self.rules = []
        for field in model._meta.concrete_fields:
            if field.name in exclude or field.attname in exclude or field.primary_key:
                continue
            kind = self.SIMPLE_TYPES.get(field.get_internal_type())
            if kind is None:
                continue  # keys, timestamps, geometry: set by the writer, not the file
            choices = {value for value, _ in field.flatchoices} if field.choices else None
            self.rules.append(
                (
                    field.attname,
                    field.get_default(),  # what the model sets when a value is not given
                    kind,
                    field.null,
                    field.blank,
                    choices,
                    *_bounds(field.validators),
                )
            )

    def passes(self, values) -> bool:
        """True if every field value of ``values`` (a dict by attname, or an object
        with those attributes) passes its field's rules as given."""
        get = values.get if isinstance(values, dict) else values.__dict__.get
        for (
            name,
            default,
            kind,
            null,
            blank,
            choices,
            longest,
            least,
            greatest,
            patterns,
            validators,
        ) in self.rules:
            value = get(name, default)
            if value is None:
                if null and blank:
                    continue
                return False
            if value == "" and kind is str:
                if blank:
                    continue
                return False
            if not isinstance(value, kind) or isinstance(value, bool | dt.datetime) != (
                kind is bool
            ):
                return False  # to be converted (or refused) by the field
            if choices is not None and value not in choices:
                return False
            if longest is not None and len(value) > longest:
                return False
            if least is not None and value < least:
                return False
            if greatest is not None and value > greatest:
                return False
            for pattern, inverse in patterns:
                if (pattern.search(str(value)) is not None) == inverse:
                    return False
            for validator in validators:
                try:
                    validator(value)
                except ValidationError:
                    return False
        return True


def _bounds(validators) -> tuple[int | None, int | None, int | None, tuple, tuple]:
    """(longest length, least value, greatest value, patterns, the other validators):
    Django's own MaxLengthValidator, MinValueValidator and MaxValueValidator with a
    fixed limit, and RegexValidator (a slug's, say) as (compiled pattern, inverse),
    which ``passes`` tests inline as the validators would (they are called for every
    value, and each call costs more than the test)."""
    longest = least = greatest = None
    patterns, others = [], []
    for validator in validators:
        limit = getattr(validator, "limit_value", None)
        if type(validator) is MaxLengthValidator and type(limit) is int and longest is None:
            longest = limit
        elif type(validator) is MinValueValidator and type(limit) is int and least is None:
            least = limit
        elif type(validator) is MaxValueValidator and type(limit) is int and greatest is None:
            greatest = limit
        elif type(validator) is RegexValidator:
            regex = validator.regex  # compiled on first use (a lazy object)
            patterns.append((re.compile(regex.pattern, regex.flags), validator.inverse_match))
        else:
            others.append(validator)
    return longest, least, greatest, tuple(patterns), tuple(others)
