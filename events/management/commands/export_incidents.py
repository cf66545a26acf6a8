"""Export published incidents to a file, with the same filters as the API."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events import selectors
from events.exports.formats import FORMATS, write_file
from events.exports.html_map import TooManyIncidents
from events.filters import BadQuery, parse_incident_filters

# Command-line option -> API query parameter.
FILTER_OPTIONS = {
    "from": "from",
    "to": "to",
    "bbox": "bbox",
    "type": "type",
    "actor": "actor",
    "role": "role",
    "min_fatalities": "min_fatalities",
    "q": "q",
    "controller": "controller",
    "updated_since": "updated_since",
}


class Command(BaseCommand):
    help = (
        "Export published incidents as geojson, csv (ACLED layout), gpkg (incidents and "
        "control zones), kml or html (offline map). Filters as in the API."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument("-o", "--output", required=True, help="File to write.")
        parser.add_argument("--from", dest="from", metavar="YYYY-MM-DD")
        parser.add_argument("--to", metavar="YYYY-MM-DD")
        parser.add_argument("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT")
        parser.add_argument("--type", help="ACLED event type(s), comma-separated.")
        parser.add_argument("--actor", help="Actor slug(s), comma-separated.")
        parser.add_argument("--role", choices=["perpetrator", "target"])
        parser.add_argument("--min-fatalities", dest="min_fatalities")
        parser.add_argument("--q", help="Free text.")
        parser.add_argument("--controller", help="Slug of the actor holding the point.")
        parser.add_argument("--updated-since", dest="updated_since", metavar="DATE[THH:MM]")
        parser.add_argument("--site-url", default="", help="Prefix for detail links (HTML).")

    def handle(self, *args, **options):
        params = {
            param: options[name] for name, param in FILTER_OPTIONS.items() if options.get(name)
        }
        try:
            filters = parse_incident_filters(params)
        except BadQuery as exc:
            raise CommandError(str(exc)) from None
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"No such folder: {output.parent}")
        incidents = filters.apply(selectors.public_incidents())
        zones = selectors.zones_overlapping(start=filters.start, end=filters.end)
        total = incidents.count()
        started = time.perf_counter()
        interactive = sys.stderr.isatty()

        def progress(done):
            line = f"{min(done, total)}/{total} incidents, {time.perf_counter() - started:.1f} s"
            if interactive:
                self.stderr.write(f"\r{line}", ending="")
            else:
                self.stderr.write(line)

        # Write to a temporary name, then move: a failed export leaves no half file.
        partial = output.with_name(f".{output.stem}.partial{output.suffix}")
        try:
            write_file(
                options["format"],
                incidents,
                partial,
                zones=zones,
                progress=progress,
                site_url=options["site_url"].rstrip("/"),
            )
        except TooManyIncidents as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(str(exc)) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(output)
        if interactive:
            self.stderr.write("")
        self.stdout.write(
            f"Wrote {total} incidents to {output} ({options['format']}, "
            f"{time.perf_counter() - started:.1f} s)."
        )
