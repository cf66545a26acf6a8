"""Who held this point on that day."""

import datetime as dt

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import ControlZone, Place
from events.selectors import controller_at
from tests.factories import ActorFactory


def test_seed_incident_was_in_government_held_ground(seed_incident):
    assert seed_incident.controller_at_event.slug == "government"


@pytest.mark.django_db
def test_point_in_islamic_state_valley_on_the_incident_date():
    hajin = Place.objects.get(slug="hajin").geom
    assert controller_at(point=hajin, on=dt.date(2017, 10, 23)).slug == "islamic_state"


@pytest.mark.django_db
def test_control_changes_with_the_date():
    mayadin = Place.objects.get(slug="mayadin").geom
    assert controller_at(point=mayadin, on=dt.date(2017, 9, 6)).slug == "islamic_state"
    assert controller_at(point=mayadin, on=dt.date(2017, 10, 23)).slug == "government"


@pytest.mark.django_db
def test_no_zone_means_unknown_not_a_guess():
    assert controller_at(point=Point(36.29, 33.51, srid=4326), on=dt.date(2017, 10, 23)) is None
    deir = Place.objects.get(slug="deir-ez-zor").geom
    assert controller_at(point=deir, on=dt.date(2016, 1, 1)) is None


@pytest.mark.django_db
def test_invalid_polygon_is_rejected_with_a_clear_error():
    bowtie = MultiPolygon(
        Polygon(((40, 35), (40.2, 35.2), (40.2, 35), (40, 35.2), (40, 35))), srid=4326
    )
    zone = ControlZone(
        code="bowtie", actor=ActorFactory(), geom=bowtie, valid_from=dt.date(2017, 1, 1)
    )
    with pytest.raises(ValidationError, match="Invalid polygon: Self-intersection"):
        zone.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        zone.save()


@pytest.mark.django_db
def test_validity_dates_must_be_ordered():
    zone = ControlZone(
        code="backwards",
        actor=ActorFactory(),
        geom=MultiPolygon(Polygon(((0, 0), (1, 0), (1, 1), (0, 0))), srid=4326),
        valid_from=dt.date(2017, 11, 1),
        valid_to=dt.date(2017, 10, 1),
    )
    with pytest.raises(ValidationError, match="must not be after"):
        zone.full_clean()
