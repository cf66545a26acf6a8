"""The work of each kind of job. Each task takes the job's record and a progress
callable, and returns an Outcome, or raises Refused when the input is at fault (a
bad file or filter: no attempt would do better, so the job fails without retrying).
Any other exception is unexpected, and the attempt is retried while it may be."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.exports.formats import FORMATS, export_to_file
from events.exports.html_map import TooManyIncidents
from events.extraction.batch import extract_lines
from events.filters import BadQuery
from events.imports import ImportRejected, ImportReport, import_incidents
from events.imports.actors import ActorChoices
from events.jobs import files
from events.models import Job, JobKind
from events.services.derived import refresh_stale_features

LISTED = 100  # lines of a report kept on the job (the rest are counted)


@dataclass
class Outcome:
    result: dict
    message: str
    output_file: str = ""


@dataclass
class Refused(Exception):
    errors: list[str]
    result: dict = field(default_factory=dict)


def import_result(report: ImportReport) -> dict:
    return {
        "summary": report.summary(),
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "rejected": report.rejected,
        "dry_run": report.dry_run,
        "details": report.details[:LISTED],
        "details_unlisted": max(0, len(report.details) - LISTED),
        "links": report.links[:LISTED],
        "candidates": report.candidates[:LISTED],
        "candidates_count": len(report.candidates),
        "unknown_actors": report.unknown_actors,
        "actor_outcomes": report.actor_outcomes,
    }


def run_import(job: Job, progress) -> Outcome:
    """The importer, as the editor who started it: all or nothing in one
    transaction, so an attempt that dies leaves the database as it was."""
    params = job.params

    def stage(name: str, done: int, total: int) -> None:
        progress(
            done,
            total,
            _("%(stage)s %(done)s of %(total)s rows")
            % {"stage": name, "done": done, "total": total},
        )

    choices = ActorChoices(
        mapping=params.get("actor_choices") or {},
        create_all=bool(params.get("create_unknown_actors")),
    )
    try:
        report = import_incidents(
            path=files.input_path(job.pk, params["input"]),
            user=job.created_by,
            status=params["status"],
            dry_run=bool(params.get("dry_run")),
            synthetic=bool(params.get("synthetic")),
            filename=params.get("filename"),
            progress=stage,
            actor_choices=choices,
            link=params.get("link", True),
        )
    except ImportRejected as exc:
        errors = [f"{label}: {reason}" for _row, label, reason in exc.errors]
        if exc.unlisted:
            errors.append(
                ngettext(
                    "… and %(count)s more row with problems",
                    "… and %(count)s more rows with problems",
                    exc.unlisted,
                )
                % {"count": exc.unlisted}
            )
        raise Refused(errors, import_result(exc.report)) from None
    return Outcome(import_result(report), report.summary())


def run_export(job: Job, progress) -> Outcome:
    params = job.params
    export = FORMATS[params["format"]]
    name = f"incidents-job{job.pk}.{export.extension}"

    def step(done: int, total: int) -> None:
        progress(
            done,
            total,
            _("%(done)s of %(total)s incidents written") % {"done": done, "total": total},
        )

    try:
        total = export_to_file(
            export.name,
            params.get("filters") or {},
            files.output_path(job.pk, name),
            progress=step,
            site_url=params.get("site_url", ""),
        )
    except (BadQuery, TooManyIncidents) as exc:
        raise Refused([str(exc)]) from None
    message = ngettext(
        "%(count)s incident exported as %(format)s",
        "%(count)s incidents exported as %(format)s",
        total,
    ) % {"count": total, "format": export.name}
    return Outcome({"summary": message, "incidents": total, "format": export.name}, message, name)


def run_extract(job: Job, progress) -> Outcome:
    params = job.params
    try:
        text = files.input_path(job.pk, params["input"]).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise Refused(
            [_("%(file)s is not UTF-8 text.") % {"file": params.get("filename")}]
        ) from None
    lines = text.splitlines()
    total = sum(1 for line in lines if line.strip())
    name = f"extractions-job{job.pk}.jsonl"
    done = failed = 0
    errors = []
    with files.output_path(job.pk, name).open("w", encoding="utf-8") as out:
        pairs = extract_lines(lines, with_duplicates=params.get("duplicates", True))
        for obj, reason in pairs:
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
            done += 1
            if reason:
                failed += 1
                if len(errors) < LISTED:
                    errors.append(
                        _("line %(line)s: %(reason)s") % {"line": obj["line"], "reason": reason}
                    )
            progress(
                done, total, _("%(done)s of %(total)s reports") % {"done": done, "total": total}
            )
    extracted = ngettext(
        "%(count)s report extracted", "%(count)s reports extracted", done - failed
    ) % {"count": done - failed}
    unread = ngettext(
        "%(count)s line could not be read", "%(count)s lines could not be read", failed
    ) % {"count": failed}
    message = _("%(extracted)s, %(unread)s") % {"extracted": extracted, "unread": unread}
    return Outcome({"summary": message, "reports": done - failed, "unread": errors}, message, name)


def run_refresh(job: Job, progress) -> Outcome:
    def step(done: int, total: int) -> None:
        progress(
            done,
            total,
            _("%(done)s of %(total)s incidents re-rendered") % {"done": done, "total": total},
        )

    count = refresh_stale_features(everything=bool(job.params.get("all")), progress=step)
    message = ngettext(
        "Re-rendered %(count)s incident", "Re-rendered %(count)s incidents", count
    ) % {"count": count}
    return Outcome({"summary": message, "incidents": count}, message)


TASKS = {
    JobKind.IMPORT: run_import,
    JobKind.EXPORT: run_export,
    JobKind.EXTRACT: run_extract,
    JobKind.REFRESH: run_refresh,
}
