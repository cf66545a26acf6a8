"""Shared fixtures. The demo data (actors, gazetteer, control zones and the seed
incident) is loaded once per test session; tests in transactions roll back over it."""

import os

import pytest
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)


@pytest.fixture
def seed_incident(db):
    from events.models import Incident

    return Incident.objects.get(code="2017-10-23-deir-ez-zor-al-qusur-air-strikes")


@pytest.fixture
def backend_name(settings):
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgis" if "postgis" in engine else "spatialite"
