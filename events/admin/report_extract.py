"""Admin page "New incident from a report": paste a report, review the draft the
extractor proposes (each value highlighted where the text says it), correct it,
save it as a draft with its sources, claims and attributions. Nothing is saved
before the editor presses "Save draft". Writes go through
events.extraction.services (and so events.services)."""

from __future__ import annotations

from itertools import pairwise

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.display import attribution_basis, claim_text
from events.extraction import Report, extract_report
from events.extraction.services import STANCE_OF, save_report_draft
from events.extraction.text import split_sentences
from events.geocoding.precision import precision_and_radius
from events.models import Actor, DatePrecision, Incident, SubEventType

from .report_forms import (
    DraftAllegationFormSet,
    DraftIncidentForm,
    DraftSourceFormSet,
    ReportForm,
)

TEMPLATE = "admin/events/incident/from_report.html"
GROUPS = {
    "event_date": "date",
    "places": "place",
    "sources": "source",
    "claims": "claim",
    "alleged": "alleged",
    "perpetrator_stated": "alleged",
    "event_type": "type",
    "notes": "note",
    "multi_incident": "flag",
    "cumulative": "flag",
}


def span_labels(result: dict) -> dict[str, str]:
    labels = {}
    for key in result["spans"]:
        parts = key.split("/")
        if key == "event_date":
            labels[key] = gettext("Event date: %(date)s (%(precision)s)") % {
                "date": result["event_date"],
                "precision": result["date_precision"],
            }
        elif parts[0] == "places":
            labels[key] = gettext("Place: %(name)s") % {
                "name": result["places"][int(parts[1])]["name"]
            }
        elif parts[0] == "sources" and len(parts) == 2:
            labels[key] = gettext("Source: %(name)s") % {
                "name": result["sources"][int(parts[1])]["name"]
            }
        elif parts[0] == "sources":
            src = result["sources"][int(parts[1])]
            c = src["claims"][int(parts[3])]
            labels[key] = claim_text(src["name"], c["min"], c["max"], c["outcome"])
        elif parts[0] == "alleged":
            a = result["alleged"][int(parts[1])]
            by = ", ".join(a["alleged_by"]) or gettext("the report")
            labels[key] = gettext("Perpetrator: %(actor)s (%(basis)s)") % {
                "actor": a["actor_name"],
                "basis": attribution_basis(stance=a["stance"], source=by),
            }
        elif key == "event_type":
            labels[key] = gettext("Event type: %(type)s") % {
                "type": result["sub_event_type"] or result["event_type"]
            }
        elif parts[0] == "notes":
            labels[key] = gettext("Note: %(text)s") % {
                "text": result["notes"][int(parts[1])]["text"]
            }
        elif key == "multi_incident":
            labels[key] = gettext("More than one incident in the text")
        elif key == "cumulative":
            labels[key] = gettext("A cumulative figure, not this incident's toll")
        elif key == "perpetrator_stated":
            labels[key] = gettext("As the report states it: %(text)s") % {
                "text": result["perpetrator_stated"]
            }
    return labels


def _group(key: str) -> str:
    parts = key.split("/")
    if parts[0] == "sources" and len(parts) > 2:
        return "claim"
    return GROUPS.get(parts[0], "note")


def highlighted(text: str, spans: dict, labels: dict, mentions: dict | None = None) -> list[dict]:
    """The text cut at every span boundary; each piece lists the spans covering it
    (a multi-sentence flag is shown only where nothing more specific is). A value
    stated more than once (``mentions``) is highlighted at each place."""
    ranges = [
        (k, s, e)
        for k, (s, e) in spans.items()
        if e > s and k not in ("multi_incident", "cumulative")
    ]
    ranges += [
        (k, s, e) for k, found in (mentions or {}).items() for s, e in found if e > s and k in spans
    ]
    cuts = sorted({0, len(text), *(p for _, s, e in ranges for p in (s, e))})
    pieces = []
    for a, b in pairwise(cuts):
        covering = sorted(
            ((e - s, k) for k, s, e in ranges if s <= a and b <= e), key=lambda x: x[0]
        )
        refs = list(dict.fromkeys(k for _, k in covering))
        pieces.append(
            {
                "text": text[a:b],
                "refs": " ".join(refs),
                "group": _group(refs[0]) if refs else "",
                "title": "; ".join(labels.get(k, k) for k in refs),
            }
        )
    return pieces


