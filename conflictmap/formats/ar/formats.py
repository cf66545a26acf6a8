"""Arabic: Django's Arabic formats, with dates typed day first (23/10/2017), as
in Syrian usage, and ISO dates accepted everywhere."""

from django.conf.locale.ar.formats import *  # noqa: F403
from django.conf.locale.en_GB.formats import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
)
