"""A self-contained HTML map (folium) that opens from a file with no network.

folium's default page loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs.
This map uses only Leaflet features (circle markers, GeoJSON layers, popups and
the layer control), so those defaults are dropped and Leaflet itself (the copy
django-leaflet ships, the version folium targets) is inlined, its images as data
URIs. There are no tiles: the site's own local basemap (governorates, rivers,
lakes, labelled towns) is embedded as data and drawn by the site's
``static/js/basemap.js``, inlined with ``static/css/basemap.css``. Layers: base
map, control zones per validity period (the one in force on the newest incident's
date shown), incidents.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from functools import cache
from pathlib import Path

import folium
import leaflet as django_leaflet
from branca.element import Element, MacroElement
from django.contrib.staticfiles import finders
from django.utils.html import escape
from django.utils.translation import gettext as _
from folium.template import Template

from events import display
from events.basemap import basemap_features
from events.display import date_label
from events.exports.rows import incident_rows
from events.geojson import polygon_geometry
from events.models import Actor, ControlState, EventType

CONTENT_TYPE = "text/html; charset=utf-8"
MAX_INCIDENTS = 20000
LEAFLET_DIR = Path(django_leaflet.__file__).resolve().parent / "static" / "leaflet"
DEFAULT_CENTER = (35.2, 40.3)


@cache
def inline_leaflet() -> str:
    """Leaflet's CSS and JS as inline <style> and <script>, images as data URIs."""
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match):
        image = LEAFLET_DIR / "images" / match.group(1)
        if not image.exists():
            return "none"
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, css)
    script = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    script = script.replace("</script", "<\\/script")
    return f"<style>{css}</style>\n<script>{script}</script>"


@cache
def inline_basemap_assets() -> str:
    """The site's basemap drawer and label styles, as inline <style> and <script>."""
    css = Path(finders.find("css/basemap.css")).read_text(encoding="utf-8")
    script = Path(finders.find("js/basemap.js")).read_text(encoding="utf-8")
    script = script.replace("</script", "<\\/script")
    return f"<style>{css}</style>\n<script>{script}</script>"


class _DrawBasemap(MacroElement):
    """Draws the embedded basemap features into its parent layer group, with the
    inlined ``conflictBasemap.render`` (JSON embedded escaped for a script)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.conflictBasemap.render(
            {{ this.map_name }},
            {"type": "FeatureCollection", "features": {{ this.features|tojson }}},
            {{ this._parent.get_name() }},
            {"lang": {{ this.lang|tojson }}}
        );
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict], map_name: str):
        super().__init__()
        self._name = "DrawBasemap"
        self.features = features
        self.map_name = map_name
        # Labels in the export's language (Arabic names in an Arabic export).
        self.lang = document_language()[0]


def document_language() -> tuple[str, str]:
    """The export's language and text direction: the request's (``lang``, ``dir``)."""
    from django.utils import translation

    return translation.get_language() or "en", "rtl" if translation.get_language_bidi() else "ltr"


def incident_popup(props: dict, site_url: str = "", actor_names=None) -> str:
    """Popup HTML in the active language; every value from the database is escaped.
    ``actor_names`` maps actor slugs to (name, Arabic name)."""
    actor_names = actor_names or {}

    def actor_html(slug: str, fallback: str) -> str:
        return display.name_html(*actor_names.get(slug, (fallback, "")))

    when = date_label(props["date_start"], props["date_end"], props["date_precision"])
    if props["time_note"]:
        when = _("%(date)s, %(time)s") % {"date": when, "time": props["time_note"]}
    lines = [
        f"<strong>{escape(props['title'])}</strong>",
        f"<div>{escape(when)} · {escape(EventType(props['event_type']).label)}</div>",
        f"<div>{display.name_html(props['place_name'], props['place_name_ar'], bracketed=True)}"
        "</div>",
    ]
    sources = display.source_labels(props["sources"])

    def source(label: str | None) -> str:
        return sources.get(label, label or "")

    if props["claims"]:
        claims = (
            display.claim_text(source(c["source"]), c["min"], c["max"], c["outcome"])
            for c in props["claims"]
        )
        items = "".join(f"<li>{escape(claim)}</li>" for claim in claims)
        lines.append(f"<ul>{items}</ul>")
    # Each alleged perpetrator with who alleges (or claims, or denies) it.
    stances: dict[str, list[str]] = {}
    for item in props["attributions"]:
        if item["role"] == "perpetrator":
            basis = display.attribution_basis(stance=item["stance"], source=source(item["source"]))
            stances.setdefault((item["actor"], item["actor_name"]), []).append(basis)
    if stances:
        separator, heading = _("; "), _("Perpetrators, per source:")
        items = "".join(
            f"<li>{actor_html(*actor)}: {escape(separator.join(said))}</li>"
            for actor, said in stances.items()
        )
        lines.append(f"<div>{escape(heading)}</div><ul>{items}</ul>")
    if props["controller_at_event"]:
        slug = props["controller_at_event"]
        held = _("Held by at the time: %(actor)s (approximate zone)") % {
            "actor": actor_html(slug, slug)
        }
        lines.append(f"<div>{held}</div>")
    if props["uncertainty_m"]:
        within = _("Location within %(metres)s m") % {"metres": props["uncertainty_m"]}
        lines.append(f"<div>{escape(within)}</div>")
    details = _("Details")
    lines.append(f'<a href="{escape(site_url + props["url"])}">{escape(details)}</a>')
    language = "ar" if display.in_arabic() else "en"
    return f'<div lang="{language}" dir="{display.text_direction()}">{"".join(lines)}</div>'


def _incident_layer(incidents, site_url: str, progress=None):
    """The incidents' GeoJSON layer, their [lat, lon] points and newest start date."""
    features, bounds, newest = [], [], None
    actor_names = {
        slug: (name, name_ar)
        for slug, name, name_ar in Actor.objects.using(incidents.db).values_list(
            "slug", "name", "name_ar"
        )
    }
    for row in incident_rows(incidents, progress=progress):
        if row.lon is None:
            continue
        props = row.properties
        features.append(
            {
                "type": "Feature",
                "id": props["code"],
                "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
                "properties": {
                    "code": props["code"],
                    "title": escape(props["title"]),
                    "popup": incident_popup(props, site_url, actor_names),
                },
            }
        )
        bounds.append((row.lat, row.lon))
        newest = max(newest or props["date_start"], props["date_start"])
        if len(features) > MAX_INCIDENTS:
            raise TooManyIncidents(
                _(
                    "The HTML map holds at most %(limit)d incidents; narrow the filter "
                    "or use GeoJSON or GeoPackage."
                )
                % {"limit": MAX_INCIDENTS}
            )
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=_("Incidents (%(count)d)") % {"count": len(features)},
        marker=folium.CircleMarker(
            radius=6, color="#ffffff", weight=2, fill=True, fill_color="#b00020", fill_opacity=0.9
        ),
        # Scrolls when long; opens clear of the layer list (top right).
        popup=folium.GeoJsonPopup(
            fields=["popup"],
            labels=False,
            max_width=320,
            max_height=420,
            auto_pan_padding_top_left=[20, 170],
        ),
        tooltip=folium.GeoJsonTooltip(fields=["title"], labels=False),
    )
    return layer, bounds, newest


