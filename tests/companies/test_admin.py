import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from openpyxl import load_workbook

from bridges.models import (
    Bridge,
    BridgePartner,
    Municipality,
    PartnerOrganisation,
    Sector,
    SettlementOffer,
    TwinningProject,
)
from companies.enums import MembershipStatus
from companies.models import BridgeMembership, Company, CompanyContact, email_digest
from companies.permissions import BRIDGE_MANAGERS
from companies.services import contact_objection_token
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory, UserFactory
from tests.support.admin import admin_client_for, assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def uk_manager():
    manager = UserFactory(is_staff=True)
    manager.groups.add(Group.objects.get(name=BRIDGE_MANAGERS))
    Bridge.objects.get(slug="united-kingdom").managers.add(manager)
    return manager


@pytest.fixture
def superuser_client(client):
    return admin_client_for(client, StaffFactory())


def _israeli_membership():
    return MembershipFactory(
        bridge=Bridge.objects.get(slug="israel"),
        company=CompanyFactory(country="IL", name="Negev Cyber Ltd."),
    )


def test_a_bridge_manager_sees_only_the_memberships_of_their_bridges(client, uk_manager):
    MembershipFactory(company=CompanyFactory(name="Pennine Power Ltd"))
    _israeli_membership()
    admin_client_for(client, uk_manager)

    response = client.get("/admin/companies/bridgemembership/")

    assert response.status_code == 200
    assert "Pennine Power Ltd" in response.text
    assert "Negev Cyber Ltd." not in response.text


def test_a_bridge_manager_cannot_open_a_membership_of_another_bridge(client, uk_manager):
    membership = _israeli_membership()
    admin_client_for(client, uk_manager)

    response = client.get(f"/admin/companies/bridgemembership/{membership.pk}/change/")

    assert response.status_code == 302
    assert BridgeMembership.objects.get().status == MembershipStatus.APPLIED


def test_a_bridge_manager_sees_only_their_bridges_on_a_company(client, uk_manager):
    company = CompanyFactory(ruhr=True, name="Emscher Elektrolyse GmbH")
    MembershipFactory(company=company)
    MembershipFactory(company=company, bridge=Bridge.objects.get(slug="israel"))
    admin_client_for(client, uk_manager)

    response = client.get(f"/admin/companies/company/{company.pk}/change/")

    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0]
    assert [form.original.bridge.slug for form in inline if form.original] == ["united-kingdom"]


def test_a_superuser_sees_every_bridge(superuser_client):
    MembershipFactory()
    _israeli_membership()

    response = superuser_client.get("/admin/companies/bridgemembership/")

    assert "Negev Cyber Ltd." in response.text


def test_managers_approve_applications_in_bulk(client, uk_manager):
    memberships = [MembershipFactory() for _ in range(2)]
    admin_client_for(client, uk_manager)

    response = client.post(
        "/admin/companies/bridgemembership/",
        {"action": "approve", "_selected_action": [m.pk for m in memberships]},
        follow=True,
    )

    assert "2 applications decided." in response.text
    assert set(BridgeMembership.objects.values_list("status", flat=True)) == {"approved"}


def test_declining_asks_for_a_reason_first(client, uk_manager):
    membership = MembershipFactory()
    admin_client_for(client, uk_manager)

    asked = client.post(
        "/admin/companies/bridgemembership/",
        {"action": "decline", "_selected_action": [membership.pk]},
    )
    decided = client.post(
        "/admin/companies/bridgemembership/",
        {
            "action": "decline",
            "_selected_action": [membership.pk],
            "reason": "Not in a focus sector.",
        },
        follow=True,
    )

    assert "The companies read the reason you give." in asked.text
    assert "1 application decided." in decided.text
    membership.refresh_from_db()
    assert (membership.status, membership.reason) == ("declined", "Not in a focus sector.")


def test_the_company_change_page_shows_its_history(superuser_client):
    company = CompanyFactory()
    company.size = "large"
    company.save()

    response = superuser_client.get(f"/admin/companies/company/{company.pk}/history/")

    assert response.status_code == 200
    assert "large" in response.text or "Changed" in response.text
    assert company.history.count() == 2


