from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

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
        self.stdout.write(
            ngettext(
                "Re-rendered %(count)d incident (render version %(version)d).",
                "Re-rendered %(count)d incidents (render version %(version)d).",
                count,
            )
            % {"count": count, "version": RENDER_VERSION}
        )
