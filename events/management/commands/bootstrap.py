from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Everything `make run` needs in one process: migrate, load the gazetteer, "
        "control zones and demo incidents, the packaged real datasets (UCDP GED Syria; skipped "
        "when already loaded), create the first editor account, and build the basemap's "
        "packaged layers into var/basemap/ (kept until their inputs change)."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", stdout=self.stdout)
        call_command("load_datasets", stdout=self.stdout)
        call_command("refresh_features", stdout=self.stdout)
        call_command("ensure_editor", stdout=self.stdout)
        from events.basemap import packaged_layers, packaged_path

        layers = packaged_layers()
        self.stdout.write(f"Basemap packaged layers: {packaged_path(layers['key'])}")
