"""factory_boy factories for test data (never presented as real: synthetic=True)."""

import datetime as dt

import factory
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from events.models import (
    Actor,
    CasualtyClaim,
    ControlZone,
    Incident,
    IncidentStatus,
    Source,
)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"test-actor-{n}")
    name = factory.Sequence(lambda n: f"Test actor {n}")
    kind = "non_state"
    colour = "#123456"


class IncidentFactory(factory.django.DjangoModelFactory):
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


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    incident = factory.SubFactory(IncidentFactory)
    name = factory.Sequence(lambda n: f"Test source {n}")


class CasualtyClaimFactory(factory.django.DjangoModelFactory):
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
