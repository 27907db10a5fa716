import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from accounts.models import User
from companies.models import Company, CompanyMember
from demo.logins import (
    CITY_EMAIL,
    COMPANY_EMAIL,
    DEMO_PASSWORD,
    STAFF_EMAIL,
    STAFF_TOTP_SECRET,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return User.objects.count(), EmailAddress.objects.count(), Authenticator.objects.count()


def test_it_prints_the_demo_logins_and_the_staff_totp_secret(capsys):
    call_command("load_demo")

    out = capsys.readouterr().out
    assert STAFF_EMAIL in out
    assert COMPANY_EMAIL in out
    assert CITY_EMAIL in out
    assert DEMO_PASSWORD in out
    assert STAFF_TOTP_SECRET in out


def test_the_demo_logins_work_with_the_published_password():
    call_command("load_demo")

    for email in (STAFF_EMAIL, COMPANY_EMAIL, CITY_EMAIL):
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert User.objects.get(email=STAFF_EMAIL).is_staff
    assert not User.objects.get(email=COMPANY_EMAIL).is_staff
    city = User.objects.get(email=CITY_EMAIL)
    assert not city.is_staff
    assert list(city.municipalities.values_list("name", flat=True)) == ["Dortmund"]


def test_running_it_twice_changes_nothing():
    call_command("load_demo")
    first = _counts()
    staff_secret = Authenticator.objects.get().data

    call_command("load_demo")

    # Besides the three logins: the Ruhr company's person who sent the demo's pending
    # introduction request and five more people who meet at the summit; none is a login.
    assert _counts() == first == (9, 3, 1)
    assert Authenticator.objects.get().data == staff_secret


def test_it_refuses_to_run_in_production_mode(settings):
    settings.DEMO_LOGINS_ALLOWED = False

    with pytest.raises(CommandError, match="refuses to run with DJANGO_DEBUG=0"):
        call_command("load_demo")

    assert not User.objects.exists()


def test_it_loads_the_agencys_bridges_twinnings_and_companies():
    from bridges.models import Bridge, TwinningProject

    call_command("load_demo")

    uk = Bridge.objects.get(slug="united-kingdom")
    assert "Mayor of Greater Manchester" in uk.description_en
    assert uk.partners.filter(organisation__name="Greater Manchester Combined Authority").exists()
    assert TwinningProject.objects.filter(
        municipality__name="Essen", partner_town="Sunderland", since_year=1949, bridge=uk
    ).exists()
    assert TwinningProject.objects.count() == 25
    assert Company.objects.filter(origin="demo").count() == 80
    assert Company.objects.filter(origin="demo", visibility="public").count() >= 20


def test_the_demo_company_user_owns_an_approved_uk_company():
    call_command("load_demo")

    member = CompanyMember.objects.get(user__email=COMPANY_EMAIL)
    assert member.role == "owner"
    assert member.company.country.code == "GB"
    assert member.company.bridge_memberships.get(bridge__slug="united-kingdom").status == "approved"


def test_loading_the_whole_demo_twice_gives_the_same_counts():
    call_command("load_demo")
    first = _domain_counts()

    call_command("load_demo")

    assert _domain_counts() == first


def _domain_counts():
    from bridges.models import BridgePartner, SettlementOffer, TwinningProject
    from companies.models import BridgeMembership, CompanyContact

    return [
        model.objects.count()
        for model in (
            Company,
            BridgeMembership,
            CompanyContact,
            CompanyMember,
            TwinningProject,
            SettlementOffer,
            BridgePartner,
            User,
        )
    ]


def test_synthetic_companies_are_exactly_n_per_side_and_the_same_each_time(capsys):
    call_command("load_demo", "--synthetic", "500")
    first = dict(Company.objects.filter(origin="synthetic").values_list("register_id", "name"))

    call_command("load_demo", "--synthetic", "500")

    synthetic = Company.objects.filter(origin="synthetic")
    assert synthetic.filter(country="DE").count() == 500
    assert synthetic.exclude(country="DE").count() == 500
    assert dict(synthetic.values_list("register_id", "name")) == first
    assert (
        "500 synthetic companies on the Ruhr side, 500 on the partner side"
        in capsys.readouterr().out
    )
    assert not User.objects.exists()


def test_fewer_synthetic_companies_remove_the_extra_ones_and_keep_the_rest():
    call_command("load_demo", "--synthetic", "30")
    kept = dict(
        Company.objects.filter(origin="synthetic", register_id__endswith="000012").values_list(
            "register_id", "name"
        )
    )

    call_command("load_demo", "--synthetic", "12")

    synthetic = Company.objects.filter(origin="synthetic")
    assert synthetic.count() == 24
    assert (
        dict(synthetic.filter(register_id__endswith="000012").values_list("register_id", "name"))
        == kept
    )


def test_synthetic_companies_have_realistic_profiles_and_approved_memberships():
    call_command("load_demo", "--synthetic", "20", "--bridge", "north-america")

    for company in Company.objects.filter(origin="synthetic").prefetch_related(
        "offers", "seeks", "sectors", "bridge_memberships__bridge"
    ):
        assert 2 <= company.offers.count() <= 5
        assert 1 <= company.seeks.count() <= 4
        assert not set(company.offers.all()) & set(company.seeks.all())
        assert company.country.code in {"DE", "US", "CA"}
        assert [(m.bridge.slug, m.status) for m in company.bridge_memberships.all()] == [
            ("north-america", "approved")
        ]


def test_synthetic_data_is_allowed_in_production_mode(settings):
    settings.DEMO_LOGINS_ALLOWED = False

    call_command("load_demo", "--synthetic", "3")

    assert Company.objects.filter(origin="synthetic").count() == 6


def test_an_unknown_bridge_for_synthetic_data_lists_the_known_ones():
    with pytest.raises(CommandError, match=r"Unknown bridge 'mars'\. Known bridges: israel"):
        call_command("load_demo", "--synthetic", "3", "--bridge", "mars")
