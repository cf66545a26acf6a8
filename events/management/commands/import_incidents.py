from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from events.imports import ImportRejected, import_incidents
from events.imports.actors import ActorChoices
from events.models import IncidentStatus


class Command(BaseCommand):
    help = (
        "Import incidents from a CSV in ACLED's or UCDP GED's column layout (told apart "
        "by the header) or a GeoJSON file. "
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

        parser.add_argument(
            "--create-unknown-actors",
            action="store_true",
            help="create actor names the dictionary does not know as new actors, marked "
            "unreviewed (names in --actor-map are mapped instead)",
        )
        parser.add_argument(
            "--actor-map",
            type=Path,
            help="file of 'name,slug' lines mapping unknown actor names to existing actors "
            "(slug '+create' creates the name); mappings are kept as aliases",
        )
        parser.add_argument(
            "--no-link",
            action="store_true",
            help="do not match new rows against existing incidents from other datasets",
        )

    def handle(self, *args, file: Path, dry_run, status, user, synthetic, verbosity, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        choices = ActorChoices(create_all=options["create_unknown_actors"])
        if options["actor_map"]:
            if not options["actor_map"].is_file():
                raise CommandError(f"No such file: {options['actor_map']}")
            try:
                choices = ActorChoices.from_file(
                    options["actor_map"].read_text(encoding="utf-8-sig"),
                    create_all=choices.create_all,
                )
            except (ValueError, UnicodeDecodeError) as exc:
                raise CommandError(f"{options['actor_map']}: {exc}") from None
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
                actor_choices=choices,
                link=not options["no_link"],
            )
        except ImportRejected as exc:
            raise CommandError(str(exc)) from None
        if verbosity >= 2:
            for line in report.details:
                self.stdout.write(f"  {line}")
        self.write_outcomes(report, verbosity)
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def write_outcomes(self, report, verbosity):
        if verbosity < 1:
            return
        if report.unknown_actors:
            self.stdout.write(_("Actor names not in the dictionary (rows naming each):"))
            for name, count in report.unknown_actors.items():
                outcome = report.actor_outcomes.get(name, _("no choice made"))
                self.stdout.write(f"  {name!r}: {count} -> {outcome}")
        if report.links:
            self.stdout.write(
                _("Joined to existing incidents (%(count)d):") % {"count": len(report.links)}
            )
            for line in report.links:
                self.stdout.write(f"  {line}")
        if report.candidates:
            self.stdout.write(
                _(
                    "Candidates left for an editor to confirm or split (%(count)d, "
                    "admin: Incident links):"
                )
                % {"count": len(report.candidates)}
            )
            for line in report.candidates[:50]:
                self.stdout.write(f"  {line}")
            if len(report.candidates) > 50:
                self.stdout.write(
                    "  " + _("… and %(count)d more") % {"count": len(report.candidates) - 50}
                )

    def progress(self, stage: str, done: int, total: int):
        step = max(1, total // 20)
        if total >= 200 and (done % step == 0 or done == total):
            self.stderr.write(f"  {stage} {done}/{total} rows ({100 * done // total}%)")
