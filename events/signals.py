"""Keep what is derived from an incident in step with what it is made of: the
casualty figures with its claims, and the stored GeoJSON Feature
(``Incident.feature_json``) with the incident, its place, sources, claims,
attributions and their actors. Bulk writes, which send no signals, call
``events.services.refresh_incident_features`` themselves."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from events.models import Actor, Attribution, CasualtyClaim, Incident, Place, Source
from events.services import refresh_casualty_figures, refresh_incident_features


@receiver(post_save, sender=CasualtyClaim)
@receiver(post_delete, sender=CasualtyClaim)
def claims_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    incident = Incident.objects.filter(pk=instance.incident_id).first()
    if incident is not None:
        refresh_casualty_figures(incident=incident)
        refresh_incident_features(incidents=Incident.objects.filter(pk=incident.pk))


@receiver(post_save, sender=Incident)
def incident_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_incident_features(incidents=Incident.objects.filter(pk=instance.pk))


@receiver(post_save, sender=Source)
@receiver(post_delete, sender=Source)
@receiver(post_save, sender=Attribution)
@receiver(post_delete, sender=Attribution)
def part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_incident_features(incidents=Incident.objects.filter(pk=instance.incident_id))


@receiver(post_save, sender=Place)
def place_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        refresh_incident_features(incidents=Incident.objects.filter(place_id=instance.pk))


@receiver(post_save, sender=Actor)
def actor_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        refresh_incident_features(
            incidents=Incident.objects.filter(attributions__actor_id=instance.pk).distinct()
        )


@receiver(pre_delete, sender=Source)
def source_deleting(sender, instance, **kwargs):
    """The source's attributions lose their source (SET_NULL). One that would then
    repeat an unsourced attribution already recorded goes instead: it would say
    nothing more (Attribution.clean refuses such twins when they are entered)."""
    for attribution in Attribution.objects.filter(source=instance):
        if Attribution.objects.filter(
            incident_id=attribution.incident_id,
            actor_id=attribution.actor_id,
            role=attribution.role,
            stance=attribution.stance,
            source__isnull=True,
        ).exists():
            attribution.delete()
