from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.loaders import LoadError, load_default_gazetteer, load_gazetteer_csv


class Command(BaseCommand):
    help = "Load gazetteer places and their spellings (idempotent). Without a file, loads "
    help += "Syria's governorates and the Deir ez-Zor data pack."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help="CSV in the data-pack layout")

    def handle(self, *args, files, **options):
        try:
            reports = (
                [load_gazetteer_csv(path=f) for f in files] if files else load_default_gazetteer()
            )
        except (LoadError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        for report in reports:
            self.stdout.write(str(report))
