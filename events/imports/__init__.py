"""Bulk import of incidents from ACLED-layout CSV or GeoJSON (see importer)."""

from .importer import ImportRejected, ImportReport, import_incidents

__all__ = ["ImportRejected", "ImportReport", "import_incidents"]
