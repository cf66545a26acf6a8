"""The editors' admin. Thin: rules live in events.permissions, writes in
events.services and events.imports, reads in events.selectors."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.admin import incidents, links, reference, zones  # noqa: F401  (register models)
from events.admin.login import ThrottledAdminLoginForm

admin.site.login_form = ThrottledAdminLoginForm
admin.site.site_header = _("conflictmap editors")
admin.site.site_title = _("conflictmap admin")
admin.site.index_title = _("Incidents, sources and territorial control")
