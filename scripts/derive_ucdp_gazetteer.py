"""Derive events/data/gazetteer_ucdp_places.csv from UCDP GED's Syria release.

Run by hand when the UCDP file changes (never at run time):

    .venv/bin/python scripts/derive_ucdp_gazetteer.py ../shared/data/ucdp_ged_syria_2016-2019.csv

One row per located place UCDP names in ``where_coordinates``: every distinct
(name, latitude, longitude) at where_prec 1-2 (a village, town or site) and the
district points UCDP uses at where_prec 3. The trailing kind word UCDP writes
("Shuhayl town", "Teir Maaleh village") becomes the place kind; a gloss in
parentheses and "A/B" alternatives become variant spellings. ``adm_1`` and
``adm_2`` give the governorate and district; ``events`` counts the UCDP events
coded at that point under that name (the loader's prior for same-named places).

UCDP GED is CC BY 4.0: credit "UCDP Georeferenced Event Dataset (GED)" and
Sundberg & Melander (2013), Journal of Peace Research 50(4).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "events" / "data" / "gazetteer_ucdp_places.csv"

# UCDP's trailing kind word -> our PlaceKind; "strip" says whether the word is
# dropped from the name (a settlement is called without it; a site keeps it).
KIND_WORDS = {
    "village": ("village", True),
    "villages": ("village", True),
    "town": ("town", True),
    "city": ("city", True),
    "suburb": ("neighbourhood", True),
    "neighbourhood": ("neighbourhood", True),
    "neighborhood": ("neighbourhood", True),
    "district": ("district", False),
    "subdistrict": ("subdistrict", False),
    "area": ("subdistrict", True),
    "locality": ("village", True),
}
SITE_WORDS = {
    "airbase", "airport", "base", "brigade", "camp", "checkpoint", "complex", "dam",
    "farm", "farms", "field", "fields", "hill", "island", "lake", "mountain", "oilfield",
    "plant", "prison", "reservoir", "road", "castle", "crossing", "bridge", "station",
    "school", "hospital", "factory", "academy", "battalion", "regiment", "division",
}  # fmt: skip
ADMIN_WORDS = {"governorate", "province", "syria"}
# Areas that are no settlement: filed as sub-districts (an area's precision and radius),
# keeping their word ("Sahl al Ghab plain", "Al Kharratah desert").
AREA_WORDS = {"desert", "plain", "plains", "region", "valley", "countryside"}
# Regions UCDP names without a kind word (Wikipedia: Ghouta; Qalamoun Mountains).
REGIONS = {"eastern ghouta", "western ghouta", "eastern qalamoun", "western qalamoun", "qalamoun"}
PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*")
FIELDS = [
    "where_coordinates", "name", "variants", "kind", "governorate", "district",
    "lat", "lon", "where_prec", "events",
]  # fmt: skip


ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ash|at|ad|az)[- ]")


def _without_kind(part: str) -> str:
    words = part.split()
    if len(words) > 1 and words[-1].lower() in KIND_WORDS and KIND_WORDS[words[-1].lower()][1]:
        words = words[:-1]
    return " ".join(words)


def split_name(text: str) -> tuple[str, list[str], str] | None:
    """(name, variant spellings, kind) of a where_coordinates text, or None for
    an administrative area this gazetteer already holds (governorates, Syria)."""
    glosses = PARENTHESIS.findall(text)
    bare = " ".join(PARENTHESIS.sub(" ", text).split()).replace(" / ", "/").replace("/ ", "/")
    words = bare.split()
    if not words or words[-1].lower() in ADMIN_WORDS:
        return None
    last = words[-1].lower()
    if last in KIND_WORDS and len(words) > 1:
        kind, strip = KIND_WORDS[last]
        name = " ".join(words[:-1]) if strip else bare
    elif last in AREA_WORDS or bare.lower() in REGIONS:
        kind, name = "subdistrict", bare
    elif last in SITE_WORDS:
        kind, name = "landmark", bare
    else:
        kind, name = "village", bare
    variants = [g.strip() for g in glosses if g.strip()]
    if "/" in name:
        # "Kobane/Ayn al Arab", "Abu Rasin/Zarkan", "As Suwar town/Sur town",
        # "Jiman/Chama/Shamanli": each part is a name of the place, without its kind
        # word. A one-word part may also replace the last word of the first
        # ("Qalat Jabar/Jaebar" is "Qalat Jabar" or "Qalat Jaebar"); a part in lower
        # case only does that ("Jihar oil/gas field" is "Jihar gas field").
        head, *alternatives = [part.strip() for part in name.split("/")]
        stem = head.rsplit(" ", 1)[0] + " " if " " in head else ""
        name = head
        if (bare_head := _without_kind(head)) != head:
            variants.append(bare_head)
        for alternative in alternatives:
            alternative = _without_kind(alternative)
            if not alternative:
                continue
            lower = alternative[0].islower() and not ARTICLE.match(alternative)
            if not lower:
                variants.append(alternative)
            if stem and (lower or " " not in alternative):
                variants.append(stem + alternative)
    if name != bare:
        variants.append(bare)
    variants = [v for v in dict.fromkeys(variants) if v and v != name]
    return name, variants, kind


def derive(source: Path) -> list[dict]:
    with open(source, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    events = Counter()
    best_prec: dict[tuple, int] = {}
    admin: dict[tuple, tuple[str, str]] = {}
    for row in rows:
        prec = int(row["where_prec"])
        if prec > 3 or (prec == 3 and not row["where_coordinates"].endswith("district")):
            continue
        key = (row["where_coordinates"].strip(), row["latitude"], row["longitude"])
        events[key] += 1
        best_prec[key] = min(prec, best_prec.get(key, prec))
        admin[key] = (row["adm_1"].strip(), row["adm_2"].strip())
    out = []
    for key in sorted(events):
        where, lat, lon = key
        parsed = split_name(where)
        if parsed is None:
            continue
        name, variants, kind = parsed
        out.append(
            {
                "where_coordinates": where,
                "name": name,
                "variants": "|".join(variants),
                "kind": kind,
                "governorate": admin[key][0],
                "district": admin[key][1],
                "lat": f"{float(lat):.6f}",
                "lon": f"{float(lon):.6f}",
                "where_prec": best_prec[key],
                "events": events[key],
            }
        )
    return out


def main(argv: list[str]) -> None:
    source = Path(argv[1] if len(argv) > 1 else "../shared/data/ucdp_ged_syria_2016-2019.csv")
    out = derive(source)
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    kinds = Counter(r["kind"] for r in out)
    print(f"{len(out)} places written to {OUT}: {dict(kinds)}")


if __name__ == "__main__":
    main(sys.argv)
