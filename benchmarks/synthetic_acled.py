"""Synthetic ACLED-layout rows for the benchmarks and tests that need many rows
(bench_import, bench_jobs, tests/test_job_worker.py). Invented events, ids
``<prefix>000000``…; always import them with synthetic=True."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path


def synthetic_rows(n: int, *, prefix: str = "BENCH") -> list[dict]:
    rng = random.Random(7)
    actors = ["Islamic State", "Syrian government and allies", "Syrian Democratic Forces"]
    places = [("Mayadin", 35.0199, 40.4514), ("Al-Qusor", 35.33588, 40.14084)]
    rows = []
    for i in range(n):
        name, lat, lon = places[i % len(places)]
        day = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(300))
        rows.append(
            {
                "event_id_cnty": f"{prefix}{i:06d}",
                "event_date": day.isoformat(),
                "time_precision": "1",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "actor1": actors[i % 3],
                "actor2": actors[(i + 1) % 3],
                "country": "Syria",
                "iso": "760",
                "location": name,
                "latitude": f"{lat + rng.uniform(-0.02, 0.02):.5f}",
                "longitude": f"{lon + rng.uniform(-0.02, 0.02):.5f}",
                "geo_precision": "2",
                "source": "Synthetic Monitor",
                "notes": f"Synthetic benchmark row {i}.",
                "fatalities": str(rng.randrange(20)),
            }
        )
    return rows


def write_csv(rows, path: Path) -> None:
    from events.acled import ACLED_COLUMNS

    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in ACLED_COLUMNS})
