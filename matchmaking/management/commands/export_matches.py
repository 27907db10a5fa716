from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.exports import write_csv
from matchmaking.enums import MatchKind
from matchmaking.exports import EXPORT_HEADER, export_rows
from matchmaking.management.commands.run_matching import bridge_or_error


class Command(BaseCommand):
    help = (
        "Write a bridge's current matches of one kind as plain CSV (UTF-8, no BOM, header "
        "first): company, company_country, partner, partner_country, rank, score, reasons_en, "
        "then ids and partner_kind. Pairs marked not interested are left out."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bridge", required=True, metavar="SLUG")
        parser.add_argument("--kind", required=True, choices=MatchKind.values)
        parser.add_argument("--out", required=True, metavar="FILE.csv")
        parser.add_argument("--top", type=int, default=20, metavar="K", help="default 20")

    def handle(self, *args, **options) -> None:
        bridge = bridge_or_error(options["bridge"])
        if options["top"] < 1:
            raise CommandError("--top needs a number of 1 or more.", returncode=2)
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"The folder {out.parent} does not exist.", returncode=2)
        partial = out.with_name(f".{out.name}.partial")
        count = 0
        with partial.open("w", encoding="utf-8", newline="") as stream:

            def counted():
                nonlocal count
                for row in export_rows(bridge=bridge, kind=options["kind"], top=options["top"]):
                    count += 1
                    yield row

            write_csv(stream, EXPORT_HEADER, counted())
        partial.replace(out)
        self.stdout.write(f"Wrote {count} matches of {bridge.slug} ({options['kind']}) to {out}.")
