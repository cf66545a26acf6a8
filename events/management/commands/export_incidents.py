"""Export published incidents to a file, with the same filters as the API."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.exports.formats import FORMATS, export_to_file
from events.exports.html_map import TooManyIncidents
from events.filters import BadQuery

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
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"No such folder: {output.parent}")
        started = time.perf_counter()
        interactive = sys.stderr.isatty()

        def progress(done, total):
            line = f"{done}/{total} incidents, {time.perf_counter() - started:.1f} s"
            if interactive:
                self.stderr.write(f"\r{line}", ending="")
            else:
                self.stderr.write(line)

        try:
            total = export_to_file(
                options["format"],
                params,
                output,
                progress=progress,
                site_url=options["site_url"].rstrip("/"),
            )
        except (BadQuery, TooManyIncidents) as exc:
            raise CommandError(str(exc)) from None
        if interactive:
            self.stderr.write("")
        self.stdout.write(
            f"Wrote {total} incidents to {output} ({options['format']}, "
            f"{time.perf_counter() - started:.1f} s)."
        )
