"""Check every row of a file and write it in one transaction, batch by batch.

Policy: if any row is bad, the whole file is rejected and nothing is written (the
batches written before the first problem are rolled back with the transaction); the
rejection lists the bad rows with their line numbers and reasons (the first
RowErrors.LIMIT of them, and how many more there are), so the editor fixes
the file and imports it again. Memory is bounded by a batch (``Run``), not the file.
Rows are upserted by id (an incident whose external_id or public code equals the
row's id), so re-running an import changes nothing. New incidents start as drafts
unless a Reviewer asks for another status; existing incidents keep their status,
and only someone who may edit an incident (events.permissions) may change it by
import.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F, Max, Model, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from events import linking
from events.db_lists import one_of
from events.models import (
    Attribution,
    CasualtyClaim,
    Incident,
    IncidentLink,
    IncidentStatus,
    LinkStatus,
    Source,
)
from events.permissions import can_edit_incident, is_reviewer
from events.services import bulk, generate_incident_code, incident_code_candidate, incidents_changed
from events.services import changes as derived_changes
from events.services.mapgrid import gathered_cells
from events.validation import FieldRules

from . import acled_csv, geojson, ucdp_ged
from .actors import ActorChoices, ActorResolver, UnknownActorChoice
from .collector import rare_full_collections
from .page_cache import import_page_cache
from .records import (
    AttributionSpec,
    ClaimSpec,
    FileProblem,
    IncidentRecord,
    RowErrors,
    RowProblem,
    SourceSpec,
    Tally,
    same_point,
)

FORMATS = {".csv": "acled-csv", ".geojson": "geojson", ".json": "geojson"}
# Formats read row by row (GeoJSON is read whole).
PARSERS = {"acled-csv": acled_csv.iter_records, "ucdp-ged": ucdp_ged.iter_records}
BATCH_ROWS = 2000  # rows checked, planned and written at a time
# Formats whose actor names go through the dictionary, with the dataset their rows
# belong to (events.models.IncidentLink.dataset).
DATASETS = {"acled-csv": "acled", "ucdp-ged": ucdp_ged.DATASET}

Progress = Callable[[str, int, int], None]


@dataclass
class ImportReport:
    filename: str
    format: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    dry_run: bool = False
    details: list[str] = field(default_factory=list)
    # Actor names not in the dictionary: name -> rows naming it, and what became of
    # those the editor chose for ("created" or "mapped to <slug>").
    unknown_actors: dict[str, int] = field(default_factory=dict)
    actor_outcomes: dict[str, str] = field(default_factory=dict)
    # Rows joined to existing incidents, and rows linked as candidates.
    links: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        text = _(
            "%(file)s: %(rows)d rows: %(created)d created, %(updated)d updated, "
            "%(unchanged)d unchanged, %(rejected)d rejected"
        ) % {
            "file": self.filename,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }
        if self.links or self.candidates:
            text += _(
                "; %(joined)d joined to existing incidents, %(candidates)d linked as "
                "candidates for review"
            ) % {"joined": len(self.links), "candidates": len(self.candidates)}
        return text + (_(" (dry run: nothing was written)") if self.dry_run else "")

    def __str__(self) -> str:
        return self.summary()

    @property
    def shown_details(self) -> list[str]:
        """The detail lines a page shows (the command prints them all)."""
        return self.details[: RowErrors.LIMIT]

    @property
    def unshown_details(self) -> int:
        return max(0, len(self.details) - RowErrors.LIMIT)


class ImportRejected(Exception):
    """The file was refused. ``errors`` lists (line, label, reason) for the first
    RowErrors.LIMIT bad rows in file order; ``unlisted`` counts the bad rows past
    those, so a file of a million bad rows gives a short, complete-in-count report."""

    def __init__(self, report: ImportReport, errors):
        if not isinstance(errors, RowErrors):
            errors = RowErrors(errors)
        self.report = report
        self.errors = errors.listed()
        self.unlisted = errors.unlisted
        report.rejected = errors.total - errors.file_level
        lines = "\n".join(
            f"  {report.filename}, {label}: {reason}" for _line, label, reason in self.errors
        )
        more = (
            "\n  "
            + _("... and %(count)d more row(s) with problems (the first %(listed)d are listed)")
            % {"count": self.unlisted, "listed": len(self.errors)}
            if self.unlisted
            else ""
        )
        super().__init__(
            _(
                "%(rejected)d of %(rows)d row(s) rejected; nothing was written. "
                "Fix these and import again:"
            )
            % {"rejected": report.rejected, "rows": report.rows}
            + f"\n{lines}{more}"
        )


@dataclass
class Plan:
    record: IncidentRecord
    incident: Incident
    outcome: str
    changed_fields: list[str] = field(default_factory=list)
    new_sources: list[SourceSpec] = field(default_factory=list)
    source_updates: list[tuple[Source, dict]] = field(default_factory=list)
    new_claims: list[ClaimSpec] = field(default_factory=list)
    claim_updates: list[tuple[CasualtyClaim, dict]] = field(default_factory=list)
    new_attributions: list[AttributionSpec] = field(default_factory=list)
    acled_claim: tuple | None = None


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(msgs)}" if name != "__all__" else " ".join(msgs)
            for name, msgs in error.message_dict.items()
        )
    return " ".join(error.messages)


# Checked elsewhere or set by the writer (see Planner.plan).
INCIDENT_UNCHECKED = ("created_by", "geom", "place")
_RULES: dict = {}


def _rules(model, exclude) -> FieldRules:
    key = (model, tuple(exclude))
    if key not in _RULES:
        _RULES[key] = FieldRules(model, exclude=exclude)
    return _RULES[key]


def check(obj, *, exclude, what: str = "", unique: bool = False) -> None:
    """``obj.full_clean`` without the database checks, by the fast path when its field
    values plainly pass (events.validation.FieldRules; the model's ``clean`` still
    runs): a RowProblem in Django's words otherwise."""
    prefix = f"{what}: " if what else ""
    try:
        if not unique and _rules(type(obj), exclude).passes(obj):
            obj.clean()
        else:
            obj.full_clean(exclude=exclude, validate_unique=unique, validate_constraints=False)
    except ValidationError as exc:
        raise RowProblem(prefix + _messages(exc)) from None


