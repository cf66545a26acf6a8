"""Keep an incident's derived casualty figures in step with its claims."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from events.models import CasualtyClaim, Incident
from events.services import refresh_casualty_figures


@receiver(post_save, sender=CasualtyClaim)
@receiver(post_delete, sender=CasualtyClaim)
def claims_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    incident = Incident.objects.filter(pk=instance.incident_id).first()
    if incident is not None:
        refresh_casualty_figures(incident=incident)
