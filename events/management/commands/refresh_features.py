from django.core.management.base import BaseCommand

from events.exports.stored import RENDER_VERSION
from events.services.derived import refresh_stale_features


class Command(BaseCommand):
    help = (
        "Re-render the export texts each incident stores (GeoJSON Feature, flat values) "
        "and its casualty figures: those never rendered or rendered by an older version "
        "of the renderer, or with --all every incident (after writes made behind the "
        "services' back, such as raw SQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Re-render every incident.")

    def handle(self, *args, **options):
        count = refresh_stale_features(everything=options["all"])
        self.stdout.write(f"Re-rendered {count} incident(s) (render version {RENDER_VERSION}).")
