import pytest
from django.utils import timezone

from bridges.models import Bridge, PartnershipType, Sector
from companies.models import CompanyContact, CompanyMember, email_digest
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory, UserFactory
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db


def _member(company=None, bridge="united-kingdom", **company_fields):
    company = company or CompanyFactory(**company_fields)
    MembershipFactory(
        company=company,
        bridge=Bridge.objects.get(slug=bridge),
        status="approved",
        decided_at=timezone.now(),
    )
    return company


def _person_of(company):
    user = UserFactory()
    CompanyMember.objects.create(company=company, user=user, role="owner")
    return user


def _names(response):
    return {company.name for company in response.context["page"].object_list}


def test_visitors_see_public_companies_that_take_part_in_a_bridge(client):
    _member(name="Open Ltd", visibility="public")
    _member(name="Members Ltd", visibility="members-only")
    _member(name="Hidden Ltd", visibility="hidden")
    CompanyFactory(name="Unapproved Ltd", visibility="public")

    response = client.get("/en/companies/")

    assert _names(response) == {"Open Ltd"}
    assert "1 company" in response.text


def test_members_of_a_shared_bridge_also_see_members_only_companies(client):
    _member(name="Members UK Ltd", visibility="members-only")
    _member(name="Members NL B.V.", visibility="members-only", bridge="netherlands", country="NL")
    viewer = _person_of(_member(ruhr=True, name="Viewer GmbH", visibility="hidden"))
    client.force_login(viewer)

    names = _names(client.get("/en/companies/"))

    assert names == {"Members UK Ltd", "Viewer GmbH"}


def test_a_person_whose_company_is_not_yet_approved_sees_only_public_ones_and_their_own(client):
    _member(name="Members UK Ltd", visibility="members-only")
    viewer = _person_of(CompanyFactory(ruhr=True, name="Applicant GmbH"))
    client.force_login(viewer)

    assert _names(client.get("/en/companies/")) == set()
    own = viewer.company_memberships.get().company_id
    assert client.get(f"/en/companies/{own}/").status_code == 200


def test_staff_see_every_company_taking_part(client):
    _member(name="Hidden Ltd", visibility="hidden")
    client.force_login(StaffFactory())

    assert _names(client.get("/en/companies/")) == {"Hidden Ltd"}


def test_a_company_the_viewer_may_not_see_is_a_404_not_a_403(client):
    hidden = _member(name="Hidden Ltd", visibility="hidden")
    members_only = _member(name="Members Ltd", visibility="members-only")

    assert client.get(f"/en/companies/{hidden.pk}/").status_code == 404
    assert client.get(f"/en/companies/{members_only.pk}/").status_code == 404
    assert client.get("/en/companies/999999/").status_code == 404
    client.force_login(_person_of(hidden))
    assert client.get(f"/en/companies/{hidden.pk}/").status_code == 200


def test_filters_narrow_the_list_and_stay_in_the_url(client):
    hydrogen = Sector.objects.get(slug="hydrogen")
    supplier = PartnershipType.objects.get(slug="supplier")
    fits = _member(name="Fits Ltd", visibility="public", size="small")
    fits.sectors.add(hydrogen)
    fits.partnership_types.add(supplier)
    _member(name="Other Ltd", visibility="public", size="small")
    dutch = _member(name="Dutch B.V.", visibility="public", country="NL", bridge="netherlands")
    dutch.sectors.add(hydrogen)

    assert _names(client.get("/en/companies/?sector=hydrogen")) == {"Fits Ltd", "Dutch B.V."}
    assert _names(client.get("/en/companies/?sector=hydrogen&bridge=united-kingdom")) == {
        "Fits Ltd"
    }
    assert _names(client.get("/en/companies/?country=NL")) == {"Dutch B.V."}
    assert _names(client.get("/en/companies/?partnership_type=supplier")) == {"Fits Ltd"}
    assert _names(client.get("/en/companies/?size=small")) == {"Fits Ltd", "Other Ltd"}
    page = client.get("/en/companies/?sector=hydrogen").text
    assert 'value="hydrogen" selected' in page