def check_values(model, values: dict, *, exclude, what: str) -> None:
    """``check`` for a row given as plain values; the instance is built only when
    the model has its own ``clean`` or a value needs Django's own message."""
    if model.clean is Model.clean and _rules(model, exclude).passes(values):
        return
    check(model(**values), exclude=exclude, what=what)


def _same(incident: Incident, name: str, value) -> bool:
    if name == "place":
        return incident.place_id == (value.pk if value is not None else None)
    current = getattr(incident, name)
    if isinstance(current, GEOSGeometry) or isinstance(value, GEOSGeometry):
        return same_point(current, value)
    return current == value


def _source_index(sources) -> dict[str, Source]:
    index = {}
    for source in sources:
        index.setdefault(str(source).casefold(), source)
    for source in sources:
        index.setdefault(source.name.casefold(), source)
    return index


class _Keyed:
    """A stored source with the key an exact SourceSpec is matched on."""

    def __init__(self, source: Source):
        self.source = source
        self.label_key = str(source).casefold()
        self.published_on = source.published_on
        self.excerpt = source.excerpt


class Planner:
    """Plans rows against what the database holds for them. ``codes``: the codes
    already given to new incidents of the file (shared by the planners of its
    batches)."""

    def __init__(
        self,
        *,
        user,
        status: str,
        synthetic: bool,
        records: list[IncidentRecord],
        codes: set[str] | None = None,
    ):
        self.user, self.status, self.synthetic = user, status, synthetic
        self.codes: set[str] = set() if codes is None else codes
        self.existing: dict[tuple[str, str], Incident] = {}
        idents = [r.ident for r in records]
        for start in range(0, len(idents), 500):
            chunk = idents[start : start + 500]
            for incident in (
                Incident.objects.filter(
                    one_of(Incident, "external_id", chunk) | one_of(Incident, "code", chunk)
                )
                .select_related("place")
                .prefetch_related(
                    "sources",
                    Prefetch("claims", queryset=CasualtyClaim.objects.select_related("source")),
                    Prefetch("attributions", queryset=Attribution.objects.select_related("source")),
                )
            ):
                if incident.external_id:
                    self.existing[("x", incident.external_id)] = incident
                self.existing[("c", incident.code)] = incident

        self.joined: set[str] = set()
        links = {}
        for ext, pk in IncidentLink.objects.filter(
            one_of(IncidentLink, "external_id", idents),
            status__in=[LinkStatus.JOINED, LinkStatus.CONFIRMED],
        ).values_list("external_id", "incident_id"):
            links[ext] = pk
        for ext, incident in zip(links, self.load(list(links.values())), strict=True):
            self.adopt(ext, incident)

    @staticmethod
    def load(pks: list[int]) -> list[Incident]:
        """Incidents by primary key, in that order, with what planning reads."""
        found = {}
        for start in range(0, len(pks), 500):
            for incident in (
                Incident.objects.filter(one_of(Incident, "id", pks[start : start + 500]))
                .select_related("place")
                .prefetch_related(
                    "sources",
                    Prefetch("claims", queryset=CasualtyClaim.objects.select_related("source")),
                    Prefetch("attributions", queryset=Attribution.objects.select_related("source")),
                )
            ):
                found[incident.pk] = incident
        return [found[pk] for pk in pks]

    def adopt(self, ident: str, incident: Incident) -> None:
        """Plan the row ``ident`` as another account of ``incident`` (a dataset link):
        it adds sources, claims and attributions and leaves the incident's fields."""
        self.existing[("x", ident)] = incident
        self.joined.add(ident)

    def find(self, ident: str) -> Incident | None:
        return self.existing.get(("x", ident)) or self.existing.get(("c", ident))

    def plan(self, record: IncidentRecord) -> Plan:
        existing = self.find(record.ident)
        fields = {} if record.ident in self.joined else record.fields_for(existing)
        if existing is None:
            incident = Incident(
                **{**record.create_fields, **fields},
                status=self.status,
                created_by=self.user,
                synthetic=self.synthetic,
            )
            if self.status == IncidentStatus.PUBLISHED:
                incident.published_at = timezone.now()
            # Checked against the database for the whole file at once (unique_codes).
            code = incident_code_candidate(day=incident.date_start)
            while code in self.codes:
                code = incident_code_candidate(day=incident.date_start)
            self.codes.add(code)
            incident.code = code
            plan = Plan(record, incident, "created", changed_fields=list(fields))
        else:
            incident = existing
            changed = [name for name, value in fields.items() if not _same(incident, name, value)]
            for name in changed:
                setattr(incident, name, fields[name])
            plan = Plan(record, incident, "updated", changed_fields=changed)
        if plan.changed_fields:
            if incident.status == IncidentStatus.PUBLISHED and incident.geom is None:
                raise RowProblem(_("a published incident must keep its location"))
            # Field checks only: each database check costs a query per row. The
            # parsers checked the point, found the place and ordered the dates;
            # publication needs a location (checked above); a new incident's id
            # was looked up above and its code is checked in bulk (unique_codes).
            # The database constraints still stand behind all of this.
            check(incident, exclude=INCIDENT_UNCHECKED, unique=existing is not None)
        self.plan_children(plan, existing)
        if existing is not None and not (
            plan.changed_fields
            or plan.new_sources
            or plan.source_updates
            or plan.new_claims
            or plan.claim_updates
            or plan.new_attributions
            or plan.acled_claim
        ):
            plan.outcome = "unchanged"
        if plan.outcome == "updated" and self.user is not None:
            if not can_edit_incident(self.user, existing):
                raise RowProblem(
                    f"the file changes incident {existing.code}, which is "
                    f"{existing.get_status_display().lower()}; only its author (while it is "
                    "a draft) or a Reviewer may change it"
                )
        if plan.outcome == "created" and self.status in (
            IncidentStatus.REVIEW,
            IncidentStatus.PUBLISHED,
        ):
            if incident.geom is None or not record.sources:
                raise RowProblem(
                    f"cannot be imported as {IncidentStatus(self.status).label.lower()}: "
                    "it needs a location and a source"
                )
        return plan

    def plan_children(self, plan: Plan, existing: Incident | None) -> None:
        record = plan.record
        stored_sources = list(existing.sources.all()) if existing else []
        known = _source_index(stored_sources)
        labels = set(known)
        exact = {(s.label_key, s.published_on, s.excerpt): s for s in map(_Keyed, stored_sources)}
        for spec in record.sources:
            if spec.exact:
                key = (spec.key, spec.values.get("published_on"), spec.values.get("excerpt", ""))
                found = exact.get(key)
                if found is None:
                    exact[key] = spec
            else:
                found = known.get(spec.key) or (
                    known.get(spec.name.casefold()) if not spec.reported_via else None
                )
            if isinstance(found, SourceSpec):
                continue  # the same entry twice in one row (or a new source named twice)
            found = found.source if isinstance(found, _Keyed) else found
            if found is None:
                check_values(
                    Source, spec.plain(), exclude=["incident"], what=f"source {spec.label!r}"
                )
                plan.new_sources.append(spec)
                labels.add(spec.key)
                known[spec.key] = spec
                continue
            diff = {k: v for k, v in spec.values.items() if getattr(found, k) != v}
            if diff and found.pk:
                # Checked as the source will be saved, as a new source is above.
                changed = copy.copy(found)
                for name, value in diff.items():
                    setattr(changed, name, value)
                check(changed, exclude=["incident"], what=f"source {spec.label!r}")
                plan.source_updates.append((found, diff))

        stored_claims = list(existing.claims.all()) if existing else []
        claims = {(str(c.source).casefold(), c.outcome, c.population): c for c in stored_claims}
        for spec in record.claims:
            if spec.source_key not in labels:
                raise RowProblem(f"a claim cites source {spec.source_key!r}, which is not listed")
            found = claims.get(spec.key)
            values = {
                "min_value": spec.min_value,
                "max_value": spec.max_value,
                "best_value": spec.best,
                "wording": spec.wording,
            }
            if spec.max_value is not None and spec.max_value < spec.min_value:
                raise RowProblem(
                    f"a claim by {spec.source_key!r} has min {spec.min_value} above max "
                    f"{spec.max_value}"
                )
            candidate = CasualtyClaim(**spec.plain())
            check(candidate, exclude=["incident", "source"], what="a claim")
            if found is None:
                plan.new_claims.append(spec)
                claims[spec.key] = candidate
            else:
                diff = {k: v for k, v in values.items() if getattr(found, k) != v}
                if diff:
                    plan.claim_updates.append((found, diff))

        stored = list(existing.attributions.all()) if existing else []
        pair_only = record.attribution_key == "pair"
        keys = set()
        for a in stored:
            source = str(a.source).casefold() if a.source_id else None
            keys.add((a.actor_id, a.role) if pair_only else (a.actor_id, a.role, a.stance, source))
        for spec in record.attributions:
            if spec.source_key and spec.source_key not in labels:
                raise RowProblem(
                    f"an attribution cites source {spec.source_key!r}, which is not listed"
                )
            key = (
                (spec.actor.pk, spec.role)
                if pair_only
                else (spec.actor.pk, spec.role, spec.stance, spec.source_key)
            )
            if key not in keys:
                keys.add(key)
                plan.new_attributions.append(spec)

        figure = record.acled_fatalities
        if figure is not None:
            marked = [c for c in stored_claims if c.wording == acled_csv.CLAIM_WORDING]
            if marked:
                if (marked[0].min_value, marked[0].max_value) != (figure, figure):
                    plan.acled_claim = ("update", marked[0], figure)
            elif existing is None or existing.fatalities_low != figure:
                plan.acled_claim = ("create", record.sources[0].key, figure)

    def unique_codes(self, plans: list[Plan]) -> None:
        """Give a fresh code to any new incident whose candidate code is taken."""
        new = {plan.incident.code: plan for plan in plans if plan.outcome == "created"}
        taken = Incident.objects.filter(one_of(Incident, "code", list(new)))
        for code in taken.order_by().values_list("code", flat=True):
            incident = new[code].incident
            incident.code = generate_incident_code(day=incident.date_start)


