import pytest
from django.db import IntegrityError

from bridges.enums import MunicipalityKind
from bridges.models import Bridge, Capability, Municipality, PartnershipType, Sector

pytestmark = pytest.mark.django_db


def test_the_four_sectors_each_have_a_vocabulary_of_twelve_to_twenty():
    assert sorted(Sector.objects.values_list("slug", flat=True)) == [
        "cybersecurity",
        "digital-health",
        "e-mobility",
        "hydrogen",
    ]
    for sector in Sector.objects.all():
        assert 12 <= sector.capabilities.count() <= 20, sector.slug
    assert not Capability.objects.filter(name_de="").exists()


def test_the_partnership_types_have_the_agreed_slugs():
    assert sorted(PartnershipType.objects.values_list("slug", flat=True)) == sorted(
        [
            "research-development",
            "supplier",
            "customer",
            "distribution",
            "investment",
            "joint-venture",
            "settlement",
        ]
    )


def test_the_four_bridges_and_their_countries():
    countries = {b.slug: sorted(c.code for c in b.countries) for b in Bridge.objects.all()}

    assert countries == {
        "united-kingdom": ["GB"],
        "netherlands": ["NL"],
        "israel": ["IL"],
        "north-america": ["CA", "US"],
    }


def test_the_ruhr_has_53_towns_and_cities_in_11_cities_and_4_districts():
    assert Municipality.objects.filter(kind=MunicipalityKind.CITY).count() == 11
    assert Municipality.objects.filter(kind=MunicipalityKind.DISTRICT).count() == 4
    assert Municipality.objects.exclude(kind=MunicipalityKind.DISTRICT).count() == 53
    assert Municipality.objects.get(name="Essen").official_key == "05113000"
    assert Municipality.objects.get(name="Kreis Wesel").official_key == "05170"
    assert Municipality.objects.get(name="Xanten").district.name == "Kreis Wesel"
    assert Municipality.objects.get(name="Kreis Unna").towns.count() == 10


def test_an_official_key_is_unique():
    with pytest.raises(IntegrityError):
        Municipality.objects.create(
            name="Essen-Nord",
            slug="essen-nord",
            kind=MunicipalityKind.CITY,
            official_key="05113000",
        )


def test_an_official_key_must_fit_the_kind():
    with pytest.raises(IntegrityError):
        Municipality.objects.create(
            name="Neustadt", slug="neustadt", kind=MunicipalityKind.CITY, official_key="05999"
        )


def test_a_town_needs_a_district_and_a_city_has_none():
    with pytest.raises(IntegrityError):
        Municipality.objects.create(name="Neustadt", slug="neustadt", kind=MunicipalityKind.TOWN)


def test_capability_slugs_are_unique():
    sector = Sector.objects.get(slug="hydrogen")
    with pytest.raises(IntegrityError):
        Capability.objects.create(
            sector=sector, slug="electrolyser-stacks", name_de="x", name_en="x"
        )
