"""Write-side operations (HackSoft styleguide): keyword-only, transactional. Every
path that writes (admin, REST API, importers, loaders) comes through here.

- ``incidents``: create and edit an incident's own fields, with validation;
- ``parts``: its sources, casualty claims and attributions;
- ``workflow``: draft -> review -> published -> archived, with readiness rules and a
  recorded reason;
- ``reference``: places, actors and control zones, touching the incidents they show in;
- ``derived``: the one place that keeps figures, stored export texts and
  ``updated_at`` in step.
"""

from events.services.derived import (
    casualty_figures,
    changes,
    incidents_changed,
    refresh_incident_features,
)
from events.services.incidents import (
    create_incident,
    generate_incident_code,
    incident_code_candidate,
    require_edit_rights,
    update_incident,
)
from events.services.links import confirm_link, split_link
from events.services.parts import delete_incident_part, save_incident_part
from events.services.reference import delete_zone, save_actor, save_place, save_zone, zones_changed
from events.services.workflow import (
    WorkflowError,
    delete_or_archive_incident,
    publication_problems,
    transition_for,
    transition_incident,
    transition_to,
)

__all__ = [
    "WorkflowError",
    "casualty_figures",
    "changes",
    "confirm_link",
    "create_incident",
    "delete_incident_part",
    "delete_or_archive_incident",
    "delete_zone",
    "generate_incident_code",
    "incident_code_candidate",
    "incidents_changed",
    "publication_problems",
    "refresh_incident_features",
    "require_edit_rights",
    "save_actor",
    "save_incident_part",
    "save_place",
    "save_zone",
    "split_link",
    "transition_for",
    "transition_incident",
    "transition_to",
    "update_incident",
    "zones_changed",
]
