"""The demo logins `make demo` prints. Known passwords: never in production."""

import time
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from cryptography.fernet import InvalidToken
from django.db import transaction

from accounts.models import User
from bridges.models import Municipality

DEMO_PASSWORD = "ruhrbridge-demo"  # noqa: S105 - published on purpose, for the demo only
STAFF_EMAIL = "staff@demo.ruhrbridge.example"
COMPANY_EMAIL = "company@demo.ruhrbridge.example"
CITY_EMAIL = "city@demo.ruhrbridge.example"
CITY = "Dortmund"
# Fixed so that a person or a test can compute the staff user's codes.
STAFF_TOTP_SECRET = "RUHRBRIDGEDEMOSTAFFTOTPSECRET234"  # noqa: S105


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    totp_secret: str = ""


def _ensure_user(*, email: str, full_name: str, language: str, is_staff: bool) -> User:
    user, _created = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "preferred_language": language,
            "is_staff": is_staff,
            "is_superuser": is_staff,
            "is_active": True,
        },
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _ensure_totp(user: User, secret: str) -> None:
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing and _stored_secret(existing) == secret:
        return
    if existing:
        existing.delete()
    TOTP.activate(user, secret)


def _stored_secret(authenticator: Authenticator) -> str | None:
    try:
        return decrypt(authenticator.data["secret"])
    except InvalidToken:
        # Encrypted under a secret key that is gone (e.g. a new embedded dev key).
        return None


def current_code(secret: str) -> str:
    """The code an authenticator app shows right now for this secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


@transaction.atomic
def demo_logins_ensure() -> list[DemoLogin]:
    staff = _ensure_user(email=STAFF_EMAIL, full_name="Anna Brückner", language="de", is_staff=True)
    _ensure_totp(staff, STAFF_TOTP_SECRET)
    _ensure_user(email=COMPANY_EMAIL, full_name="Oliver Hughes", language="en", is_staff=False)
    city = _ensure_user(email=CITY_EMAIL, full_name="Jana Wittkamp", language="de", is_staff=False)
    Municipality.objects.get(name=CITY).users.add(city)
    return [
        DemoLogin(
            role="Agency staff (superuser)", email=STAFF_EMAIL, totp_secret=STAFF_TOTP_SECRET
        ),
        DemoLogin(role="Company user (UK company)", email=COMPANY_EMAIL),
        DemoLogin(role=f"Municipality ({CITY})", email=CITY_EMAIL),
    ]
