import json

from django.core.management.base import BaseCommand, CommandError

from events.geocoding.matcher import geocode
from events.geocoding.query import QueryError


class Command(BaseCommand):
    help = (
        'Look up a place name as a report spells it, e.g. geocode "Al-Qusor" or '
        'geocode "Al-Qusour" --near Homs. Prints ranked matches (or JSON with --json).'
    )

    def add_arguments(self, parser):
        parser.add_argument("query", help="the place name, in Latin or Arabic script")
        parser.add_argument("--near", help="a place slug or name, or lat,lon")
        parser.add_argument("--limit", type=int, default=5, help="how many matches (1-50)")
        parser.add_argument("--json", action="store_true", help="print the API's JSON")

    def handle(self, *args, query, near, limit, json: bool, **options):
        try:
            results = geocode(query, near=near, limit=limit)
        except QueryError as exc:
            raise CommandError(str(exc)) from exc
        if json:
            payload = {"query": query, "near": near, "results": [r.as_dict() for r in results]}
            self.stdout.write(dump(payload))
            return
        if not results:
            self.stdout.write(f"No match for {query!r}.")
            return
        for rank, r in enumerate(results, start=1):
            d = r.as_dict()
            where = f"{d['lat']}, {d['lon']}" if d["lat"] is not None else "no point"
            parent = f" in {d['parent']}" if d["parent"] else ""
            self.stdout.write(
                f"{rank}. {d['name']} {d['name_ar']} ({d['kind']}{parent}) [{d['slug']}, "
                f"id {d['place_id']}]\n"
                f"   matched {d['matched_name']!r} by {d['matched_by']}, score {d['score']}"
                + (f", {d['context']}" if d["context"] else "")
                + f"\n   {where}, precision {d['precision']}, ± {d['uncertainty_m']} m"
                + (f", via {d['resolved_via']}" if d["resolved_via"] else "")
            )


def dump(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
