from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils.translation import ngettext

from events.exports.stored import RENDER_VERSION
from events.models import Incident
from events.services import incidents_changed


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
        incidents = Incident.objects.all()
        if not options["all"]:
            incidents = incidents.filter(~Q(render_version=RENDER_VERSION) | Q(feature_json=""))
        ids = list(incidents.values_list("pk", flat=True))
        incidents_changed(ids=ids, touch=False)
        self.stdout.write(
            ngettext(
                "Re-rendered %(count)d incident (render version %(version)d).",
                "Re-rendered %(count)d incidents (render version %(version)d).",
                len(ids),
            )
            % {"count": len(ids), "version": RENDER_VERSION}
        )
