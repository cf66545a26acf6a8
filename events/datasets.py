"""Real, published datasets the app ships (events/data/) and loads on first run, beside
the seed incident: today UCDP GED's Syria file (CC BY 4.0, see
events/data/PROVENANCE_ucdp_ged.md). Each file goes through the importer like any
upload (so its rows link to the seed incident rather than duplicate it) and is
recorded by checksum (DataLoad): a start-up with the same file skips it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from events.imports import import_incidents
from events.models import DataLoad, IncidentStatus

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class PackagedDataset:
    path: Path
    credit: str
    source_prefix: str = ""  # how the importer names the dataset's own sources
    url: str = ""
    short_credit: str = ""  # for the map's attribution control


UCDP_GED_SYRIA = PackagedDataset(
    path=DATA_DIR / "ucdp_ged_syria_2016-2019.csv",
    credit=(
        "UCDP Georeferenced Event Dataset (GED), Syria 2016-2019, CC BY 4.0: Sundberg & "
        "Melander (2013), Journal of Peace Research 50(4); UCDP GED codebook 19.1"
    ),
    source_prefix="UCDP GED event ",
    url="https://ucdp.uu.se/downloads/",
    short_credit="UCDP GED, CC BY 4.0 (Sundberg & Melander 2013)",
)
PACKAGED = [UCDP_GED_SYRIA]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_dataset(dataset: PackagedDataset, *, progress=None) -> str:
    """Import one packaged file as published incidents unless this exact file was
    loaded already; return what happened."""
    checksum = sha256_of(dataset.path)
    done = DataLoad.objects.filter(name=dataset.path.name, fingerprint=checksum).first()
    if done is not None:
        return f"{dataset.path.name}: already loaded ({done.rows} rows, sha256 {checksum[:12]})"
    report = import_incidents(
        path=dataset.path, status=IncidentStatus.PUBLISHED, packaged=True, progress=progress
    )
    DataLoad.objects.update_or_create(
        name=dataset.path.name,
        defaults={"fingerprint": checksum, "rows": report.rows, "summary": report.summary()},
    )
    lines = [report.summary(), *report.links]
    lines += [f"candidate: {line}" for line in report.candidates]
    return "\n  ".join(lines)


def load_packaged_datasets(*, progress=None) -> list[str]:
    return [load_dataset(dataset, progress=progress) for dataset in PACKAGED]


def loaded_credits() -> list[PackagedDataset]:
    """The packaged datasets the database holds (for the map's credit line)."""
    names = set(DataLoad.objects.values_list("name", flat=True))
    return [d for d in PACKAGED if d.path.name in names]


def credits_for(incident) -> list[PackagedDataset]:
    """The packaged datasets one of the incident's sources comes from."""
    names = [s.name for s in incident.sources.all()]
    return [d for d in PACKAGED if any(n.startswith(d.source_prefix) for n in names)]
