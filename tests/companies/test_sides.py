import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from bridges.models import Bridge
from bridges.places import RuhrPlaces
from companies.sides import company_side

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return RuhrPlaces.load()


@pytest.fixture
def bridges():
    return list(Bridge.objects.all())


@pytest.mark.parametrize(
    ("written", "municipality"),
    [
        ("Mülheim an der Ruhr", "Mülheim an der Ruhr"),
        ("Muelheim an der Ruhr", "Mülheim an der Ruhr"),
        ("Mülheim a.d. Ruhr", "Mülheim an der Ruhr"),
        ("Mülheim", "Mülheim an der Ruhr"),
        ("MULHEIM AN DER RUHR", "Mülheim an der Ruhr"),
        ("Mülheim an der Ruhr-Saarn", "Mülheim an der Ruhr"),
        ("Essen-Kettwig", "Essen"),
        ("Bochum-Wattenscheid", "Bochum"),
        ("  dortmund ", "Dortmund"),
        ("Castrop-Rauxel", "Castrop-Rauxel"),
        ("Castrop-Rauxel-Ickern", "Castrop-Rauxel"),
        ("Wetter", "Wetter (Ruhr)"),
        ("Wetter (Ruhr)", "Wetter (Ruhr)"),
        ("Froendenberg", "Fröndenberg/Ruhr"),
        ("Haltern", "Haltern am See"),
        ("Huenxe", "Hünxe"),
        ("Lunen", "Lünen"),
    ],
)
def test_ruhr_towns_are_found_whatever_the_spelling(places, written, municipality):
    assert places.resolve(written).name == municipality


@pytest.mark.parametrize("written", ["Köln", "Düsseldorf", "Kreis Unna", "", "Manchester"])
def test_places_outside_the_ruhr_are_not_found(places, written):
    assert places.resolve(written) is None


def test_a_german_company_in_a_ruhr_town_is_on_the_ruhr_side(places, bridges):
    side = company_side(country="DE", city="Essen-Kettwig", places=places, bridges=bridges)

    assert side.is_ruhr
    assert side.home_municipality.name == "Essen"


def test_uk_is_accepted_for_great_britain(places, bridges):
    uk = Bridge.objects.get(slug="united-kingdom")

    side = company_side(country="uk", city="Manchester", places=places, bridges=bridges, bridge=uk)

    assert not side.is_ruhr


def test_a_german_company_outside_the_ruhr_is_refused_with_a_clear_message(places, bridges):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        company_side(country="DE", city="Köln", places=places, bridges=bridges)

    assert error.value.message_dict == {
        "city": [
            "“Köln” is not a town or city of the Ruhr. German companies take part as companies of "
            "the Ruhr; RuhrBridge is for the Ruhr and its partner regions."
        ]
    }


def test_a_country_outside_the_bridge_is_refused_naming_the_bridges_countries(places, bridges):
    uk = Bridge.objects.get(slug="united-kingdom")

    with translation.override("en"), pytest.raises(ValidationError) as error:
        company_side(country="FR", city="Paris", places=places, bridges=bridges, bridge=uk)

    assert error.value.message_dict["country"] == [
        "Companies from France cannot join the bridge “Innovation Bridge United Kingdom”: its "
        "partner countries are United Kingdom."
    ]


def test_a_country_of_no_bridge_is_refused(places, bridges):
    with translation.override("de"), pytest.raises(ValidationError) as error:
        company_side(country="FR", city="Paris", places=places, bridges=bridges)

    assert "ist kein Partnerland einer Brücke" in error.value.message_dict["country"][0]


def test_a_made_up_country_code_is_refused(places, bridges):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        company_side(country="XX", city="", places=places, bridges=bridges)

    assert "is not an ISO 3166 country code" in error.value.message_dict["country"][0]
