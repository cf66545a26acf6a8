"""A job's files: its uploaded input and produced output live in their own folder
under ``settings.JOBS_DIR`` (shared by the web processes and the workers)."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

INPUT_PREFIX = "input"


def job_dir(job_id: int, *, create: bool = False) -> Path:
    path = Path(settings.JOBS_DIR) / str(int(job_id))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def input_name(filename: str) -> str:
    """The name a job's input is stored under: the upload's suffix is kept (the
    importer tells formats apart by content and suffix), the rest is not used."""
    return INPUT_PREFIX + Path(filename).suffix.lower()[:16]


def save_upload(job_id: int, upload, name: str) -> None:
    with open(input_path(job_id, name, create=True), "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)


def input_path(job_id: int, name: str, *, create: bool = False) -> Path:
    return _inside(job_id, name, create=create)


def output_path(job_id: int, name: str) -> Path:
    return _inside(job_id, name, create=True)


def _inside(job_id: int, name: str, *, create: bool = False) -> Path:
    folder = job_dir(job_id, create=create)
    path = folder / Path(name).name
    if path.parent != folder or not Path(name).name:
        raise ValueError(f"not a file of job {job_id}: {name!r}")
    return path


def remove_input(job_id: int, name: str) -> None:
    if name:
        input_path(job_id, name).unlink(missing_ok=True)


def remove_folder(job_id: int) -> None:
    shutil.rmtree(job_dir(job_id), ignore_errors=True)
