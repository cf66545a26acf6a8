from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Everything `make run` needs in one process: migrate, load the gazetteer, "
        "control zones and demo incidents, the packaged real datasets (UCDP GED Syria; skipped "
        "when already loaded), and create the first editor account."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", stdout=self.stdout)
        call_command("load_datasets", stdout=self.stdout)
        call_command("refresh_features", stdout=self.stdout)
        call_command("ensure_editor", stdout=self.stdout)
