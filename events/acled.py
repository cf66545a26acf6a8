"""ACLED's CSV column layout (ACLED Codebook; the public data export's header), shared
by the importer and the CSV export so a file round-trips."""

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
