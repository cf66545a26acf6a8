"""ACLED's CSV column layout (ACLED Codebook; the public data export's header), shared
by the importer and the CSV export so a file round-trips."""

import re

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

# ACLED time_precision: 1 = exact day, 2 = within a week, 3 = within a month or longer.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}

# Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with one
# of these is read as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
GUARD = "'"
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _needs_guard(text: str) -> bool:
    """True for a cell a spreadsheet would run as a formula, and for one that merely
    looks guarded ("'=x"), so that the importer's unguarding gives back every value
    exactly. Plain numbers ("-3.2") are data, not formulas, and stay as they are."""
    if not text or _NUMBER.fullmatch(text):
        return False
    if text[0] in FORMULA_TRIGGERS:
        return True
    return text[0] == GUARD and _needs_guard(text[1:])


def csv_cell(value) -> str:
    """A value as the CSV export writes it: formula-like text behind a single quote,
    the guard spreadsheet tools show as "text, not a formula"."""
    text = "" if value is None else str(value)
    return GUARD + text if _needs_guard(text) else text


def csv_value(cell: str) -> str:
    """A cell as the importer reads it: the guard ``csv_cell`` added taken off
    (``csv_value(csv_cell(v)) == v`` for every text)."""
    if cell[:1] == GUARD and _needs_guard(cell[1:]):
        return cell[1:]
    return cell
