"""WSGI entry point. The process does its start-up work (conflictmap.warmup)
before it serves, so the first visitor does not pay for it."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings.prod")
application = get_wsgi_application()

from conflictmap.warmup import warm_up  # noqa: E402  (needs the apps loaded)

warm_up()
