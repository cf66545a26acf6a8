"""manage.py extract_report FILE|- : report texts to draft values as JSON Lines."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.extraction import ReportInputError, extract_report, extract_reports, parse_report

BATCH = 200  # reports extracted together (their duplicates are looked up together)


class Command(BaseCommand):
    help = (
        "Extract draft incident values from news reports. FILE (or - for standard input) "
        'is JSON Lines, one {"id", "text", "dateline": "YYYY-MM-DD", "outlet", "url"} per '
        "line, or one plain-text report with --dateline and --outlet. Prints one JSON "
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
        with_duplicates = not no_duplicates
        if dateline is not None:
            data = {"id": id or "1", "text": content, "dateline": dateline}
            data.update(outlet=outlet, url=url)
            try:
                report = parse_report(data)
            except ReportInputError as exc:
                raise CommandError(str(exc)) from exc
            self._emit(extract_report(report, with_duplicates=with_duplicates))
            return
        if not content.lstrip().startswith("{"):
            raise CommandError(
                "This looks like a plain-text report: give --dateline (and --outlet), "
                "or pass a JSON Lines file."
            )
        failed = 0
        pending: list = []  # reports, and error objects, in input order

        def flush():
            reports = [item for item in pending if not isinstance(item, dict)]
            results = iter(extract_reports(reports, with_duplicates=with_duplicates))
            for item in pending:
                self._emit(item if isinstance(item, dict) else next(results))
            pending.clear()

        for number, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            data = None
            try:
                data = json.loads(line)
                report = parse_report(data, default_id=str(number))
            except (json.JSONDecodeError, ReportInputError) as exc:
                failed += 1
                if isinstance(exc, json.JSONDecodeError):
                    reason = f"not JSON: {exc.msg}"
                else:
                    reason = str(exc)
                ident = data.get("id") if isinstance(data, dict) else None
                pending.append({"line": number, "id": ident, "error": reason})
                self.stderr.write(f"line {number}: {reason}")
                continue
            pending.append(report)
            if len(pending) >= BATCH:
                flush()
        flush()
        if failed:
            raise CommandError(f"{failed} line(s) could not be read; see the error objects.")

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
