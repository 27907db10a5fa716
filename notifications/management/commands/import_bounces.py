from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from notifications.bounces import BounceFileError, bounces_import


class Command(BaseCommand):
    help = (
        "Record a mail provider's bounce file (CSV, UTF-8: email,type,bounce_type,timestamp[,id]). "
        "Hard bounces and complaints make the address undeliverable. Every row is checked first: "
        "on any error nothing is recorded, each error is listed as 'row R, column C: message' "
        "(the header is row 1) and the exit status is 1. See docs/operations-email.md."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the .csv file")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            result = bounces_import(content)
        except BounceFileError as error:
            raise CommandError(f"{error} Nothing was recorded.") from None
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(result.errors)} error(s) in {path.name}; nothing was recorded."
            )
        self.stdout.write(
            f"{result.rows} event(s) read, {result.new} new, "
            f"{result.rows - result.new} known already."
        )