def test_the_text_search_looks_at_names_and_descriptions_in_both_languages(client):
    _member(name="Charge Ltd", visibility="public", description_en="Charging hubs")
    _member(ruhr=True, name="Ladepark GmbH", visibility="public", description_de="Schnellladen")
    _member(name="Quiet Ltd", visibility="public", description_en="Nothing to see")

    assert _names(client.get("/en/companies/?q=charg")) == {"Charge Ltd"}
    assert _names(client.get("/en/companies/?q=SCHNELL")) == {"Ladepark GmbH"}
    assert _names(client.get("/en/companies/?q=ladepark")) == {"Ladepark GmbH"}


def test_only_companies_that_let_it_be_seen_show_up_as_seeking_settlement(client):
    _member(
        name="Settler Ltd",
        visibility="public",
        settlement_timeline="6-12-months",
        settlement_contact_allowed=True,
    )
    _member(
        name="Shy Ltd",
        visibility="public",
        settlement_timeline="6-12-months",
        settlement_contact_allowed=False,
    )

    assert _names(client.get("/en/companies/?settlement=on")) == {"Settler Ltd"}


def test_live_filtering_returns_only_the_results_and_a_plain_get_the_whole_page(client):
    _member(name="Open Ltd", visibility="public")

    partial = client.get(
        "/en/companies/?q=open", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory-results"
    )
    whole = client.get("/en/companies/?q=open")

    assert "Open Ltd" in partial.text
    assert "<html" not in partial.text
    assert "<html" in whole.text
    assert 'data-hx-get="/en/companies/"' in whole.text


def test_pages_of_24_link_to_the_next_keeping_the_filters(client):
    for number in range(30):
        _member(name=f"Firm {number:02d} Ltd", visibility="public")

    first = client.get("/en/companies/?q=firm")
    second = client.get("/en/companies/?q=firm&page=2")

    assert len(first.context["page"].object_list) == 24
    assert "?q=firm&amp;page=2" in first.text
    assert len(second.context["page"].object_list) == 6


def test_contact_details_never_appear_in_the_directory_or_on_the_company_page(client):
    company = _member(name="Open Ltd", visibility="public")
    CompanyContact.objects.create(
        company=company,
        name="Priya Secret",
        email="priya@open.example",
        email_digest=email_digest("priya@open.example"),
        phone="+44 161 496 0999",
    )
    client.force_login(_person_of(_member(name="Viewer Ltd")))

    for url in ("/en/companies/", f"/en/companies/{company.pk}/"):
        text = client.get(url).text
        assert "priya@open.example" not in text
        assert "496 0999" not in text
        assert "Priya Secret" not in text


def test_settlement_intent_shows_to_municipalities_only_when_the_company_allows_it(client):
    from bridges.models import Municipality

    company = _member(
        name="Settler Ltd",
        visibility="public",
        settlement_timeline="6-12-months",
        settlement_needs=["lab"],
        settlement_contact_allowed=True,
    )
    city = UserFactory()
    Municipality.objects.get(name="Dortmund").users.add(city)
    url = f"/en/companies/{company.pk}/"

    assert "Settlement in the Ruhr" not in client.get(url).text
    client.force_login(city)
    page = client.get(url).text
    assert "Settlement in the Ruhr" in page
    assert "in 6 to 12 months" in page
    company.settlement_contact_allowed = False
    company.save()
    assert "Settlement in the Ruhr" not in client.get(url).text


def test_the_directory_does_a_constant_number_of_queries(client):
    def make_row():
        company = _member(visibility="public")
        company.sectors.add(*Sector.objects.all()[:2])
        return company

    assert_constant_queries(client, "/en/companies/?sector=hydrogen", make_row)
    assert_constant_queries(client, "/en/companies/", make_row)


def test_the_directory_is_in_the_main_navigation_of_every_page(client):
    assert 'href="/de/companies/"' in client.get("/de/").text
    assert 'href="/en/companies/"' in client.get("/en/legal/imprint/").text


def test_the_text_search_has_trigram_indexes_on_postgresql():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'companies_company' "
            "AND indexdef LIKE '%%gin_trgm_ops%%'"
        )
        names = {row[0] for row in cursor.fetchall()}

    assert names == {
        "companies_company_name_trgm",
        "companies_company_description_de_trgm",
        "companies_company_description_en_trgm",
    }
