"""What is derived from an incident, kept in one place.

An incident's casualty figures (from its claims), its stored export texts (GeoJSON
Feature and flat values, ``events.exports.stored``), its share of the map's grid
counts (``events.services.mapgrid``) and its ``updated_at`` (what mirrors sync on)
follow from what it is made of. Every write in ``events.services`` ends by
calling ``incidents_changed`` with the incidents it touched; nothing else (no
signal) maintains them. Inside ``changes()`` the work is gathered and done once,
at the end of the block, still inside the caller's transaction.

The public answers cached from the data (``events.public_cache``) go stale only
when the write can change one: when a touched incident is public after it
(``_any_public``), or was public before it. Only the caller knows the second
(a workflow step away from published, ``IncidentQuerySet.update`` of the
status), and says so with ``was_public=True``. A draft or an incident in review
saved on its own leaves every cached public answer as it was.
"""

from __future__ import annotations

import statistics
import threading
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connections, transaction
from django.utils import timezone

from events.db_lists import one_of
from events.models import CasualtyClaim, ClaimOutcome, Incident, IncidentStatus
from events.public_cache import public_data_changed
from events.services.mapgrid import refresh_map_grid

FEATURE_BATCH = 2000
FIGURE_FIELDS = (
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "injured_low",
    "injured_high",
)

_pending = threading.local()


def source_totals(claims, outcome: str) -> list[tuple[int, int | None, float]]:
    """Per source, the (min, max, centre) sum over populations of one outcome. A
    claim's centre is its source's own best estimate when it gives one (UCDP GED),
    else the midpoint of its range (the minimum when open-ended)."""
    per_source: dict[int, tuple[int, int | None, float]] = {}
    for claim in claims:
        if claim.outcome != outcome:
            continue
        lo, hi, centre = per_source.get(claim.source_id, (0, 0, 0))
        hi = None if hi is None or claim.max_value is None else hi + claim.max_value
        best = claim.best_value
        if best is None:
            best = (
                claim.min_value
                if claim.max_value is None
                else (claim.min_value + claim.max_value) / 2
            )
        per_source[claim.source_id] = (lo + claim.min_value, hi, centre + best)
    return list(per_source.values())


def casualty_figures(claims) -> dict[str, int | None]:
    """Derive an incident's figures from its claims without merging them.

    Each source's claims are summed over populations. ``low`` is the lowest minimum
    any source gives, ``high`` the highest figure any source gives (its maximum, or
    its minimum when open-ended), ``best`` the median of the sources' central
    values (a source's own best estimate when it gives one, else the midpoint of
    its range, the minimum when open-ended). The claims
    themselves stay separate; these are summaries for sorting and sizing.
    """
    figures: dict[str, int | None] = {}
    killed = source_totals(claims, ClaimOutcome.KILLED)
    if killed:
        figures["fatalities_low"] = min(lo for lo, _, _ in killed)
        figures["fatalities_high"] = max(hi if hi is not None else lo for lo, hi, _ in killed)
        figures["fatalities_best"] = int(statistics.median(c for _, _, c in killed))
    else:
        figures.update(fatalities_low=None, fatalities_high=None, fatalities_best=None)
    injured = source_totals(claims, ClaimOutcome.INJURED)
    if injured:
        figures["injured_low"] = min(lo for lo, _, _ in injured)
        figures["injured_high"] = max(hi if hi is not None else lo for lo, hi, _ in injured)
    else:
        figures.update(injured_low=None, injured_high=None)
    return figures


def _execute_many(sql_columns: tuple[str, ...], rows: list[tuple], *, using: str) -> None:
    # executemany (pipelined on psycopg): one statement, many parameter rows.
    if not rows:
        return
    connection = connections[using]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column)} = %s" for column in sql_columns)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(Incident._meta.db_table)} SET {assignments} WHERE id = %s", rows
        )


def _refresh_figures(ids: list[int], *, using: str) -> None:
    claims = defaultdict(list)
    for start in range(0, len(ids), FEATURE_BATCH):
        chunk = ids[start : start + FEATURE_BATCH]
        for claim in (
            CasualtyClaim.objects.using(using)
            .filter(one_of(CasualtyClaim, "incident", chunk, using=using))
            .only("incident_id", "source_id", "outcome", "min_value", "max_value", "best_value")
        ):
            claims[claim.incident_id].append(claim)
    rows = []
    for pk in ids:
        figures = casualty_figures(claims.get(pk, ()))
        rows.append((*(figures[name] for name in FIGURE_FIELDS), pk))
    _execute_many(FIGURE_FIELDS, rows, using=using)


def refresh_incident_features(*, incidents) -> int:
    """Re-render what every incident of the queryset ``incidents`` keeps for exports
    (``events.exports.stored``) and stamp it with the current render version;
    return how many. ``manage.py refresh_features`` calls it for stale rows."""
    from events.exports.stored import RENDER_VERSION, STORED_COLUMNS, renderings

    using = incidents.db
    ids = list(incidents.order_by().values_list("pk", flat=True))
    with transaction.atomic(using=using):
        for start in range(0, len(ids), FEATURE_BATCH):
            chunk = Incident.objects.using(using).filter(
                one_of(Incident, "id", ids[start : start + FEATURE_BATCH], using=using)
            )
            rendered = [
                (*texts, RENDER_VERSION, pk)
                for pk, *texts in renderings(chunk, chunk_size=FEATURE_BATCH)
            ]
            _execute_many((*STORED_COLUMNS, "render_version"), rendered, using=using)
    return len(ids)


