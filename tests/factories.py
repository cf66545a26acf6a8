"""factory_boy factories for test data (never presented as real: synthetic=True)."""

import datetime as dt

import factory
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from events.models import (
    Actor,
    Attribution,
    CasualtyClaim,
    ControlZone,
    Incident,
    IncidentStatus,
    Place,
    Source,
)
from events.services import incidents_changed, save_incident_part


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"test-actor-{n}")
    name = factory.Sequence(lambda n: f"Test actor {n}")
    kind = "non_state"
    colour = "#123456"


class DerivedKept(factory.django.DjangoModelFactory):
    """Rows made for a test get what every write gets: figures, stored export texts
    (events.services.derived)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        incidents_changed(ids=[obj.pk if isinstance(obj, Incident) else obj.incident_id])
        return obj


class IncidentFactory(DerivedKept):
    class Meta:
        model = Incident

    code = factory.Sequence(lambda n: f"test-incident-{n}")
    title = factory.Sequence(lambda n: f"Synthetic test incident {n}")
    event_type = "explosions_remote_violence"
    sub_event_type = "shelling_artillery_missile"
    date_start = dt.date(2017, 10, 20)
    date_end = factory.SelfAttribute("date_start")
    geom = factory.LazyFunction(lambda: Point(40.1, 35.3, srid=4326))
    status = IncidentStatus.PUBLISHED
    synthetic = True


class SourceFactory(DerivedKept):
    class Meta:
        model = Source

    incident = factory.SubFactory(IncidentFactory)
    name = factory.Sequence(lambda n: f"Test source {n}")


class CasualtyClaimFactory(DerivedKept):
    class Meta:
        model = CasualtyClaim

    source = factory.SubFactory(SourceFactory)
    incident = factory.SelfAttribute("source.incident")
    outcome = "killed"
    min_value = 1


def square(lon, lat, size=0.1) -> MultiPolygon:
    ring = (
        (lon, lat),
        (lon + size, lat),
        (lon + size, lat + size),
        (lon, lat + size),
        (lon, lat),
    )
    return MultiPolygon(Polygon(ring), srid=4326)


class ControlZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ControlZone

    code = factory.Sequence(lambda n: f"test-zone-{n}")
    actor = factory.SubFactory(ActorFactory)
    geom = factory.LazyFunction(lambda: square(10, 10))
    valid_from = dt.date(2017, 1, 1)
    synthetic = True


def rich_incident(n=0, **kwargs) -> Incident:
    """A synthetic incident with several sources, claims and attributions."""
    incident = IncidentFactory(
        title=f"Synthetic «shelling» {n} — قصف",
        place=Place.objects.get(slug="mayadin"),
        reported_place_name="Al-Mayadin",
        uncertainty_m=2500,
        date_start=dt.date(2017, 10, 23),
        date_end=dt.date(2017, 10, 24),
        date_precision="week",
        **kwargs,
    )

    def part(model, **values):
        return save_incident_part(part=model(incident=incident), data=values)

    monitor = part(Source, name="Monitor", kind="monitor")
    wire = part(
        Source, name="Local network", reported_via="Wire", published_on=dt.date(2017, 10, 25)
    )
    part(CasualtyClaim, source=monitor, outcome="killed", min_value=5, max_value=None)
    part(CasualtyClaim, source=wire, outcome="killed", min_value=3, max_value=4, wording="3-4")
    part(CasualtyClaim, source=wire, outcome="injured", min_value=9)
    actor = ActorFactory(slug="test-shelling-actor", name="Test actor")
    part(Attribution, actor=actor, source=wire, stance="claimed")
    part(Attribution, actor=actor, role="target")
    incident.refresh_from_db()
    return incident
