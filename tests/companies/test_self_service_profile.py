"""The profile editor: one step at a time, only its own fields, one signal per relevant save."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from bridges.models import Capability, PartnershipType, Sector
from companies.models import Company, CompanyContact
from companies.signals import company_profile_changed
from tests.factories import CompanyContactFactory, CompanyMemberFactory, UserFactory
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def member(client):
    membership = CompanyMemberFactory(
        company__name="Pennine Electrolysis Ltd", company__website="https://pennine.example"
    )
    client.force_login(membership.user)
    return membership


@pytest.fixture
def profile_signals():
    received = []

    def receiver(sender, company_id, **kwargs):
        received.append(company_id)

    company_profile_changed.connect(receiver, weak=False)
    yield received
    company_profile_changed.disconnect(receiver)


def _url(company, step):
    return reverse("self_service:profile_step", args=[company.pk, step])


def _basics(**changes):
    data = {
        "name": "Pennine Electrolysis Ltd",
        "country": "GB",
        "city": "Manchester",
        "website": "https://pennine.example",
        "description_en": "We build electrolysers.",
    }
    return {**data, **changes}


def _png(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0b5a78").save(buffer, "PNG")
    return buffer.getvalue()


def test_someone_outside_the_team_gets_a_404_for_every_step(client, member):
    client.force_login(UserFactory())

    for step in ("basics", "capabilities", "contacts", "visibility"):
        assert client.get(_url(member.company, step)).status_code == 404


def test_an_unknown_step_is_a_404(client, member):
    assert client.get(_url(member.company, "owner")).status_code == 404


def test_a_ruhr_company_has_no_settlement_step(client):
    membership = CompanyMemberFactory(company__ruhr=True)
    client.force_login(membership.user)

    assert client.get(_url(membership.company, "settlement")).status_code == 404


def test_saving_the_basics_moves_on_to_the_sectors(client, member):
    response = client.post(_url(member.company, "basics"), _basics(size="small", founded="2015"))

    assert response.status_code == 302
    assert response.url == _url(member.company, "sectors")
    company = Company.objects.get(pk=member.company.pk)
    assert (company.size, company.founded) == ("small", 2015)


def test_a_move_into_the_ruhr_sets_the_home_municipality(client, member):
    client.post(_url(member.company, "basics"), _basics(country="DE", city="Gelsenkirchen-Buer"))

    company = Company.objects.get(pk=member.company.pk)
    assert (company.country.code, company.home_municipality.name) == ("DE", "Gelsenkirchen")


def test_a_city_outside_the_ruhr_for_a_german_company_is_refused_and_nothing_changes(
    client, member
):
    response = client.post(_url(member.company, "basics"), _basics(country="DE", city="Köln"))

    assert "“Köln” is not a town or city of the Ruhr" in response.content.decode()
    company = Company.objects.get(pk=member.company.pk)
    assert (company.country.code, company.city) == ("GB", "Manchester")


def test_an_invalid_website_is_refused_and_nothing_changes(client, member):
    response = client.post(_url(member.company, "basics"), _basics(website="htp:/pennine"))

    assert "Enter a valid URL." in response.content.decode()
    assert Company.objects.get(pk=member.company.pk).website == "https://pennine.example"


def test_an_over_long_description_is_refused_and_nothing_changes(client, member):
    response = client.post(_url(member.company, "basics"), _basics(description_en="x" * 4001))

    assert "Ensure this value has at most 4000 characters (it has 4001)." in (
        response.content.decode()
    )
    assert Company.objects.get(pk=member.company.pk).description_en == "We build things."


def test_renaming_to_the_name_of_another_company_is_refused(client, member):
    CompanyMemberFactory(company__name="Salford Cells Ltd", company__country="GB")

    response = client.post(_url(member.company, "basics"), _basics(name="Salford Cells Ltd"))

    assert "Salford Cells Ltd (United Kingdom) is already on RuhrBridge" in (
        response.content.decode()
    )
    assert Company.objects.get(pk=member.company.pk).name == "Pennine Electrolysis Ltd"


def test_an_invalid_save_leaves_the_page_around_the_form_as_it_was(client, member):
    response = client.post(_url(member.company, "basics"), _basics(name="", website="nope"))

    assert "<strong>Pennine Electrolysis Ltd</strong>" in response.content.decode()


def test_fields_a_step_does_not_show_are_ignored(client, member):
    other = CompanyMemberFactory(company__visibility="hidden").company
    posted = _basics(
        visibility="public",
        origin="import",
        open_to_matching="",
        status="approved",
        owner=UserFactory().pk,
        company=other.pk,
        id=other.pk,
    )

    client.post(_url(member.company, "basics"), posted)

    company = Company.objects.get(pk=member.company.pk)
    assert (company.visibility, company.origin, company.open_to_matching) == (
        "members-only",
        "self",
        True,
    )
    assert Company.objects.get(pk=other.pk).visibility == "hidden"
    assert not company.bridge_memberships.exists()
    assert list(company.members.values_list("role", flat=True)) == ["owner"]


def test_offers_and_seeks_are_saved_from_the_grouped_tables(client, member):
    offer, seek = Capability.objects.all()[:2]

    client.post(_url(member.company, "capabilities"), {"offers": [offer.pk], "seeks": [seek.pk]})

    company = Company.objects.get(pk=member.company.pk)
    assert list(company.offers.all()) == [offer]
    assert list(company.seeks.all()) == [seek]


def test_the_capabilities_step_groups_by_sector_and_brings_its_filter_script(client, member):
    response = client.get(_url(member.company, "capabilities"))

    content = response.content.decode()
    for sector in Sector.objects.all():
        assert f"<summary>{sector.name_en}" in content
    assert "js/capability-filter.js" in content
    assert "data-capability-filter hidden" in content  # shown only when the script runs


def test_an_unknown_vocabulary_value_posted_by_hand_is_refused_and_nothing_changes(client, member):
    offer = Capability.objects.first()
    member.company.offers.add(offer)

    response = client.post(
        _url(member.company, "capabilities"), {"offers": [offer.pk, 999999], "seeks": ["x"]}
    )

    assert "Select a valid choice. 999999 is not one of the available choices." in (
        response.content.decode()
    )
    assert list(Company.objects.get(pk=member.company.pk).offers.all()) == [offer]


def test_an_unknown_partnership_type_is_refused(client, member):
    response = client.post(_url(member.company, "partnerships"), {"partnership_types": ["rd"]})

    assert "is not a valid value" in response.content.decode()
    assert not member.company.partnership_types.exists()


def test_the_settlement_intent_of_a_partner_region_company_is_saved(client, member):
    client.post(
        _url(member.company, "settlement"),
        {
            "settlement_timeline": "6-12-months",
            "settlement_headcount": "12",
            "settlement_needs": ["office", "lab"],
            "settlement_contact_allowed": "on",
        },
    )

    company = Company.objects.get(pk=member.company.pk)
    assert company.settlement_needs == ["office", "lab"]
    assert company.settlement_contact_allowed is True


def test_an_unknown_settlement_need_is_refused(client, member):
    response = client.post(_url(member.company, "settlement"), {"settlement_needs": ["castle"]})

    assert "Select a valid choice. castle is not one of the available choices." in (
        response.content.decode()
    )
    assert Company.objects.get(pk=member.company.pk).settlement_needs == []


def test_contact_persons_are_added_and_their_address_digest_is_kept(client, member):
    client.post(
        _url(member.company, "contacts"),
        {
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Ada Byron",
            "contacts-0-role": "CEO",
            "contacts-0-email": "Ada@Pennine.example",
            "contacts-0-phone": "+44 161 000",
        },
    )

    contact = CompanyContact.objects.get(company=member.company)
    assert (contact.name, contact.source) == ("Ada Byron", "self")
    assert contact.email_digest


def test_two_contacts_with_one_address_are_refused(client, member):
    response = client.post(
        _url(member.company, "contacts"),
        {
            "contacts-TOTAL_FORMS": "2",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Ada",
            "contacts-0-email": "ada@pennine.example",
            "contacts-1-name": "Ada again",
            "contacts-1-email": "ADA@pennine.example",
        },
    )

    assert "Each e-mail address may belong to one contact person." in response.content.decode()
    assert not CompanyContact.objects.exists()


def test_the_contacts_of_another_company_cannot_be_edited_through_ones_own(client, member):
    foreign = CompanyContactFactory(name="Not yours")

    client.post(
        _url(member.company, "contacts"),
        {
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": foreign.pk,
            "contacts-0-name": "Hijacked",
        },
    )

    foreign.refresh_from_db()
    assert foreign.name == "Not yours"


def test_a_logo_is_saved(client, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    client.post(
        _url(member.company, "logo"),
        {"logo": SimpleUploadedFile("logo.png", _png(), content_type="image/png")},
    )

    assert Company.objects.get(pk=member.company.pk).logo.name.startswith("logos/")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("notes.png", b"not an image at all"), "This file is not an image we can read."),
        (
            ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
            "SVG files are not accepted as logos.",
        ),
        (("logo.pdf", b"%PDF-1.4"), "The logo must be a PNG, JPEG, WebP or GIF image"),
        (("huge.png", b"0" * (2 * 1024 * 1024 + 1)), "The logo is larger than 2 MB"),
    ],
)
def test_a_logo_that_is_not_a_small_raster_image_is_refused_and_nothing_is_saved(
    client, member, settings, tmp_path, upload, message
):
    settings.MEDIA_ROOT = tmp_path
    name, content = upload

    response = client.post(
        _url(member.company, "logo"), {"logo": SimpleUploadedFile(name, content)}
    )

    assert message in response.content.decode()
    assert not Company.objects.get(pk=member.company.pk).logo
    assert not any(tmp_path.rglob("*"))


def test_visibility_and_openness_to_matching_are_saved(client, member):
    client.post(_url(member.company, "visibility"), {"visibility": "public"})

    company = Company.objects.get(pk=member.company.pk)
    assert (company.visibility, company.open_to_matching) == ("public", False)


def test_a_save_that_changes_what_matching_reads_sends_one_signal_after_commit(
    client, member, profile_signals, django_capture_on_commit_callbacks
):
    capabilities = list(Capability.objects.all()[:3])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url(member.company, "capabilities"),
            {"offers": [c.pk for c in capabilities], "seeks": [capabilities[0].pk]},
        )

    assert profile_signals == [member.company.pk]


def test_a_save_that_matching_does_not_read_sends_no_signal(
    client, member, profile_signals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url(member.company, "visibility"), {"visibility": "public", "open_to_matching": "on"}
        )
        client.post(_url(member.company, "basics"), _basics(description_en="We build things."))

    assert profile_signals == []


def test_the_completeness_indicator_names_what_makes_matching_weaker(client, member):
    response = client.get(_url(member.company, "basics"))

    content = response.content.decode()
    assert "what you offer" in content
    assert "what you seek" in content
    assert "a contact person for introductions" in content


def test_a_complete_profile_says_so(client, member):
    company = member.company
    company.size = "small"
    company.save()
    company.sectors.add(Sector.objects.first())
    company.offers.add(Capability.objects.first())
    company.seeks.add(Capability.objects.last())
    company.partnership_types.add(PartnershipType.objects.get(slug="research-development"))
    CompanyContactFactory(company=company)

    response = client.get(_url(company, "basics"))

    assert "Profile 100 % complete" in response.content.decode()
    assert "Everything matching reads is filled in." in response.content.decode()


def test_the_profile_page_does_a_constant_number_of_queries(client, member):
    company = member.company
    capabilities = iter(Capability.objects.all())

    def add_row():
        company.offers.add(next(capabilities))
        CompanyContactFactory(company=company)
        CompanyMemberFactory(company=company, role="member")

    assert_constant_queries(client, _url(company, "capabilities"), add_row)
    assert_constant_queries(client, _url(company, "contacts"), add_row)
