"""English pages and forms keep British formats (23/10/2017, not 10/23/2017), as
when the site's language was en-gb: the language is "en" so that URLs read /en/."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
