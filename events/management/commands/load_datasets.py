from django.core.management.base import BaseCommand

from events.datasets import load_packaged_datasets


class Command(BaseCommand):
    help = (
        "Load the real datasets shipped in events/data (UCDP GED Syria 2016-2019) as "
        "published incidents, linked to the incidents already there. Skips a file whose "
        "checksum was loaded before."
    )

    def handle(self, *args, verbosity, **options):
        progress = self.progress if verbosity >= 1 else None
        for line in load_packaged_datasets(progress=progress):
            self.stdout.write(line)

    def progress(self, stage: str, done: int, total: int):
        step = max(1, total // 10)
        if total >= 1000 and (done % step == 0 or done == total):
            self.stderr.write(f"  {stage} {done}/{total} rows ({100 * done // total}%)")