def test_exports_neutralise_formulas_in_csv_and_xlsx(superuser_client):
    company = CompanyFactory(
        name='=HYPERLINK("http://evil.example","Click")',
        city="+44 161",
        description_en="@SUM(A1:A9)",
    )

    csv_response = superuser_client.post(
        "/admin/companies/company/", {"action": "export_csv", "_selected_action": [company.pk]}
    )
    xlsx_response = superuser_client.post(
        "/admin/companies/company/", {"action": "export_xlsx", "_selected_action": [company.pk]}
    )

    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","Click")'
    assert rows[1][2] == "'+44 161"
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    values = [cell.value for cell in sheet[2]]
    assert values[0].startswith("'=HYPERLINK")
    assert "'@SUM(A1:A9)" in values


@pytest.mark.parametrize(
    ("url", "make_row"),
    [
        ("/admin/companies/company/", lambda: MembershipFactory().company),
        ("/admin/companies/bridgemembership/", MembershipFactory),
        (
            "/admin/companies/companycontact/",
            lambda: CompanyContact.objects.create(
                company=CompanyFactory(),
                name="Ann",
                email=f"ann{CompanyContact.objects.count()}@x.org",
                email_digest=email_digest(f"ann{CompanyContact.objects.count()}@x.org"),
            ),
        ),
        (
            "/admin/bridges/twinningproject/",
            lambda: TwinningProject.objects.create(
                municipality=Municipality.objects.get(name="Essen"),
                bridge=Bridge.objects.first(),
                partner_town=f"Town {TwinningProject.objects.count()}",
                partner_country="GB",
            ),
        ),
        (
            "/admin/bridges/settlementoffer/",
            lambda: SettlementOffer.objects.create(
                municipality=Municipality.objects.get(name="Essen"),
                title_de="T",
                title_en="T",
                kind="lab",
            ),
        ),
    ],
)
def test_changelists_do_a_constant_number_of_queries(superuser_client, url, make_row):
    assert_constant_queries(superuser_client, url, make_row)


def _bridge():
    number = Bridge.objects.count()
    bridge = Bridge.objects.create(
        slug=f"bridge-{number}",
        name_de=f"B{number}",
        name_en=f"B{number}",
        partner_region="France",
        countries=["FR"],
    )
    bridge.focus_sectors.set(Sector.objects.all()[:2])
    MembershipFactory(bridge=bridge, company=CompanyFactory(country="FR"))
    return bridge


def _town():
    district = Municipality.objects.get(name="Kreis Unna")
    town = Municipality.objects.create(
        name=f"Neustadt {Municipality.objects.count()}",
        slug=f"neustadt-{Municipality.objects.count()}",
        kind="town",
        district=district,
    )
    TwinningProject.objects.create(
        municipality=town,
        bridge=Bridge.objects.first(),
        partner_town="Lyon",
        partner_country="FR",
    )
    return town


def _partner_organisation():
    organisation = PartnerOrganisation.objects.create(
        name=f"Chamber {PartnerOrganisation.objects.count()}", kind="chamber", country="GB"
    )
    BridgePartner.objects.create(
        bridge=Bridge.objects.first(), organisation=organisation, role="co-host"
    )
    return organisation


@pytest.mark.parametrize(
    ("url", "make_row"),
    [
        ("/admin/bridges/bridge/", _bridge),
        ("/admin/bridges/municipality/", _town),
        ("/admin/bridges/partnerorganisation/", _partner_organisation),
    ],
)
def test_reference_data_changelists_do_a_constant_number_of_queries(
    superuser_client, url, make_row
):
    assert_constant_queries(superuser_client, url, make_row)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/bridges/bridge/",
        "/admin/bridges/municipality/",
        "/admin/bridges/sector/",
        "/admin/bridges/capability/",
        "/admin/bridges/partnershiptype/",
        "/admin/bridges/partnerorganisation/",
        "/admin/bridges/municipality/?kind__exact=district",
    ],
)
def test_reference_data_changelists_open(superuser_client, url):
    assert superuser_client.get(url).status_code == 200


def test_staff_import_a_file_after_checking_it(superuser_client):
    content = b"name,country,city,sectors\nPennine Power Ltd,GB,Manchester,hydrogen\n"
    upload = io.BytesIO(content)
    upload.name = "companies.csv"

    checked = superuser_client.post(
        "/admin/companies/company/import/", {"file": upload, "bridge": "united-kingdom"}
    )
    assert "created 1, updated 0, unchanged 0, memberships added 1" in checked.text
    assert not Company.objects.exists()

    imported = superuser_client.post(
        "/admin/companies/company/import/", {"confirm": checked.context["token"]}, follow=True
    )

    assert "Imported companies.csv: created 1" in imported.text
    assert BridgeMembership.objects.get().company.name == "Pennine Power Ltd"


