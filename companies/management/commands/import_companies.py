from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from bridges.models import Bridge
from companies.importing import ImportFileError, import_companies
from companies.vocabulary import write_vocabulary


class Command(BaseCommand):
    help = (
        "Import companies from a .csv (UTF-8, comma or semicolon) or .xlsx file. Every row is "
        "checked first: on any error nothing is written, each error is listed as "
        "'row R, column C: message' (the header is row 1) and the exit status is 1. "
        "See docs/import.md."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", nargs="?", help="the .csv or .xlsx file")
        parser.add_argument(
            "--bridge",
            metavar="SLUG",
            help="make the imported companies approved members of this bridge",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would happen; write nothing",
        )
        parser.add_argument(
            "--list-vocabulary",
            action="store_true",
            help="print the slugs a file may use, as CSV, and exit",
        )

    def handle(self, *args, **options) -> None:
        # Staff scripts read this output: always English, whatever LANGUAGE_CODE says.
        with translation.override("en"):
            self._handle(**options)

    def _handle(self, **options) -> None:
        if options["list_vocabulary"]:
            write_vocabulary(self.stdout)
            return
        if not options["file"]:
            raise CommandError("Name the file to import, or use --list-vocabulary.")
        bridge = self._bridge(options["bridge"])
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            result = import_companies(content, path.name, bridge=bridge, dry_run=options["dry_run"])
        except ImportFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(result.errors)} error(s) in {path.name}; nothing was imported."
            )
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(prefix + result.summary())

    @staticmethod
    def _bridge(slug: str | None) -> Bridge | None:
        if slug is None:
            return None
        bridge = Bridge.objects.filter(slug=slug).first()
        if bridge is None:
            known = ", ".join(Bridge.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"Unknown bridge '{slug}'. Known bridges: {known}.")
        return bridge
