import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from accounts.models import User
from demo.logins import COMPANY_EMAIL, DEMO_PASSWORD, STAFF_EMAIL, STAFF_TOTP_SECRET

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return User.objects.count(), EmailAddress.objects.count(), Authenticator.objects.count()


def test_it_prints_the_demo_logins_and_the_staff_totp_secret(capsys):
    call_command("load_demo")

    out = capsys.readouterr().out
    assert STAFF_EMAIL in out
    assert COMPANY_EMAIL in out
    assert DEMO_PASSWORD in out
    assert STAFF_TOTP_SECRET in out


def test_the_demo_logins_work_with_the_published_password():
    call_command("load_demo")

    for email in (STAFF_EMAIL, COMPANY_EMAIL):
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert User.objects.get(email=STAFF_EMAIL).is_staff
    assert not User.objects.get(email=COMPANY_EMAIL).is_staff


def test_running_it_twice_changes_nothing():
    call_command("load_demo")
    first = _counts()
    staff_secret = Authenticator.objects.get().data

    call_command("load_demo")

    assert _counts() == first == (2, 2, 1)
    assert Authenticator.objects.get().data == staff_secret


def test_it_refuses_to_run_in_production_mode(settings):
    settings.DEMO_LOGINS_ALLOWED = False

    with pytest.raises(CommandError, match="refuses to run with DJANGO_DEBUG=0"):
        call_command("load_demo")

    assert not User.objects.exists()