def _sentence_at(text: str, position: int) -> str:
    for sent in split_sentences(text):
        if sent.start <= position < sent.end:
            return sent.text[:1000]
    return ""


def initial_values(report: Report, result: dict):
    place = result["places"][0] if result["places"] else None
    sub = result["sub_event_type"]
    label = SubEventType(sub).label if sub else "Incident"
    where = f" in {place['name']}" if place else ""
    incident = {
        "title": f"{label}{where}",
        "event_type": result["event_type"] or "",
        "sub_event_type": sub or "",
        "date_start": result["event_date"] or "",
        "date_precision": result["date_precision"]
        if result["date_precision"] in DatePrecision.values
        else DatePrecision.DAY,
        "time_note": result["time_note"],
        "place": place["slug"] if place else "",
        "reported_place_name": " / ".join(place["names"]) if place else "",
        "location_precision": place["precision"] if place else "town",
        "summary": "",
    }
    sources = []
    for i, src in enumerate(result["sources"]):
        row = {
            "include": True,
            "ref": f"sources/{i}",
            "name": src["name"],
            "kind": src["kind"],
            "reported_via": src["via"],
            "excerpt": _sentence_at(report.text, result["spans"].get(f"sources/{i}", [0, 0])[0]),
        }
        for claim in src["claims"]:
            o = claim["outcome"]
            row.update(
                {
                    f"{o}_min": claim["min"],
                    f"{o}_max": claim["max"],
                    f"{o}_population": claim["population"],
                    f"{o}_wording": claim["wording"],
                }
            )
        sources.append(row)
    actors = {a.slug: a.pk for a in Actor.objects.all()}
    names = [s["name"] for s in result["sources"]]
    allegations = []
    for k, a in enumerate(result["alleged"]):
        for by in a["alleged_by"] or [None]:
            allegations.append(
                {
                    "include": True,
                    "ref": f"alleged/{k}",
                    "proposed": a["actor_name"],
                    "actor": actors.get(a["actor"]),
                    "stance": STANCE_OF[a["stance"]],
                    "source": names.index(by) if by in names else None,
                }
            )
    return incident, sources, allegations


def claim_refs(result: dict) -> dict[str, dict[str, str]]:
    refs = {}
    for i, src in enumerate(result["sources"]):
        refs[f"sources/{i}"] = {
            c["outcome"]: f"sources/{i}/claims/{j}" for j, c in enumerate(src["claims"])
        }
    return refs


def _source_choices(post, initial_sources) -> list[tuple[int, str]]:
    if post is None:
        return [(i, f"{i + 1}. {s['name']}") for i, s in enumerate(initial_sources)]
    try:
        total = int(post.get("sources-TOTAL_FORMS", 0))
    except ValueError:
        total = 0
    return [(i, f"{i + 1}. {post.get(f'sources-{i}-name', '')}") for i in range(min(total, 100))]


def _incident_values(data: dict) -> dict:
    place = data["place"]
    values = {
        k: data[k]
        for k in (
            "title",
            "event_type",
            "sub_event_type",
            "date_start",
            "date_precision",
            "time_note",
            "reported_place_name",
            "location_precision",
            "summary",
        )
    }
    values["place"] = place
    if place is not None:
        anchor = place.located_ancestor()
        if anchor is not None:
            _, radius = precision_and_radius(
                kind=place.kind,
                coord_precision_m=place.coord_precision_m,
                anchor_kind=anchor.kind,
                anchor_coord_precision_m=anchor.coord_precision_m,
                is_self=anchor.pk == place.pk,
            )
            values.update(geom=anchor.geom, uncertainty_m=radius, location_method="geocoded")
            if anchor.pk != place.pk:
                values["location_note"] = (
                    f"{place.name} has no coordinates of its own; placed at {anchor.name}."
                )
    return values


