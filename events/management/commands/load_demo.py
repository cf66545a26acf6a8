from django.core.management.base import BaseCommand
from django.db import transaction

from events.loaders import (
    load_actor_aliases,
    load_actors,
    load_control_zones,
    load_default_gazetteer,
    load_demo_incidents,
)


class Command(BaseCommand):
    help = (
        "Load actors, the gazetteer, the approximate autumn-2017 control zones and the "
        "real, cited demo incidents. Idempotent."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            reports = [
                load_actors(),
                load_actor_aliases(),
                *load_default_gazetteer(),
                load_control_zones(),
            ]
            reports.append(load_demo_incidents())
        for report in reports:
            self.stdout.write(str(report))
            for note in report.notes:
                self.stdout.write(f"  {note}")
