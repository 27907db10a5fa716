import pytest

from bridges.models import Municipality
from bridges.selectors import can_act_for_municipality, municipalities_acted_for
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_districts_people_act_for_its_towns_but_not_for_other_districts():
    person = UserFactory()
    Municipality.objects.get(name="Kreis Unna").users.add(person)

    acted_for = set(municipalities_acted_for(user=person).values_list("name", flat=True))

    assert {"Kreis Unna", "Lünen", "Schwerte", "Unna"} <= acted_for
    assert "Moers" not in acted_for
    assert "Dortmund" not in acted_for
    assert len(acted_for) == 11


def test_a_towns_people_act_for_their_town_only():
    person = UserFactory()
    lunen = Municipality.objects.get(name="Lünen")
    lunen.users.add(person)

    assert list(municipalities_acted_for(user=person)) == [lunen]
    assert not can_act_for_municipality(
        user=person, municipality=Municipality.objects.get(name="Kreis Unna")
    )


def test_staff_act_for_every_municipality_and_others_for_none():
    assert municipalities_acted_for(user=StaffFactory()).count() == 57
    assert not municipalities_acted_for(user=UserFactory()).exists()