def write(plan: Plan, *, user, reason: str) -> None:
    if plan.outcome == "unchanged":
        return

    def save(obj, changes=None):
        for name, value in (changes or {}).items():
            setattr(obj, name, value)
        obj._history_user = user
        obj._change_reason = reason
        obj.save()
        return obj

    incident = plan.incident
    if plan.outcome == "created" or plan.changed_fields:
        save(incident)
    sources = _source_index(list(incident.sources.all()))
    for spec in plan.new_sources:
        source = save(spec.row(incident))
        sources[spec.key] = source
    for source, diff in plan.source_updates:
        save(source, diff)
    for spec in plan.new_claims:
        save(spec.row(incident, sources[spec.source_key]))
    for claim, diff in plan.claim_updates:
        save(claim, diff)
    for spec in plan.new_attributions:
        save(spec.row(incident, sources.get(spec.source_key) if spec.source_key else None))
    if plan.acled_claim:
        action, target, figure = plan.acled_claim
        if action == "update":
            target.min_value = target.max_value = figure
            save(target)
        else:
            save(acled_claim(incident, sources[target], figure))
    incidents_changed(ids=[incident.pk])


def acled_claim_values(figure: int) -> dict:
    """ACLED's single fatalities figure, as the claim of the row's first source."""
    return {
        "outcome": "killed",
        "population": "unknown",
        "min_value": figure,
        "max_value": figure,
        "wording": acled_csv.CLAIM_WORDING,
    }


