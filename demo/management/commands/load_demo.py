import io
import time

from celery import current_app
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from bridges.enums import BridgeStatus
from bridges.models import Bridge
from demo.delegations import delegations_demo_ensure
from demo.introductions import demo_introductions_ensure
from demo.logins import COMPANY_EMAIL, DEMO_PASSWORD, current_code, demo_logins_ensure
from demo.meetings import demo_meetings_ensure
from demo.seed import demo_domain_ensure
from demo.synthetic import synthetic_companies_ensure


class Command(BaseCommand):
    help = (
        "Load the demo data (idempotent: running it again changes nothing). Creates logins "
        "with published passwords, so it refuses to run with DJANGO_DEBUG=0. With --synthetic N "
        "it only makes sure exactly N generated companies exist on each side of a bridge "
        "(for benchmarks; no logins, any mode)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--synthetic", type=int, metavar="N", help="generated companies per side of the bridge"
        )
        parser.add_argument(
            "--bridge",
            default="united-kingdom",
            metavar="SLUG",
            help="the bridge for --synthetic (default: united-kingdom)",
        )

    def handle(self, *args, **options) -> None:
        if options["synthetic"] is not None:
            self._synthetic(options["synthetic"], options["bridge"])
            return
        if not settings.DEMO_LOGINS_ALLOWED:
            raise CommandError(
                "load_demo creates logins with published passwords and refuses to run with "
                "DJANGO_DEBUG=0. (--synthetic N creates no logins and runs in any mode.)"
            )
        logins = demo_logins_ensure()
        counts = demo_domain_ensure(company_owner=User.objects.get(email=COMPANY_EMAIL))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is ready: {counts.companies} companies, {counts.memberships} bridge "
                f"memberships, {counts.twinnings} twinning projects, {counts.offers} settlement "
                f"offers, {counts.partner_organisations} partner organisations."
            )
        )
        delegations_demo_ensure()
        self._match_in_process()
        demo_introductions_ensure(company_owner=User.objects.get(email=COMPANY_EMAIL))
        demo_meetings_ensure(company_owner=User.objects.get(email=COMPANY_EMAIL))
        self.stdout.write(
            "The demo company has a request waiting for its answer, an accepted introduction "
            "and a settlement request to the agency."
        )
        self.stdout.write("")
        self.stdout.write("Open http://127.0.0.1:8000/ (the admin is at /admin/).")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.role:<26} {login.email}")
            if login.totp_secret:
                self.stdout.write(
                    f"  {'':<26} TOTP secret {login.totp_secret} "
                    f"(code right now: {current_code(login.totp_secret)})"
                )

    def _match_in_process(self) -> None:
        """Embedded mode has no worker: run the matching here, so the demo shows matches."""
        if not current_app.conf.task_always_eager:
            self.stdout.write(
                "Match runs are queued for the workers (python manage.py run_matching)."
            )
            return
        for slug in Bridge.objects.filter(status=BridgeStatus.ACTIVE).values_list(
            "slug", flat=True
        ):
            call_command("run_matching", "--bridge", slug, stdout=io.StringIO())
        self.stdout.write("Matches computed for every active bridge.")

    def _synthetic(self, n: int, slug: str) -> None:
        if n < 0:
            raise CommandError("--synthetic needs a number of companies of 0 or more.")
        bridge = Bridge.objects.filter(slug=slug).first()
        if bridge is None:
            known = ", ".join(Bridge.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"Unknown bridge '{slug}'. Known bridges: {known}.")
        started = time.monotonic()
        counts = synthetic_companies_ensure(bridge=bridge, n=n)
        self.stdout.write(
            f"{bridge.slug}: {counts.ruhr} synthetic companies on the Ruhr side, "
            f"{counts.partner} on the partner side (created {counts.created}, deleted "
            f"{counts.deleted}) in {time.monotonic() - started:.1f} s."
        )