def _any_public(ids: list[int], *, using: str) -> bool:
    """Whether any of the incidents ``ids`` is published now. Synthetic ones count
    too, whatever settings.SHOW_SYNTHETIC_INCIDENTS says here: processes that
    share the cache may show them (events.selectors.published_incidents)."""
    return any(
        Incident.objects.using(using)
        .filter(
            one_of(Incident, "id", ids[start : start + FEATURE_BATCH], using=using),
            status=IncidentStatus.PUBLISHED,
        )
        .exists()
        for start in range(0, len(ids), FEATURE_BATCH)
    )


def _apply(
    ids: set[int],
    *,
    render: set[int],
    figures: set[int],
    touch: set[int],
    was_public: bool,
    using: str,
) -> None:
    """Re-render ``render`` (with ``figures`` and ``touch``); before that, refresh
    the figures of ``figures`` and move ``updated_at`` of ``touch`` (all subsets of
    ``ids``); then the map grid of ``ids``. Public answers cached from the data
    before this write are stale from now on if some of ``ids`` was public before
    it (``was_public``) or is public now."""
    ordered = sorted(ids)
    if was_public or _any_public(ordered, using=using):
        public_data_changed(using=using)
    if not ordered:
        return
    with transaction.atomic(using=using):
        if touch:
            now = timezone.now()
            touched = sorted(touch)
            for start in range(0, len(touched), FEATURE_BATCH):
                Incident.objects.using(using).filter(
                    one_of(Incident, "id", touched[start : start + FEATURE_BATCH], using=using)
                ).update_derived(updated_at=now)
        if figures:
            _refresh_figures(sorted(figures), using=using)
        stale = sorted(render | figures | touch)
        if stale:
            refresh_incident_features(
                incidents=Incident.objects.using(using).filter(
                    one_of(Incident, "id", stale, using=using)
                )
            )
        refresh_map_grid(ids=ordered, using=using)


def incidents_changed(
    *,
    ids: Iterable[int],
    figures: bool = True,
    touch: bool = True,
    was_public: bool = False,
    rendered: bool = False,
    using: str = "default",
) -> None:
    """Bring what is derived from the incidents ``ids`` up to date: casualty figures
    (``figures``), ``updated_at`` (``touch``: the export's content changed, so
    mirrors must fetch it again), the stored export texts (unless the write stored
    them ``rendered`` from what it wrote, figures and ``updated_at`` included) and
    the map grid. ``was_public``: the write may have taken some of them out of
    public view (a published incident archived or sent back), so the public answers
    go stale even if none of them is public now. Inside ``changes()`` the work
    waits for the end of the block (each incident getting what any call asked for
    it)."""
    ids = {pk for pk in ids if pk is not None}
    render = set() if rendered else ids
    batch = getattr(_pending, "batch", None)
    if batch is not None and batch["using"] == using:
        batch["ids"] |= ids
        batch["render"] |= render
        if figures:
            batch["figures"] |= ids
        if touch:
            batch["touch"] |= ids
        batch["was_public"] |= was_public
        return
    _apply(
        ids,
        render=render,
        figures=ids if figures else set(),
        touch=ids if touch else set(),
        was_public=was_public,
        using=using,
    )


@contextmanager
def changes(*, using: str = "default"):
    """Gather ``incidents_changed`` calls made inside the block and apply them once
    at its end (a page that saves an incident and ten of its parts renders it once).
    Nested blocks join the outer one."""
    if getattr(_pending, "batch", None) is not None:
        yield
        return
    _pending.batch = {
        "ids": set(),
        "render": set(),
        "figures": set(),
        "touch": set(),
        "was_public": False,
        "using": using,
    }
    try:
        yield
        batch = _pending.batch
    finally:
        _pending.batch = None
    _apply(
        batch["ids"],
        render=batch["render"],
        figures=batch["figures"],
        touch=batch["touch"],
        was_public=batch["was_public"],
        using=using,
    )


def refresh_stale_features(*, everything: bool = False, progress=None) -> int:
    """Re-render the stored export texts and figures of the incidents rendered by an
    older renderer or never (``everything``: of all incidents, after writes made
    behind the services' back); return how many. Each batch commits on its own
    (``incidents_changed`` is atomic per call): a refresh stopped half-way leaves
    every incident either refreshed or as it was, and running it again finishes
    the rest. ``progress(done, total)`` follows the batches."""
    from django.db.models import Q

    from events.exports.stored import RENDER_VERSION

    incidents = Incident.objects.all()
    if not everything:
        incidents = incidents.filter(~Q(render_version=RENDER_VERSION) | Q(feature_json=""))
    ids = list(incidents.order_by("pk").values_list("pk", flat=True))
    if progress:
        progress(0, len(ids))
    for start in range(0, len(ids), FEATURE_BATCH):
        incidents_changed(ids=ids[start : start + FEATURE_BATCH], touch=False)
        if progress:
            progress(min(start + FEATURE_BATCH, len(ids)), len(ids))
    return len(ids)
