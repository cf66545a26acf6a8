"""manage.py rebuild_map_grid: recompute the map's pre-aggregated grid counts
from the incident table (after rows were loaded without events.services)."""

from django.core.management.base import BaseCommand

from events.services.mapgrid import rebuild_map_grid


class Command(BaseCommand):
    help = "Recompute the map's grid counts from the published incidents."

    def handle(self, *args, **options):
        counted = rebuild_map_grid()
        self.stdout.write(f"Counted {counted:,} published incidents in the map grid.")
