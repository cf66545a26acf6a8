"""UCDP GED import speed on the real file (events/data/ucdp_ged_syria_2016-2019.csv,
16,566 rows): the first import (parse, actor dictionary, linking against the seed
incident, validation, bulk write with history, derived data), the re-run with
nothing changed (rows skipped by digest), and a peer measured in the same run: the
same incidents, sources, claims and attributions, prepared from the same parsed rows,
written with plain ORM bulk_create (no validation, no history, no links, no derived
data). Targets (issue 13): first import <= 10 s, re-run >= 10,000 rows/s, at the
full 16,566 rows.

    .venv/bin/python benchmarks/bench_import_ucdp.py
"""

from __future__ import annotations

import resource

from bench_import import cpu_ratio, cpu_text, server_cpu_seconds, server_cpu_since
from harness import measure, report, setup_django, target

FULL_ROWS = 16566


def peer_bulk_create(records) -> None:
    from django.db import transaction

    from events.models import Attribution, CasualtyClaim, Incident, Source

    with transaction.atomic():
        incidents = Incident.objects.bulk_create(
            [
                Incident(
                    **{
                        **{k: v for k, v in r.create_fields.items() if k != "external_id"},
                        **r.fields,
                    },
                    external_id=f"peer:{r.ident}",
                    code=f"peer-{n}",
                    status="published",
                )
                for n, r in enumerate(records)
            ],
            batch_size=500,
        )
        sources, claims, attributions = [], [], []
        for incident, record in zip(incidents, records, strict=True):
            mine = {}
            for spec in record.sources:
                source = spec.row(incident)
                sources.append(source)
                mine.setdefault(spec.key, source)
            claims += [c.row(incident, mine[c.source_key]) for c in record.claims]
            attributions += [a.row(incident, mine.get(a.source_key)) for a in record.attributions]
        Source.objects.bulk_create(sources, batch_size=500)
        CasualtyClaim.objects.bulk_create(claims, batch_size=500)
        Attribution.objects.bulk_create(attributions, batch_size=500)


def main() -> None:
    kind = setup_django("import_ucdp")
    from django.core.management import call_command

    from events.datasets import UCDP_GED_SYRIA
    from events.imports import import_incidents
    from events.imports.acled_csv import decoded_lines
    from events.imports.actors import ActorResolver
    from events.imports.ucdp_ged import parse

    call_command("load_demo", verbosity=0)
    path = UCDP_GED_SYRIA.path
    print(f"bench_import_ucdp on {kind}: {path.name}")

    server = server_cpu_seconds()
    with measure() as first:
        created = import_incidents(path=path, status="published", packaged=True)
    first_server = server_cpu_since(server)
    rows = created.rows
    server = server_cpu_seconds()
    with measure() as again:
        rerun = import_incidents(path=path, status="published", packaged=True)
    again_server = server_cpu_since(server)
    with measure(track_memory=True) as traced:  # tracemalloc slows it: not timed
        import_incidents(path=path, status="published", packaged=True)
    assert created.created + created.updated == rows and rerun.unchanged == rows
    with open(path, "rb") as stream:  # read as the importer reads it, row by row
        records, errors, _, _ = parse(decoded_lines(stream), actors=ActorResolver())
    assert not errors and len(records) == rows
    server = server_cpu_seconds()
    with measure() as peer:
        peer_bulk_create(records)
    peer_server = server_cpu_since(server)

    report("rows", f"{rows:,}")
    report("links made / candidates left", f"{len(created.links)} / {len(created.candidates)}")
    for line in created.links:
        print(f"    {line}")
    report(
        "first import (created and joined)",
        f"{first.seconds:.2f} s ({cpu_text(first, first_server)})",
    )
    report("  rows per second", f"{rows / first.seconds:,.0f}")
    target("  target <= 10 s at 16,566 rows", first.seconds <= 10, rows=rows, at_rows=FULL_ROWS)
    report(
        "re-run (all unchanged)",
        f"{again.seconds:.2f} s ({cpu_text(again, again_server)})",
    )
    report("  rows per second", f"{rows / again.seconds:,.0f}")
    target(
        "  target >= 10,000 rows/s at 16,566 rows",
        rows / again.seconds >= 10_000,
        rows=rows,
        at_rows=FULL_ROWS,
    )
    report("  re-run Python heap peak (tracemalloc, separate run)", f"{traced.peak_mb:.0f} MB")
    report(
        "peer: ORM bulk_create of the same parsed rows",
        f"{peer.seconds:.2f} s ({cpu_text(peer, peer_server)})",
    )
    report("ratio first import / peer", f"{first.seconds / peer.seconds:.1f}x")
    ratio = cpu_ratio(first, first_server, peer, peer_server)
    if ratio:
        report("  CPU, client + database server: import / peer", ratio)
    report("process max RSS", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