def test_the_import_page_lists_every_error_and_writes_nothing(superuser_client):
    upload = io.BytesIO(b"name,country,city\nKoelner Kabel AG,DE,Koeln\n")
    upload.name = "companies.csv"

    response = superuser_client.post("/admin/companies/company/import/", {"file": upload})

    assert "row 2, column city:" in response.text
    assert not Company.objects.exists()


def test_staff_send_the_privacy_notice_and_the_contact_can_object(
    superuser_client, client, django_capture_on_commit_callbacks
):
    company = CompanyFactory(name="Pennine Power Ltd")
    contact = CompanyContact.objects.create(
        company=company,
        name="Tom Hale",
        email="tom@pennine.example",
        phone="+44 161 000",
        email_digest=email_digest("tom@pennine.example"),
        source="import",
    )

    with django_capture_on_commit_callbacks(execute=True):
        superuser_client.post(
            "/admin/companies/companycontact/",
            {"action": "send_privacy_notice", "_selected_action": [contact.pk]},
        )

    message = mail.outbox[0]
    assert message.to == ["tom@pennine.example"]
    assert "contact person of Pennine Power Ltd" in message.subject
    # The token carries the second it was signed in: take the one the e-mail links to.
    token = re.search(r"/en/contacts/objection/([^/\s]+)/", message.body).group(1)
    client.logout()
    client.post(f"/en/contacts/objection/{token}/")
    contact.refresh_from_db()
    assert contact.informed_at is not None
    assert contact.objected_at is not None
    assert (contact.name, contact.email, contact.phone) == ("", "", "")


def test_an_objection_link_that_was_tampered_with_is_a_404(client):
    contact = CompanyContact.objects.create(
        company=CompanyFactory(), email="a@b.example", email_digest=email_digest("a@b.example")
    )

    response = client.post(f"/en/contacts/objection/{contact_objection_token(contact)}x/")

    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.objected_at is None


def test_the_country_filter_offers_only_the_countries_of_the_listed_companies(superuser_client):
    CompanyFactory(country="NL", name="Atlas B.V.")
    CompanyFactory(country="IL", name="Negev Cyber Ltd.")

    page = superuser_client.get("/admin/companies/company/", HTTP_ACCEPT_LANGUAGE="en").text
    filtered = superuser_client.get("/admin/companies/company/?country=IL").text

    assert "?country=NL" in page
    assert "?country=IL" in page
    assert "?country=FR" not in page
    assert "Negev Cyber Ltd." in filtered
    assert "Atlas B.V." not in filtered


def test_staff_tick_the_settlement_needs_of_a_company(superuser_client):
    from django.forms.models import model_to_dict

    company = CompanyFactory(country="GB", name="Pennine Power Ltd", city="Manchester")
    url = f"/admin/companies/company/{company.pk}/change/"
    assert 'type="checkbox" name="settlement_needs" value="lab"' in superuser_client.get(url).text

    data = {
        key: value
        for key, value in model_to_dict(company).items()
        if value is not None and key not in ("logo", "home_municipality")
    }
    data.update(
        country="GB",
        sectors=[sector.pk for sector in data["sectors"]],
        offers=[],
        seeks=[],
        partnership_types=[],
        settlement_needs=["office", "lab"],
        settlement_timeline="6-12-months",
    )
    for prefix in ("bridge_memberships", "members", "contacts"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = superuser_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    company.refresh_from_db()
    assert company.settlement_needs == ["office", "lab"]


def test_the_import_page_offers_the_vocabulary_and_an_example_that_passes_the_check(
    superuser_client,
):
    page = superuser_client.get("/admin/companies/company/import/").text
    assert "/admin/companies/company/import/vocabulary.csv" in page

    vocabulary = superuser_client.get("/admin/companies/company/import/vocabulary.csv")
    example = superuser_client.get("/admin/companies/company/import/example.csv")

    assert b"".join(vocabulary).decode().startswith("kind,slug,sector,name_en,name_de\n")
    upload = io.BytesIO(b"".join(example.streaming_content))
    upload.name = "example.csv"
    checked = superuser_client.post("/admin/companies/company/import/", {"file": upload})
    assert "Check passed" in checked.text
    assert not Company.objects.exists()
