import pytest

from bridges.models import Bridge, Municipality, SettlementOffer, TwinningProject
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _acting_for(name):
    user = UserFactory()
    Municipality.objects.get(name=name).users.add(user)
    return user


def _twinning_form(**overrides):
    data = {
        "bridge": Bridge.objects.get(slug="united-kingdom").pk,
        "partner_town": "Leeds",
        "partner_country": "GB",
        "kind": "town-twinning",
        "since_year": "1969",
        "status": "active",
    }
    data.update(overrides)
    return data


def test_a_city_user_adds_a_twinning_project_that_shows_on_the_city_and_bridge_pages(client):
    client.force_login(_acting_for("Dortmund"))

    response = client.post("/en/municipalities/dortmund/twinnings/new/", _twinning_form())

    assert response.status_code == 302
    project = TwinningProject.objects.get(partner_town="Leeds")
    assert project.municipality.name == "Dortmund"
    assert "Leeds" in client.get("/en/municipalities/dortmund/").text
    assert "Leeds" in client.get("/en/bridges/united-kingdom/").text


def test_a_twinning_project_of_another_municipality_is_a_404(client):
    essen = Municipality.objects.get(name="Essen")
    project = TwinningProject.objects.create(
        municipality=essen,
        bridge=Bridge.objects.get(slug="united-kingdom"),
        partner_town="Sunderland",
        partner_country="GB",
    )
    client.force_login(_acting_for("Dortmund"))

    assert client.get(f"/en/municipalities/essen/twinnings/{project.pk}/").status_code == 404
    assert client.get(f"/en/municipalities/dortmund/twinnings/{project.pk}/").status_code == 404
    assert client.post(f"/en/municipalities/essen/twinnings/{project.pk}/end/").status_code == 404
    assert client.get("/en/municipalities/essen/twinnings/new/").status_code == 404
    project.refresh_from_db()
    assert project.status == "active"


def test_signed_out_visitors_are_sent_to_sign_in_before_changing_anything(client):
    response = client.get("/en/municipalities/dortmund/twinnings/new/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_district_user_manages_the_items_of_its_towns(client):
    client.force_login(_acting_for("Kreis Unna"))

    client.post("/en/municipalities/luenen/twinnings/new/", _twinning_form(partner_town="Salford"))
    client.post(
        "/en/municipalities/unna/offers/new/",
        {"title_de": "Gewerbefläche", "title_en": "Commercial site", "kind": "commercial-site"},
    )

    assert TwinningProject.objects.get(partner_town="Salford").municipality.name == "Lünen"
    assert SettlementOffer.objects.get(title_en="Commercial site").municipality.name == "Unna"
    district_page = client.get("/en/municipalities/kreis-unna/").text
    assert "Salford" in district_page
    assert "Commercial site" in district_page
    assert client.get("/en/municipalities/moers/offers/new/").status_code == 404


def test_ending_a_project_and_withdrawing_an_offer_take_them_off_the_page(client):
    dortmund = Municipality.objects.get(name="Dortmund")
    project = TwinningProject.objects.create(
        municipality=dortmund,
        bridge=Bridge.objects.get(slug="israel"),
        partner_town="Netanya",
        partner_country="IL",
    )
    offer = SettlementOffer.objects.create(
        municipality=dortmund, title_de="Labor", title_en="Lab", kind="lab"
    )
    client.force_login(_acting_for("Dortmund"))

    client.post(f"/en/municipalities/dortmund/twinnings/{project.pk}/end/")
    client.post(f"/en/municipalities/dortmund/offers/{offer.pk}/withdraw/")

    page = client.get("/en/municipalities/dortmund/").text
    assert "Netanya" not in page
    assert ">Lab<" not in page
    project.refresh_from_db()
    offer.refresh_from_db()
    assert (project.status, offer.status) == ("ended", "withdrawn")


def test_a_second_project_with_the_same_partner_gets_a_clear_message_and_nothing_changes(client):
    client.force_login(_acting_for("Dortmund"))
    client.post("/en/municipalities/dortmund/twinnings/new/", _twinning_form())

    response = client.post("/en/municipalities/dortmund/twinnings/new/", _twinning_form())

    assert response.status_code == 200
    assert "Leeds is already a partner of this kind on this bridge." in response.text
    assert TwinningProject.objects.filter(partner_town="Leeds").count() == 1


def test_bad_input_on_an_offer_is_explained_and_saves_nothing(client):
    client.force_login(_acting_for("Dortmund"))

    response = client.post(
        "/en/municipalities/dortmund/offers/new/",
        {"title_de": "", "title_en": "x" * 300, "kind": "castle", "area_m2": "-5"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"title_de", "title_en", "kind", "area_m2"}
    assert not SettlementOffer.objects.exists()


def test_a_posted_municipality_field_cannot_move_an_item_elsewhere(client):
    client.force_login(_acting_for("Dortmund"))

    client.post(
        "/en/municipalities/dortmund/twinnings/new/",
        _twinning_form(municipality=Municipality.objects.get(name="Essen").pk),
    )

    assert TwinningProject.objects.get(partner_town="Leeds").municipality.name == "Dortmund"


def test_only_people_acting_for_it_see_the_management_links(client):
    assert "Add a twinning project" not in client.get("/en/municipalities/dortmund/").text
    client.force_login(_acting_for("Essen"))
    assert "Add a twinning project" not in client.get("/en/municipalities/dortmund/").text
    client.force_login(StaffFactory())
    assert "Add a twinning project" in client.get("/en/municipalities/dortmund/").text