def acled_claim(incident, source, figure: int) -> CasualtyClaim:
    return CasualtyClaim(incident=incident, source=source, **acled_claim_values(figure))


def write_created(plans: list[Plan], *, user, reason: str) -> None:
    """New incidents with their sources, claims and attributions, in bulk with their
    history records (events.services.bulk); their figures and stored texts follow."""
    incidents, sources, claims, attributions = [], [], [], []
    for at, plan in enumerate(plans):
        index: dict[str, int] = {}
        for spec in plan.new_sources:
            index.setdefault(spec.key, len(sources))
            index.setdefault(spec.name.casefold(), len(sources))
            sources.append((at, spec.plain()))
        for spec in plan.new_claims:
            claims.append((at, index[spec.source_key], spec.plain()))
        if plan.acled_claim:
            _, key, figure = plan.acled_claim
            claims.append((at, index[key], acled_claim_values(figure)))
        for spec in plan.new_attributions:
            source = index[spec.source_key] if spec.source_key else None
            attributions.append((at, source, spec.plain()))
        incidents.append(plan.incident)
    bulk.create_incidents(
        incidents=incidents,
        sources=sources,
        claims=claims,
        attributions=attributions,
        user=user,
        reason=reason,
    )


def detect_format(path: Path, head: bytes) -> str:
    """The format by file suffix, else by the first bytes (``{`` means GeoJSON)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt:
        return fmt
    return "geojson" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "acled-csv"


def human_size(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"


def read_text(path: Path) -> str:
    """A whole file as text, for formats that cannot be read piece by piece
    (GeoJSON); refused over IMPORT_MAX_BYTES, since it is held in memory."""
    limit = settings.IMPORT_MAX_BYTES
    size = Path(path).stat().st_size
    if size > limit:
        raise FileProblem(
            0,
            f"the file is {human_size(size)}; GeoJSON is read whole, so files over "
            f"{human_size(limit)} (IMPORT_MAX_BYTES) are refused: split it, or use the "
            "ACLED CSV layout, which is read row by row",
        )
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileProblem(line, _("the file is not UTF-8 text (save it as UTF-8)")) from None


def open_records(
    path: Path, report: ImportReport, errors: RowErrors, resolver, tally: Tally, stack: ExitStack
) -> Iterator[IncidentRecord]:
    """The records of a file, read as they are reached (CSV, the file kept open on
    ``stack``) or whole (GeoJSON); sets the report's format at once (a CSV whose
    header is UCDP GED's is "ucdp-ged"). Bad rows go to ``errors``; ``tally``
    counts the rows read and those skipped as unchanged. Raises FileProblem, here
    for the header and as the body is read."""
    stream = stack.enter_context(open(path, "rb"))
    report.format = detect_format(path, stream.read(64))
    stream.seek(0)
    if report.format == "acled-csv":
        first = stream.readline(65536).decode("utf-8-sig", errors="replace")
        if ucdp_ged.is_ucdp_header([h.strip().strip('"') for h in first.split(",")]):
            report.format = "ucdp-ged"
        stream.seek(0)
    dataset = DATASETS.get(report.format)
    if dataset:
        return PARSERS[report.format](
            acled_csv.decoded_lines(stream),
            errors,
            actors=resolver,
            unchanged=unchanged_digests(dataset),
            tally=tally,
        )
    records, errors, tally.rows = geojson.parse(read_text(path), errors, actors=resolver)
    return iter(records)


def count_rows(path: Path) -> int:
    """About how many rows a CSV file holds (its lines but the header), for
    progress; read in blocks, never whole."""
    lines, last = 0, b"\n"
    with open(path, "rb") as stream:
        while block := stream.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return max(0, lines + (last != b"\n") - 1)


def batches(records: Iterator[IncidentRecord], size: int) -> Iterator[list[IncidentRecord]]:
    while batch := list(islice(records, size)):
        yield batch


class Run:
    """One import, batch by batch, inside its transaction.

    Every row is read, checked and planned; the rows of a batch are written (with
    their history and derived data) as soon as it is planned, while the file has
    shown no problem so far. After the first problem nothing more is written, the
    rest of the file is still checked (every bad row is reported by line), and the
    transaction is rolled back: all or nothing, with memory bounded by a batch, not
    the file. Rows new to the database that may be another dataset's account of an
    existing incident are held back until the whole file is read, since which row
    joins an incident is decided over all of them (``linking.assign``)."""

    def __init__(
        self, *, report: ImportReport, errors: RowErrors, tally: Tally, resolver, dataset, **options
    ):
        self.report, self.errors, self.tally = report, errors, tally
        self.resolver, self.dataset = resolver, dataset
        self.user = options["user"]
        self.status = options["status"]
        self.synthetic = options["synthetic"]
        self.dry_run = options["dry_run"]
        self.link = options["link"]
        self.reason = options["reason"]
        self.progress = options["progress"]
        self.expected = options["expected"]
        self.seen: dict[str, str] = {}  # id -> label of the row that first gave it
        self.targets: dict[int, str] = {}  # existing incident -> label of the row updating it
        self.codes: set[str] = set()
        self.held: list[IncidentRecord] = []
        self.found: dict[str, list[linking.Match]] = {}
        self.linkers: OrderedDict[int, linking.Linker] = OrderedDict()
        self.own: set[int] | None = None
        self.upto = Incident.objects.aggregate(top=Max("pk"))["top"] or 0
        self.checked = self.written = 0
        self.details: list[tuple[int, str]] = []
        self.links: list[tuple[int, str]] = []
        self.candidates: list[tuple[int, str]] = []

    @property
    def writing(self) -> bool:
        """Whether batches are still written: no problem found so far."""
        return not self.errors and not (self.resolver.unresolved and not self.dry_run)

    def save_actors(self) -> None:
        """Write the actors and aliases the editor chose for names met so far, before
        the rows naming them are planned (attributions are keyed by actor)."""
        if not self.writing:
            return
        actors, aliases = self.resolver.save_new()
        for actor in actors:
            self.report.actor_outcomes[actor.name] = f"created as {actor.slug} (unreviewed)"
        for alias in aliases:
            self.report.actor_outcomes[alias.name] = f"mapped to {alias.actor.slug}"

    def planner(self, records: list[IncidentRecord]) -> Planner:
        self.save_actors()
        return Planner(
            user=self.user,
            status=self.status,
            synthetic=self.synthetic,
            records=records,
            codes=self.codes,
        )

    def take(self, batch: list[IncidentRecord]) -> None:
        """Check and plan a batch of rows; write it while the file is sound."""
        unique = []
        for record in batch:
            first = self.seen.get(record.ident)
            if first is not None:
                self.errors.append(
                    (record.line, record.label, f"duplicate id {record.ident!r} (first at {first})")
                )
                continue
            self.seen[record.ident] = record.label
            unique.append(record)
        planner = self.planner(unique)
        if self.link and self.dataset:
            unique = [r for r in unique if not self.hold(planner, r)]
        plans = self.plan(planner, unique)
        if self.progress:
            self.progress("checked", self.tally.rows, self.total)
        self.write(plans, {})

    @property
    def total(self) -> int:
        return max(self.expected, self.tally.rows)

    def hold(self, planner: Planner, record: IncidentRecord) -> bool:
        """Hold the row back if it is new and may be the same event as an existing
        incident (``linking.Linker``); its matches are kept for ``finish``."""
        event = linking_event(record)
        if event is None or planner.find(record.ident) is not None:
            return False
        found = self.linker(event.date_start).matches(event)
        if not found:
            return False
        self.held.append(record)
        self.found[record.ident] = found
        return True

    WINDOW_DAYS = 64

    def linker(self, day: dt.date) -> linking.Linker:
        """The existing incidents that rows starting in ``day``'s window of
        WINDOW_DAYS may match (a row looks 31 days past its start, and a day either
        side); incidents this import writes are never among them."""
        window = day.toordinal() // self.WINDOW_DAYS
        linker = self.linkers.get(window)
        if linker is None:
            if self.own is None:
                self.own = linking.own_incidents(self.dataset)
            start = dt.date.fromordinal(window * self.WINDOW_DAYS)
            linker = linking.Linker(
                dataset=self.dataset,
                start=start,
                end=start + dt.timedelta(days=self.WINDOW_DAYS + 32),
                synthetic=self.synthetic,
                own=self.own,
                upto=self.upto,
            )
            self.linkers[window] = linker
            if len(self.linkers) > 8:
                self.linkers.popitem(last=False)
        else:
            self.linkers.move_to_end(window)
        return linker

    def plan(self, planner: Planner, records: list[IncidentRecord]) -> list[Plan]:
        plans = []
        for record in records:
            try:
                plan = planner.plan(record)
            except RowProblem as exc:
                self.errors.append((record.line, record.label, str(exc)))
                continue
            if record.ident in planner.joined:
                pass  # another dataset's account of the incident: adds parts only
            elif plan.incident.pk in self.targets:
                self.errors.append(
                    (
                        record.line,
                        record.label,
                        f"refers to the same incident as {self.targets[plan.incident.pk]}",
                    )
                )
            elif plan.incident.pk:
                self.targets[plan.incident.pk] = record.label
            plans.append(plan)
        self.checked += len(records)
        planner.unique_codes(plans)
        return plans

    def write(self, plans: list[Plan], matches: dict) -> None:
        if not plans or not self.writing:
            return
        with derived_changes():
            _write_all(plans, self, user=self.user, reason=self.reason)
        if self.dataset:
            # After the derived data is refreshed: written_at must not precede the
            # incidents' updated_at, or the next import would not skip these rows.
            write_links(plans, matches, self, dataset=self.dataset)
        if self.progress:
            total = max(self.written, self.total - self.tally.skipped)
            self.progress("written", self.written, total)

    def finish(self) -> None:
        """Plan and write the rows held back for linking, once every row is known."""
        if self.held:
            matches = linking.assign(self.found)
            planner = self.planner(self.held)
            adopt_matches(planner, matches, user=self.user)
            self.write(self.plan(planner, self.held), matches)
            self.held, self.found = [], {}
        report = self.report
        report.details = [text for _, text in sorted(self.details, key=lambda d: d[0])]
        report.links = [text for _, text in sorted(self.links, key=lambda d: d[0])]
        report.candidates = [text for _, text in sorted(self.candidates, key=lambda d: d[0])]
        if self.progress:
            self.progress("checked", self.tally.rows, self.tally.rows)
            self.progress("written", self.written, self.written)


def linking_event(record: IncidentRecord) -> linking.Event | None:
    """What the linker compares for a dataset row (None: not a dataset row, or one
    without a place or date)."""
    if not record.extra.get("dataset") or record.lonlat is None:
        return None
    fields = record.fields_for(None)
    if not fields.get("date_start"):
        return None
    lon, lat = record.lonlat  # the row's point, as parsed
    return linking.Event(
        fields["date_start"],
        fields.get("date_end") or fields["date_start"],
        lon,
        lat,
        fields.get("uncertainty_m"),
        fields["event_type"],
        record.extra.get("low"),
        record.extra.get("high"),
        actors=frozenset(a.actor.slug for a in record.attributions),
        outlets=linking.outlet_keys(s.name for s in record.sources),
    )


def import_incidents(
    *,
    path: Path,
    user=None,
    status: str = IncidentStatus.DRAFT,
    dry_run: bool = False,
    synthetic: bool = False,
    filename: str | None = None,
    progress: Progress | None = None,
    actor_choices: ActorChoices | None = None,
    link: bool = True,
    packaged: bool = False,
) -> ImportReport:
    """Import an ACLED-layout CSV or a GeoJSON file of incidents; see the module
    docstring for the all-or-nothing policy. Raises ImportRejected listing every bad
    row; returns the report (created, updated, unchanged) otherwise. ``synthetic``
    marks new incidents as generated test data (benchmarks, tests). The file is read
    and written in batches inside one transaction (``Run``), so memory does not grow
    with its size.

    ACLED and UCDP GED files name actors as those datasets do: names go through the
    actor dictionary (events.imports.actors). Names it does not know are listed in
    ``report.unknown_actors``; unless ``actor_choices`` creates or maps each of them,
    the file is refused with that list (a dry run just reports it). With ``link``,
    rows new to the database are matched against existing incidents
    (events.linking): a confident match joins the incident, an uncertain one is
    linked as a candidate (``report.links``, ``report.candidates``). ``packaged`` is
    for events.loaders loading the app's own cited data pack with the operator's
    rights (any status without a Reviewer account)."""
    path = Path(path)
    filename = filename or path.name
    report = ImportReport(filename=filename, format="?", dry_run=dry_run)
    if status not in IncidentStatus.values or status == IncidentStatus.ARCHIVED:
        raise ImportRejected(
            report, [(0, "file", _("cannot import as status %(status)r") % {"status": status})]
        )
    if status != IncidentStatus.DRAFT and not is_reviewer(user) and not packaged:
        raise ImportRejected(
            report,
            [(0, "file", "only a Reviewer may import incidents with a status other than draft")],
        )
    if user is not None and not user.has_perm("events.add_incident"):
        raise ImportRejected(report, [(0, "file", _("you may not add incidents"))])
    try:
        resolver = ActorResolver(actor_choices)
    except UnknownActorChoice as exc:
        raise ImportRejected(report, [(0, "actor choices", str(exc))]) from None

    # History keeps a reason of at most 100 characters (enforced by PostgreSQL).
    reason = f"Imported from {filename}"
    if len(reason) > 100:
        reason = reason[:99] + "…"
    errors, tally = RowErrors(), Tally()
    # The page cache is raised before the transaction begins (SQLite).
    with rare_full_collections(), import_page_cache(), ExitStack() as stack, transaction.atomic():
        try:
            records = open_records(path, report, errors, resolver, tally, stack)
            expected = count_rows(path) if report.format in PARSERS else tally.rows
            run = Run(
                report=report,
                errors=errors,
                tally=tally,
                resolver=resolver,
                dataset=DATASETS.get(report.format),
                user=user,
                status=status,
                synthetic=synthetic,
                dry_run=dry_run,
                link=link,
                reason=reason,
                progress=progress,
                expected=expected,
            )
            with gathered_cells():  # the map grid's cells written once, at the end
                for batch in batches(records, BATCH_ROWS):
                    run.take(batch)
                report.rows = tally.rows
                report.unchanged += tally.skipped
                run.finish()
        except FileProblem as exc:
            report.rows = tally.rows
            where = f"line {exc.line}" if exc.line else "file"
            raise ImportRejected(report, [(exc.line, where, str(exc))]) from None
        report.unknown_actors = dict(resolver.unknown.most_common())
        unresolved = resolver.unresolved
        if unresolved and not dry_run:
            names = ", ".join(f"{name!r} ({n} rows)" for name, n in unresolved.items())
            errors.append(
                (
                    0,
                    "actors",
                    f"{len(unresolved)} actor name(s) are not in the actor dictionary: {names}. "
                    "Choose for each name: create it as a new actor (marked unreviewed) or map "
                    "it to an existing actor (command line: --create-unknown-actors or "
                    "--actor-map FILE of 'name,slug' lines; admin: the import page after a "
                    "dry run).",
                )
            )
        if errors:
            raise ImportRejected(report, errors)
        if dry_run:
            transaction.set_rollback(True)
    return report


def adopt_matches(planner: Planner, matches: dict, *, user) -> None:
    """Adopt the confident matches (ident -> linking.Match) into the planner; one to
    an incident ``user`` may not change is left as a candidate for a Reviewer."""
    joined = {ident: m for ident, m in matches.items() if m.confident}
    idents = list(joined)
    for ident, incident in zip(
        idents, Planner.load([joined[i].incident_id for i in idents]), strict=True
    ):
        if user is not None and not can_edit_incident(user, incident):
            m = joined[ident]
            matches[ident] = linking.Match(m.incident_id, m.score, False, m.reason)
            continue
        planner.adopt(ident, incident)


def unchanged_digests(dataset: str) -> dict[str, str]:
    """Row digests of ``dataset`` whose incident has not changed since they were
    written: a re-import skips those rows."""
    return dict(
        IncidentLink.objects.filter(
            dataset=dataset, written_at__isnull=False, incident__updated_at__lte=F("written_at")
        )
        .exclude(digest="")
        .values_list("external_id", "digest")
    )


def write_links(plans: list[Plan], matches: dict, run: Run, *, dataset: str) -> None:
    """Record where each row went (its own incident, a joined one, or a candidate
    pair) with the row's digest, and note the links made and candidates left."""
    now = timezone.now()
    others = {m.incident_id for m in matches.values() if not m.confident}
    codes = dict(Incident.objects.filter(pk__in=others).values_list("pk", "code"))
    stored = {}
    idents = [plan.record.ident for plan in plans]
    for link in IncidentLink.objects.filter(one_of(IncidentLink, "external_id", idents)):
        stored[link.external_id] = link
    new, changed = [], []
    for plan in plans:
        ident, digest = plan.record.ident, plan.record.extra.get("digest", "")
        link = stored.get(ident)
        if link is not None:
            link.digest, link.written_at = digest, now
            changed.append(link)
            continue
        match = matches.get(ident)
        link = {
            "external_id": ident,
            "incident_id": plan.incident.pk,
            "dataset": dataset,
            "digest": digest,
            "written_at": now,
            "status": LinkStatus.OWN,
        }
        line = plan.record.line
        if match is not None and match.confident:
            link.update(status=LinkStatus.JOINED, score=match.score, reason=match.reason)
            run.links.append((line, f"{ident} joined {plan.incident.code} ({match.reason})"))
        elif match is not None:
            link.update(status=LinkStatus.CANDIDATE, score=match.score, reason=match.reason)
            link["other_id"] = match.incident_id
            run.candidates.append(
                (
                    line,
                    f"{ident} ({plan.incident.code}) may be {codes.get(match.incident_id)} "
                    f"(score {match.score:.2f}: {match.reason})",
                )
            )
        new.append(link)
    bulk.insert_rows(IncidentLink, new)
    IncidentLink.objects.bulk_update(changed, ["digest", "written_at"], batch_size=1000)


