"""Which stored addresses may become links: http and https only, by allow-list.

A source's address is shown to anonymous visitors as a link, so a ``javascript:``
or ``data:`` address would run in their browser. ``web_url`` is the field
validator (model validation, hence the admin, the API, the importer and the
loaders); the database holds the same rule as a check constraint
(``source_url_web_scheme``); templates link only what ``is_web_url`` accepts.
"""

from __future__ import annotations

import re

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")
WEB_URL_MESSAGE = _("Enter a web address starting with http:// or https://.")

web_url = URLValidator(schemes=list(WEB_SCHEMES), message=WEB_URL_MESSAGE)

# The scheme must be the very first characters: browsers drop leading spaces and
# control characters and tabs inside a scheme, so nothing may come before it.
_WEB_PREFIX = re.compile(r"https?://", re.IGNORECASE)


def is_web_url(value) -> bool:
    """True if ``value`` is a string that starts with http:// or https://."""
    return isinstance(value, str) and _WEB_PREFIX.match(value) is not None