def _parts(report: Report, sources_fs, allegations_fs):
    sources, index_of = [], {}
    for i, form in enumerate(sources_fs.forms):
        d = form.cleaned_data
        if not d or not d.get("include"):
            continue
        claims = []
        for outcome in ("killed", "injured"):
            if d.get(f"{outcome}_min") is not None:
                claims.append(
                    {
                        "outcome": outcome,
                        "population": d.get(f"{outcome}_population") or "unknown",
                        "min_value": d[f"{outcome}_min"],
                        "max_value": d.get(f"{outcome}_max"),
                        "wording": d.get(f"{outcome}_wording", ""),
                    }
                )
        index_of[i] = len(sources)
        sources.append(
            {
                "name": d["name"],
                "kind": d["kind"],
                "reported_via": d.get("reported_via", ""),
                "url": report.url,
                "published_on": report.dateline,
                "excerpt": d.get("excerpt", ""),
                "claims": claims,
            }
        )
    allegations, problems = [], []
    for n, form in enumerate(allegations_fs.forms, start=1):
        d = form.cleaned_data
        if not d or not d.get("include"):
            continue
        row = d.get("source")
        if row is not None and row not in index_of:
            problems.append(
                gettext("Perpetrator row %(row)d cites source row %(source)d, which is not kept.")
                % {"row": n, "source": row + 1}
            )
            continue
        allegations.append(
            {
                "actor": d["actor"],
                "stance": d["stance"],
                "source": index_of.get(row) if row is not None else None,
            }
        )
    return sources, allegations, problems


def incident_from_report_view(request):
    if not request.user.has_perm("events.add_incident"):
        raise PermissionDenied
    post = request.POST if request.method == "POST" else None
    report_form = ReportForm(post)
    result = report = draft = sources_fs = allegations_fs = None
    if post is not None and report_form.is_valid():
        c = report_form.cleaned_data
        report = Report(text=c["text"], dateline=c["dateline"], outlet=c["outlet"], url=c["url"])
        result = extract_report(report)
        incident0, sources0, allegations0 = initial_values(report, result)
        if post.get("action") == "save":
            draft = DraftIncidentForm(post, prefix="incident")
            sources_fs = DraftSourceFormSet(post, prefix="sources")
            allegations_fs = DraftAllegationFormSet(
                post,
                prefix="alleged",
                form_kwargs={"source_choices": _source_choices(post, sources0)},
            )
            if draft.is_valid() and sources_fs.is_valid() and allegations_fs.is_valid():
                sources, allegations, problems = _parts(report, sources_fs, allegations_fs)
                for problem in problems:
                    draft.add_error(None, problem)
                if not problems:
                    try:
                        incident = save_report_draft(
                            incident=_incident_values(draft.cleaned_data),
                            sources=sources,
                            allegations=allegations,
                            user=request.user,
                        )
                    except ValidationError as exc:
                        draft.add_error(None, "; ".join(exc.messages))
                    else:
                        messages.success(
                            request,
                            gettext(
                                "Draft %(code)s saved with %(sources)d source(s), %(claims)d "
                                "claim(s) and %(attributions)d attribution(s). Review it before "
                                "submitting."
                            )
                            % {
                                "code": incident.code,
                                "sources": len(sources),
                                "claims": sum(len(s["claims"]) for s in sources),
                                "attributions": len(allegations),
                            },
                        )
                        return redirect(reverse("admin:events_incident_change", args=[incident.pk]))
        else:
            draft = DraftIncidentForm(prefix="incident", initial=incident0)
            sources_fs = DraftSourceFormSet(prefix="sources", initial=sources0)
            allegations_fs = DraftAllegationFormSet(
                prefix="alleged",
                initial=allegations0,
                form_kwargs={"source_choices": _source_choices(None, sources0)},
            )
    context = {
        **admin.site.each_context(request),
        "opts": Incident._meta,
        "title": _("New incident from a report"),
        "report_form": report_form,
        "result": result,
        "draft": draft,
        "sources_fs": sources_fs,
        "allegations_fs": allegations_fs,
    }
    if result is not None:
        labels = span_labels(result)
        refs = claim_refs(result)
        context.update(
            pieces=highlighted(report.text, result["spans"], labels, result.get("mentions")),
            source_rows=[
                (form, refs.get(form["ref"].value() or "", {})) for form in sources_fs.forms
            ],
            duplicates=list(
                Incident.objects.filter(code__in=result["duplicates"]).values_list(
                    "pk", "code", "title", "status"
                )
            ),
        )
    return TemplateResponse(request, TEMPLATE, context)


urlpatterns = [
    path(
        "admin/events/incident/from-report/",
        admin.site.admin_view(incident_from_report_view),
        name="incident-from-report",
    ),
]