def _rejected_write(run: Run, plan: Plan, label: str, exc: Exception) -> ImportRejected:
    return ImportRejected(
        run.report,
        [(plan.record.line, label, _("could not be written: %(error)s") % {"error": exc})],
    )


def _write_all(plans: list[Plan], run: Run, *, user, reason) -> None:
    # New incidents go in bulk; updates one by one (they touch existing rows).
    created = [plan for plan in plans if plan.outcome == "created"]
    for start in range(0, len(created), 500):
        batch = created[start : start + 500]
        try:
            write_created(batch, user=user, reason=reason)
        except (DatabaseError, ValidationError, ValueError) as exc:
            label = f"{batch[0].record.label} to {batch[-1].record.label}"
            raise _rejected_write(run, batch[0], label, exc) from exc
    for plan in plans:
        if plan.outcome == "updated":
            try:
                write(plan, user=user, reason=reason)
            except (DatabaseError, ValidationError, ValueError) as exc:
                raise _rejected_write(run, plan, plan.record.label, exc) from exc
        run.report.count(plan.outcome)
        if plan.outcome != "unchanged":
            record = plan.record
            run.details.append(
                (
                    record.line,
                    f"{record.label}: {plan.outcome} {plan.incident.code} ({record.ident})",
                )
            )
    run.written += len(plans)
