"""Domain models: actors, gazetteer places, incidents with sources, claims and
attributions, and territorial-control zones."""

from .actors import Actor, ActorAlias, ActorKind
from .control import ControlState, ControlZone
from .incidents import (
    DatePrecision,
    EventType,
    Incident,
    IncidentStatus,
    LocationMethod,
    LocationPrecision,
    SubEventType,
)
from .jobs import Job, JobKind, JobStatus
from .links import IncidentLink, LinkStatus
from .mapgrid import MapGridCell, MapGridEntry
from .places import DataLoad, Place, PlaceKind, PlaceName
from .sources import (
    Attribution,
    AttributionRole,
    AttributionStance,
    CasualtyClaim,
    ClaimOutcome,
    ClaimPopulation,
    Source,
    SourceKind,
)

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorKind",
    "Attribution",
    "AttributionRole",
    "AttributionStance",
    "CasualtyClaim",
    "ClaimOutcome",
    "ClaimPopulation",
    "ControlState",
    "ControlZone",
    "DataLoad",
    "DatePrecision",
    "EventType",
    "Incident",
    "IncidentLink",
    "IncidentStatus",
    "Job",
    "JobKind",
    "JobStatus",
    "LinkStatus",
    "LocationMethod",
    "LocationPrecision",
    "MapGridCell",
    "MapGridEntry",
    "Place",
    "PlaceKind",
    "PlaceName",
    "Source",
    "SourceKind",
    "SubEventType",
]
