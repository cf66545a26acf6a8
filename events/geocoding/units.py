"""Army bases reporters name by their unit's number: اللواء 93 (the 93rd Brigade base
near Ain Issa), الفرقة 17 (Division 17, north of Raqqa), الفوج 111. UCDP and GeoNames
file them in English, in either order and with or without an ordinal ("93rd Brigade",
"Brigade 47", "17th Reserve Division", "Military base Regiment 111"), so neither the
Latin key nor a reading of the Arabic letters finds them: the digits carry the name.

:func:`unit_matches` reads an Arabic query that is a unit word and a number and gives the
names on file with the same kind of unit and the same number.
"""

from __future__ import annotations

import re

from .normalize import ARABIC_LETTER_MAP, ARABIC_TASHKEEL, is_arabic

# Folded as the Arabic key folds them (ة -> ه, hamza dropped), article off.
UNIT_WORDS_ARABIC = {"لوا": "brigade", "فرقه": "division", "فوج": "regiment", "كتيبه": "battalion"}
# "اللواء 93", "مقر اللواء 93" (its headquarters), "بالفرقة 17".
ARABIC_UNIT = re.compile(r"^(?:مقر\s+)?[وب]?(?:ال)?(لوا|فرقه|فوج|كتيبه)\s+(\d{1,4})(?!\d)")
LATIN_UNIT = re.compile(r"\b(brigade|division|regiment|battalion)\b", re.IGNORECASE)
LATIN_NUMBER = re.compile(r"(?<!\d)(\d{1,4})(?:st|nd|rd|th)?\b", re.IGNORECASE)


def arabic_unit(text: str) -> tuple[str, str] | None:
    """(kind, number) of an Arabic unit name ("اللواء 93": ("brigade", "93")), else None."""
    if not is_arabic(text):
        return None
    folded = ARABIC_TASHKEEL.sub("", text).translate(ARABIC_LETTER_MAP).strip()
    m = ARABIC_UNIT.match(folded)
    return (UNIT_WORDS_ARABIC[m.group(1)], m.group(2)) if m else None


def _latin_units(index) -> dict[tuple[str, str], list[int]]:
    units: dict[tuple[str, str], list[int]] = {}
    for i, text in enumerate(index.name_text):
        if is_arabic(text) or not any(ch.isdigit() for ch in text):
            continue
        kind, number = LATIN_UNIT.search(text), LATIN_NUMBER.search(text)
        if kind and number:
            units.setdefault((kind.group(1).lower(), number.group(1)), []).append(i)
    return units


def unit_matches(index, text: str) -> list[int]:
    """Indexes of the Latin names on file for the unit an Arabic query names, if it
    names one (empty otherwise). Computed once per index."""
    unit = arabic_unit(text)
    if unit is None:
        return []
    units = index.__dict__.get("_latin_units")
    if units is None:
        units = index.__dict__["_latin_units"] = _latin_units(index)
    return units.get(unit, [])
