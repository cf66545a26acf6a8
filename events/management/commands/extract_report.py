"""manage.py extract_report FILE|- : report texts to draft values as JSON Lines."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from events.extraction import ReportInputError, extract_report, parse_report
from events.extraction.batch import extract_lines
from events.extraction.headers import header_date


class Command(BaseCommand):
    help = (
        "Extract draft incident values from news reports. FILE (or - for standard input) "
        'is JSON Lines, one {"id", "text", "dateline": "YYYY-MM-DD", "outlet", "url"} per '
        "line, or one plain-text report with --dateline and --outlet (a text that starts "
        "with a date header, 'date 2017-10-24', needs no --dateline). Prints one JSON "
        "object per report; a line that cannot be read prints {line, id, error} and the "
        "command exits with status 1 after the others. Nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .jsonl file, a plain-text report, or - for stdin")
        parser.add_argument("--dateline", help="the report's date (YYYY-MM-DD), plain text only")
        parser.add_argument("--outlet", default="", help="who published it, plain text only")
        parser.add_argument("--url", default="", help="where it was published, plain text only")
        parser.add_argument("--id", default="", help="an id for the output, plain text only")
        parser.add_argument(
            "--no-duplicates", action="store_true", help="skip the likely-duplicates look-up"
        )

    def handle(self, *args, file, dateline, outlet, url, id, no_duplicates, **options):
        content = self._read(file)
        self._check_database()
        with_duplicates = not no_duplicates
        plain = not content.lstrip().startswith("{")
        if dateline is not None or (plain and header_date(content)[1]):
            data = {"id": id or "1", "text": content, "dateline": dateline}
            data.update(outlet=outlet, url=url)
            try:
                report = parse_report(data)
            except ReportInputError as exc:
                raise CommandError(str(exc)) from exc
            self._emit(extract_report(report, with_duplicates=with_duplicates))
            return
        if plain:
            raise CommandError(
                "This looks like a plain-text report: give --dateline (and --outlet), "
                "start it with a date header ('date 2017-10-24'), or pass a JSON Lines file."
            )
        failed = 0
        lines = content.splitlines()
        for obj, reason in extract_lines(lines, with_duplicates=with_duplicates):
            self._emit(obj)
            if reason:
                failed += 1
                self.stderr.write(f"line {obj['line']}: {reason}")
        if failed:
            raise CommandError(f"{failed} line(s) could not be read; see the error objects.")

    def _check_database(self) -> None:
        """The gazetteer and actor table are read from the database: say so plainly
        when it has not been set up, rather than failing inside the extractor."""
        from events.models import PlaceName

        try:
            PlaceName.objects.exists()
        except DatabaseError as exc:
            raise CommandError(
                "The database is not set up (no gazetteer to place names with): "
                "run `make run` or `make db` first."
            ) from exc

    def _read(self, file: str) -> str:
        if file == "-":
            return sys.stdin.read()
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file} is not UTF-8 text.") from exc

    def _emit(self, obj) -> None:
        self.stdout.write(json.dumps(obj, ensure_ascii=False))
