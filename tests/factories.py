import datetime
import hashlib

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import User
from bridges.models import Bridge, Municipality

PASSWORD = "a-long-test-password"
# Argon2 is slow on purpose; hash once, not once per user.
PASSWORD_HASH = make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "en"
    password = PASSWORD_HASH

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class CompanyFactory(factory.django.DjangoModelFactory):
    """A partner-region company by default; use `ruhr=True` for one in Essen."""

    class Meta:
        model = "companies.Company"
        skip_postgeneration_save = True

    class Params:
        ruhr = factory.Trait(
            country="DE",
            city="Essen",
            home_municipality=factory.LazyFunction(lambda: Municipality.objects.get(name="Essen")),
        )

    name = factory.Sequence(lambda n: f"Company {n} Ltd")
    country = "GB"
    city = "Manchester"
    description_en = "We build things."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "companies.BridgeMembership"

    company = factory.SubFactory(CompanyFactory)
    bridge = factory.LazyFunction(lambda: Bridge.objects.get(slug="united-kingdom"))


class CompanyMemberFactory(factory.django.DjangoModelFactory):
    """A user in a company's team; the owner unless a role is given."""

    class Meta:
        model = "companies.CompanyMember"

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(UserFactory)
    role = "owner"


class CompanyContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "companies.CompanyContact"

    company = factory.SubFactory(CompanyFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"contact{n}@example.net")
    email_digest = factory.LazyAttribute(
        lambda contact: hashlib.sha256(contact.email.strip().lower().encode()).hexdigest()
    )


class EventFactory(factory.django.DjangoModelFactory):
    """A public summit on the UK bridge in a month's time, in Manchester."""

    class Meta:
        model = "events.Event"
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = "summit"
    title_en = factory.Sequence(lambda n: f"Summit {n}")
    title_de = factory.Sequence(lambda n: f"Gipfel {n}")
    venue = "Manchester Central, Windmill Street, Manchester M2 3GX"
    time_zone = "Europe/London"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=8))
    capacity = 20

    @factory.post_generation
    def bridges(self, create, extracted, **kwargs):
        if create:
            self.bridges.set(extracted or [Bridge.objects.get(slug="united-kingdom")])


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Registration"

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    attendance = "in_person"
    status = "registered"
