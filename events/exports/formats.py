"""The export formats by name, for the download views and ``export_incidents``:
each writes a file from an incident queryset and a control-zone queryset."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from events.exports import acled_csv, geojson, gpkg, html_map, kml


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    content_type: str
    # Zones go along (GeoPackage layer, KML folder, HTML layers)?
    with_zones: bool


FORMATS = {
    f.name: f
    for f in (
        ExportFormat("geojson", "geojson", geojson.CONTENT_TYPE, False),
        ExportFormat("csv", "csv", acled_csv.CONTENT_TYPE, False),
        ExportFormat("gpkg", "gpkg", gpkg.CONTENT_TYPE, True),
        ExportFormat("kml", "kml", kml.CONTENT_TYPE, True),
        ExportFormat("html", "html", html_map.CONTENT_TYPE, True),
    )
}


def text_chunks(name: str, incidents, *, zones, site_url: str = "", progress=None):
    """The streamed text formats (all but GeoPackage) as an iterator of str."""
    if name == "geojson":
        return geojson.feature_collection_chunks(incidents)
    if name == "csv":
        return acled_csv.lines(incidents, progress=progress)
    if name == "kml":
        return kml.chunks(incidents, zones=zones, progress=progress)
    if name == "html":
        document = html_map.render(incidents, zones=zones, site_url=site_url, progress=progress)
        return iter([document])
    raise ValueError(f"Not a text format: {name}")


def write_file(name: str, incidents, path, *, zones, progress=None, site_url: str = "") -> None:
    """Write the export to ``path``; ``progress(done)`` is called as incidents go."""
    path = Path(path)
    if name == "gpkg":
        gpkg.write(incidents, path, zones=zones, progress=progress)
        return
    with path.open("w", encoding="utf-8", newline="") as stream:
        if name == "geojson":
            geojson.write(incidents, stream, progress=progress)
            return
        for piece in text_chunks(
            name, incidents, zones=zones, site_url=site_url, progress=progress
        ):
            stream.write(piece)


def export_to_file(name: str, params, output, *, progress=None, site_url: str = "") -> int:
    """Export the published incidents matching the API filters ``params`` to
    ``output``; returns how many. Written under a temporary name and moved into
    place, so a failed export leaves no half file. Raises events.filters.BadQuery
    for a bad filter and html_map.TooManyIncidents for an HTML map too large."""
    from events import selectors
    from events.filters import parse_incident_filters

    filters = parse_incident_filters(params)
    incidents = filters.apply(selectors.public_incidents())
    zones = selectors.zones_overlapping(start=filters.start, end=filters.end)
    total = incidents.count()
    output = Path(output)
    partial = output.with_name(f".{output.stem}.partial{output.suffix}")
    reporter = (lambda done: progress(min(done, total), total)) if progress else None
    try:
        write_file(name, incidents, partial, zones=zones, progress=reporter, site_url=site_url)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(output)
    return total
