from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from events.imports import ImportRejected, import_incidents
from events.models import IncidentStatus


class Command(BaseCommand):
    help = (
        "Import incidents from a CSV in ACLED's column layout or a GeoJSON file. "
        "All or nothing: any bad row rejects the file, and every bad row is listed "
        "with its line number. Rows are upserted by id, so re-running changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, write nothing"
        )
        parser.add_argument(
            "--status",
            default=IncidentStatus.DRAFT,
            choices=[IncidentStatus.DRAFT, IncidentStatus.REVIEW, IncidentStatus.PUBLISHED],
            help="status of new incidents (default draft; others need --user of a Reviewer)",
        )
        parser.add_argument("--user", help="account the import is recorded under in the history")
        parser.add_argument(
            "--synthetic",
            action="store_true",
            help="mark new incidents as synthetic test data (never shown publicly)",
        )

    def handle(self, *args, file: Path, dry_run, status, user, synthetic, verbosity, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"No user named {user!r}.")
        progress = self.progress if verbosity >= 1 else None
        try:
            report = import_incidents(
                path=file,
                user=account,
                status=status,
                dry_run=dry_run,
                synthetic=synthetic,
                progress=progress,
            )
        except ImportRejected as exc:
            raise CommandError(str(exc)) from None
        if verbosity >= 2:
            for line in report.details:
                self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def progress(self, stage: str, done: int, total: int):
        step = max(1, total // 20)
        if total >= 200 and (done % step == 0 or done == total):
            self.stderr.write(f"  {stage} {done}/{total} rows ({100 * done // total}%)")