class TooManyIncidents(ValueError):
    pass


def _zone_layers(zones, newest: str | None) -> list:
    """One layer per validity period; the one in force on the newest incident's
    date (else the latest) is shown."""
    by_period: dict[tuple, list] = {}
    for zone in zones.select_related("actor").order_by("valid_from", "code"):
        by_period.setdefault((zone.valid_from, zone.valid_to), []).append(zone)
    layers = []
    periods = sorted(by_period)
    shown = periods[-1] if periods else None
    for start, end in periods:
        day = newest and dt.date.fromisoformat(newest)
        if day and start <= day and (end is None or day <= end):
            shown = (start, end)
    for period in periods:
        start, end = period
        label = _("Control %(start)s – %(end)s (approximate)") % {
            "start": start.isoformat(),
            "end": end.isoformat() if end else _("now"),
        }
        features = [
            {
                "type": "Feature",
                "id": zone.code,
                "geometry": polygon_geometry(zone.geom),
                "properties": {
                    "actor": escape(display.local_name(zone.actor.name, zone.actor.name_ar)),
                    "state": zone.state,
                    "state_label": escape(str(ControlState(zone.state).label)),
                    "colour": zone.actor.colour,
                },
            }
            for zone in by_period[period]
        ]
        layers.append(
            folium.GeoJson(
                {"type": "FeatureCollection", "features": features},
                name=label,
                show=period == shown,
                style_function=lambda f: {
                    "color": f["properties"]["colour"],
                    "fillColor": f["properties"]["colour"],
                    "weight": 1,
                    "fillOpacity": 0.15 if f["properties"]["state"] == "held" else 0.05,
                    "dashArray": None if f["properties"]["state"] == "held" else "4 4",
                },
                tooltip=folium.GeoJsonTooltip(fields=["actor", "state_label"], labels=False),
            )
        )
    return layers


def render(
    incidents,
    *,
    zones,
    site_url: str = "",
    title: str | None = None,
    progress=None,
) -> str:
    """The whole HTML document as a string. Raises TooManyIncidents past MAX_INCIDENTS."""
    incident_layer, bounds, newest = _incident_layer(incidents, site_url, progress)
    fmap = folium.Map(
        location=DEFAULT_CENTER, zoom_start=8, tiles=None, prefer_canvas=True, control_scale=True
    )
    # Offline: no CDN links; Leaflet is inlined below.
    fmap.default_js = []
    fmap.default_css = []
    root = fmap.get_root()
    root.header.add_child(Element(inline_leaflet()), name="leaflet_inline")
    root.header.add_child(Element(inline_basemap_assets()), name="basemap_inline")
    title = _("conflictmap incidents") if title is None else title
    root.header.add_child(Element(f"<title>{escape(title)}</title>"), name="title")
    base = folium.FeatureGroup(name=_("Base map (offline)"), control=True)
    base.add_child(_DrawBasemap(basemap_features(), fmap.get_name()))
    base.add_to(fmap)
    for layer in _zone_layers(zones, newest):
        layer.add_to(fmap)
    incident_layer.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    if bounds:
        lats = [b[0] for b in bounds]
        lons = [b[1] for b in bounds]
        fmap.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))], max_zoom=11)
    lang, direction = document_language()
    return root.render().replace("<html>", f'<html lang="{lang}" dir="{direction}">', 1)
