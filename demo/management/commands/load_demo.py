from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.logins import DEMO_PASSWORD, current_code, demo_logins_ensure


class Command(BaseCommand):
    help = (
        "Load the demo data (idempotent: running it again changes nothing). "
        "Creates logins with known passwords, so it refuses to run with DJANGO_DEBUG=0."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEMO_LOGINS_ALLOWED:
            raise CommandError(
                "load_demo creates logins with published passwords and refuses to run with "
                "DJANGO_DEBUG=0."
            )
        logins = demo_logins_ensure()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
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
