from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.loaders import DATA_DIR, LoadError, load_control_zones


class Command(BaseCommand):
    help = "Load territorial-control zones from GeoJSON (idempotent, upsert by feature id)."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", type=Path, default=DATA_DIR / "control_zones_2017-10.geojson"
        )

    def handle(self, *args, file, **options):
        try:
            report = load_control_zones(path=file)
        except (LoadError, FileNotFoundError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(report))
