"""Derive events/data/gazetteer_headline_spellings.csv: the Arabic and Latin names
Airwars gives for the places UCDP GED codes, as quoted in UCDP's source_headline.

Run by hand when the UCDP file changes, after the gazetteer is loaded (it looks up
the place UCDP codes each event at):

    .venv/bin/python scripts/derive_headline_spellings.py [events/data/ucdp_ged_syria_2016-2019.csv]

Airwars entries read "Month Day Year: (S748) اكديران Kdeiran village, Western
Raqqa, Raqqa governorate, Syria": the first comma-separated part after the strike
code names the place in Arabic script and in Latin letters. A name is kept only
when it is a spelling of the place UCDP codes the event at (the same event's
where_coordinates):

* Arabic: a Latin reading of it (events.geocoding.romanize) is close to the name
  UCDP writes (similarity >= 0.8, or 0.7 with the same consonant skeleton);
* Latin: its lookup key is close to the key of UCDP's name (rapidfuzz ratio >= 90,
  or 65 with the same consonant skeleton).

Spellings whose lookup key the place already has are left out (they add nothing).

Entries that name another place (a neighbourhood of the coded town, a road, a
second village) fail that check and are left out. Events whose headlines the
geocoder's evaluation sets quote (tests/data/geocode_eval*.csv) are not read, so no
evaluation row is copied into the gazetteer.

UCDP GED is CC BY 4.0: credit "UCDP Georeferenced Event Dataset (GED)" and
Sundberg & Melander (2013); the names are Airwars' (airwars.org), as UCDP quotes
them.
"""

from __future__ import annotations

import csv
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
OUT = ROOT / "events" / "data" / "gazetteer_headline_spellings.csv"
EVAL_SETS = sorted((ROOT / "tests" / "data").glob("geocode_eval*.csv"))
STRIKE = re.compile(r"\(S\d+[a-z]?\)\s*")
ARABIC_RUN = re.compile(r"[\u0600-\u06ff][\u0600-\u06ff\s\u200c-\u200f]*")
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’\- ]*")
EVENT_ID = re.compile(r"UCDP GED event (\d+)")


def evaluation_events() -> set[str]:
    ids = set()
    for path in EVAL_SETS:
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                ids.update(EVENT_ID.findall(row.get("note", "")))
    return ids


def entry_names(headline: str) -> list[tuple[str, str]]:
    """(Arabic name, Latin name) pairs of the Airwars entries in a headline; either
    may be empty."""
    from events.geocoding.normalize import strip_invisible
    from events.geocoding.query import phrase_variants

    pairs = []
    for entry in headline.split(";"):
        parts = STRIKE.split(entry, maxsplit=1)
        if len(parts) < 2:
            continue
        first = parts[1].split(",")[0]
        arabic = ARABIC_RUN.search(first)
        latin = LATIN_RUN.search(ARABIC_RUN.sub(" ", first))
        ar = " ".join(strip_invisible(arabic.group()).split()) if arabic else ""
        la = phrase_variants(" ".join(latin.group().split()))[-1] if latin else ""
        pairs.append((ar, la))
    return pairs


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings.dev")
    import django

    django.setup()
    from derive_ucdp_gazetteer import split_name
    from rapidfuzz import fuzz

    from events.geocoding.normalize import arabic_skeleton, latin_skeleton, normalize_name
    from events.geocoding.romanize import romanizations, similarity
    from events.models import Place, PlaceName

    source = Path(argv[1] if len(argv) > 1 else ROOT / "events/data/ucdp_ged_syria_2016-2019.csv")
    slugs = {}
    for slug, attestations in Place.objects.values_list("slug", "attestations"):
        for a in attestations or []:
            if "UCDP" in (a.get("source") or ""):
                slugs[a["ref"], round(float(a["lat"]), 4), round(float(a["lon"]), 4)] = slug
    known = set(PlaceName.objects.values_list("place__slug", "key"))
    skip = evaluation_events()
    found: dict[tuple[str, str], str] = {}
    with open(source, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["id"] in skip or row["where_prec"] not in ("1", "2"):
                continue
            where = row["where_coordinates"].strip()
            parsed = split_name(where)
            if parsed is None:
                continue
            name = parsed[0]
            point = (round(float(row["latitude"]), 4), round(float(row["longitude"]), 4))
            slug = slugs.get((where, *point))
            if slug is None:
                continue
            key = normalize_name(name)
            for ar, la in entry_names(row["source_headline"]):
                if ar and normalize_name(ar):
                    same = arabic_skeleton(ar) == latin_skeleton(key)
                    sim = max((similarity(r, key) for r in romanizations(ar)), default=0)
                    if sim >= 0.8 or (same and sim >= 0.7):
                        found.setdefault((slug, ar), row["id"])
                if la and normalize_name(la) and la.casefold() != name.casefold():
                    same = latin_skeleton(normalize_name(la)) == latin_skeleton(key)
                    ratio = fuzz.ratio(normalize_name(la), key)
                    if ratio >= 90 or (same and ratio >= 65):
                        found.setdefault((slug, la), row["id"])
    found = {k: v for k, v in found.items() if (k[0], normalize_name(k[1])) not in known}
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["place", "name", "source"])
        for (slug, name), event in sorted(found.items()):
            writer.writerow(
                [slug, name, f"UCDP GED event {event}: Airwars entry quoted in its source_headline"]
            )
    print(f"{len(found)} spellings of {len({s for s, _ in found})} places written to {OUT}")


if __name__ == "__main__":
    main(sys.argv)
