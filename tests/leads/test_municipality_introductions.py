"""Introductions of a company and a municipality, brokered by staff: the municipality's people
and the company's people each answer in the browser; contacts only after both said yes."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from bridges.models import Municipality, SettlementOffer
from leads import services
from leads.enums import IntroductionStatus, LeadKind, LeadStage
from leads.models import Introduction, Lead
from matchmaking.enums import MatchKind
from matchmaking.models import Match
from tests.factories import (
    CompanyContactFactory,
    CompanyFactory,
    CompanyMemberFactory,
    StaffFactory,
    UserFactory,
)
from tests.matchmaking.runs_support import member, uk
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db

WHY = "Your lab fits their pilot line."


def _town(name="Dortmund") -> Municipality:
    return Municipality.objects.get(name=name)


def _newcomer(**fields):
    """A UK company that plans offices for ten people in the Ruhr within a year."""
    fields.setdefault("name", "Salford Threat Labs Ltd")
    return member(
        ruhr=False,
        settlement_timeline="6-12-months",
        settlement_needs=["office"],
        settlement_headcount=10,
        **fields,
    )


def _official(town="Dortmund", language="en", **fields):
    user = UserFactory(preferred_language=language, **fields)
    _town(town).users.add(user)
    return user


def _person(company, language="en", **fields):
    return CompanyMemberFactory(
        company=company, user=UserFactory(preferred_language=language, **fields)
    ).user


def _brokered(company, town="Dortmund", why=WHY):
    return services.introduction_broker(
        actor=StaffFactory(full_name="Petra Staff"),
        bridge=uk(),
        first=company,
        municipality=_town(town),
        why=why,
    )


def _page(introduction, name="municipality_introduction", language="en", slug=None):
    slug = slug or introduction.recipient_municipality.slug
    with translation.override(language):
        return reverse(f"settlement:{name}", args=[slug, introduction.pk])


def _company_page(company, introduction, name="detail"):
    with translation.override("en"):
        return reverse(f"introductions:{name}", args=[company.pk, introduction.pk])


def _settlement(slug="dortmund"):
    with translation.override("en"):
        return reverse("settlement:municipality", args=[slug])


def _state(introduction) -> tuple:
    return Introduction.objects.values_list(
        "status", "requester_accepted_at", "recipient_accepted_at", "closed_at"
    ).get(pk=introduction.pk)


# --- The municipality answers ---------------------------------------------------------------


def test_the_municipality_reads_the_company_and_its_plans_in_german(client):
    company = _newcomer()
    CompanyContactFactory(company=company, email="ella@salford.example")
    introduction = _brokered(company)
    client.force_login(_official(language="de"))

    page = client.get(_page(introduction, language="de")).content.decode()

    assert "Vorstellung: Salford Threat Labs Ltd" in page
    assert "Vereinigtes Königreich" in page
    assert "Warum das RuhrBridge-Team es vorschlägt" in page
    assert WHY in page
    assert "Ja, stellen Sie uns vor" in page
    assert "Petra Staff" in page
    assert "ella@salford.example" not in page


def test_both_say_yes_then_each_sees_the_others_contacts_and_a_settlement_lead_opens(
    client, django_capture_on_commit_callbacks
):
    company = _newcomer()
    CompanyContactFactory(company=company, name="Ella Contact", email="ella@salford.example")
    official = _official(full_name="Jonas Amt", email="jonas@dortmund.example")
    introduction = _brokered(company)
    company_client, town_client = client, client.__class__()
    company_client.force_login(_person(company))
    town_client.force_login(official)

    before_company = company_client.get(_company_page(company, introduction)).content.decode()
    town_yes = town_client.post(
        _page(introduction, "municipality_introduction_accept"), follow=True
    )
    before_town = town_yes.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        company_client.post(_company_page(company, introduction, "accept"))
    after_company = company_client.get(_company_page(company, introduction)).content.decode()
    after_town = town_client.get(_page(introduction)).content.decode()

    assert "jonas@dortmund.example" not in before_company
    assert "ella@salford.example" not in before_town
    assert "Noted: you said yes. We will e-mail you when Salford Threat Labs Ltd answers." in (
        before_town
    )
    assert _state(introduction)[0] == IntroductionStatus.ACCEPTED
    lead = Lead.objects.get()
    assert (lead.kind, lead.company, lead.municipality, lead.stage) == (
        LeadKind.SETTLEMENT,
        company,
        _town(),
        LeadStage.INTRODUCED,
    )
    assert 'href="mailto:jonas@dortmund.example"' in after_company
    assert "Jonas Amt" in after_company
    assert 'href="mailto:ella@salford.example"' in after_town
    assert "Yes, introduce us" not in after_town
    assert {message.to[0] for message in mail.outbox} >= {"jonas@dortmund.example"}


def test_without_contact_persons_the_municipality_sees_the_companys_owners(client):
    company = _newcomer()
    owner = _person(company, email="owner@salford.example")
    official = _official()
    introduction = _brokered(company)
    services.introduction_accept(actor=owner, introduction_id=introduction.pk, company=company)
    services.introduction_accept(
        actor=official, introduction_id=introduction.pk, municipality=_town()
    )
    client.force_login(official)

    page = client.get(_page(introduction)).content.decode()

    assert 'href="mailto:owner@salford.example"' in page


def test_a_decline_by_the_municipality_is_emailed_to_the_company(
    client, django_capture_on_commit_callbacks
):
    company = _newcomer()
    company_person = _person(company, email="tom@salford.example")
    introduction = _brokered(company)
    client.force_login(_official())
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _page(introduction, "municipality_introduction_decline"),
            {"reason": "No space before 2027."},
            follow=True,
        )

    assert "You declined the introduction to Salford Threat Labs Ltd" in response.text
    assert "No space before 2027." in response.text  # the decliner sees its own reason
    introduction.refresh_from_db()
    assert (introduction.status, introduction.decline_reason) == (
        IntroductionStatus.DECLINED,
        "No space before 2027.",
    )
    assert [message.to for message in mail.outbox] == [[company_person.email]]
    assert "Dortmund declined the introduction" in mail.outbox[0].subject
    client.force_login(company_person)
    assert "No space before 2027." not in client.get(_company_page(company, introduction)).text
    assert not Lead.objects.exists()


def test_a_too_long_decline_reason_is_refused_and_nothing_changes(client):
    introduction = _brokered(_newcomer())
    client.force_login(_official())
    before = _state(introduction)

    response = client.post(
        _page(introduction, "municipality_introduction_decline"), {"reason": "x" * 501}
    )

    assert response.status_code == 200
    assert "at most 500 characters" in response.text
    assert _state(introduction) == before


@pytest.mark.parametrize(
    ("close", "message"),
    [
        ("expire", "This request has expired; there is nothing to answer."),
        ("decline", "This request has been answered already (declined)."),
    ],
)
def test_answering_a_closed_introduction_says_why_and_changes_nothing(client, close, message):
    company = _newcomer()
    introduction = _brokered(company)
    if close == "expire":
        Introduction.objects.filter(pk=introduction.pk).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    else:
        services.introduction_decline(actor=None, introduction_id=introduction.pk, company=company)
    before = _state(introduction)
    client.force_login(_official())

    response = client.post(_page(introduction, "municipality_introduction_accept"), follow=True)

    assert message in response.text
    assert _state(introduction) == before
    assert not Lead.objects.exists()


def test_a_district_user_answers_for_a_town_of_its_district(client):
    town = Municipality.objects.filter(kind="town").select_related("district").first()
    district_user = UserFactory()
    town.district.users.add(district_user)
    introduction = _brokered(_newcomer(), town=town.name)
    client.force_login(district_user)

    listing = client.get(_settlement(town.district.slug)).text
    client.post(_page(introduction, "municipality_introduction_accept"))

    assert _page(introduction) in listing
    assert _state(introduction)[2] is not None


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("outsider", ["another town", "company person", "no municipality"])
def test_outsiders_get_a_404_and_change_nothing(client, outsider):
    company = _newcomer()
    introduction = _brokered(company)
    user = {
        "another town": lambda: _official(town="Essen"),
        "company person": lambda: _person(company),
        "no municipality": UserFactory,
    }[outsider]()
    client.force_login(user)
    before = _state(introduction)

    responses = [
        client.get(_page(introduction)),
        client.get(_page(introduction, slug="essen")),
        client.post(_page(introduction, "municipality_introduction_accept")),
        client.post(_page(introduction, "municipality_introduction_decline")),
    ]

    assert [response.status_code for response in responses] == [404] * 4
    assert _state(introduction) == before


def test_another_towns_introduction_is_not_found_under_ones_own_town(client):
    introduction = _brokered(_newcomer(), town="Essen")
    client.force_login(_official())

    response = client.post(_page(introduction, "municipality_introduction_accept", slug="dortmund"))

    assert response.status_code == 404
    assert _state(introduction)[2] is None


def test_staff_may_look_but_not_answer(client):
    introduction = _brokered(_newcomer())
    client.force_login(StaffFactory())
    before = _state(introduction)

    page = client.get(_page(introduction))
    answer = client.post(_page(introduction, "municipality_introduction_accept"))

    assert page.status_code == 200
    assert "Only the people of Dortmund can answer." in page.text
    assert _page(introduction, "municipality_introduction_accept") not in page.text
    assert answer.status_code == 404
    assert _state(introduction) == before


# --- The municipality's settlement view ----------------------------------------------------


def test_the_settlement_view_lists_introductions_waiting_ones_first(client):
    official = _official()
    accepted = _brokered(_newcomer(name="Accepted Ltd"))
    services.introduction_accept(actor=official, introduction_id=accepted.pk, municipality=_town())
    services.introduction_accept(
        actor=None, introduction_id=accepted.pk, company=accepted.requester
    )
    declined = _brokered(_newcomer(name="Declined Ltd"))
    services.introduction_decline(actor=official, introduction_id=declined.pk, municipality=_town())
    waiting = _brokered(_newcomer(name="Waiting Ltd"))
    client.force_login(official)

    page = client.get(_settlement()).text

    assert "Introductions proposed by RuhrBridge" in page
    positions = [page.index(f'id="introduction-{row.pk}"') for row in (waiting, accepted, declined)]
    assert positions == sorted(positions)
    assert "your answer is needed" in page
    assert _page(waiting) in page


def test_the_settlement_view_does_a_constant_number_of_queries(client):
    client.force_login(_official())

    assert_constant_queries(client, _settlement(), lambda: _brokered(member(ruhr=False)))


# --- The company's side ---------------------------------------------------------------------


def test_the_companys_list_and_detail_show_the_municipality(client):
    company = _newcomer()
    introduction = _brokered(company)
    client.force_login(_person(company))

    listing = client.get(reverse("introductions:list", args=[company.pk])).text
    page = client.get(_company_page(company, introduction)).text

    assert "Dortmund" in listing
    assert "county-level city in the Ruhr" in listing
    assert "Introduction to Dortmund" in page
    assert "County-level city in the Ruhr" in page
    assert "who asks your company and the municipality" in page
    assert "Why you match" not in page
    assert _company_page(company, introduction, "accept") in page


def test_the_company_reads_its_settlement_reasons_for_the_municipalitys_offers(client):
    company = _newcomer()
    offer = SettlementOffer.objects.create(
        municipality=_town(), title_en="Offices", title_de="Büros", kind="office-space"
    )
    Match.objects.create(
        bridge=uk(),
        kind=MatchKind.SETTLEMENT,
        company=company,
        partner_offer=offer,
        rank=1,
        score=0.9,
        reasons=[{"code": "settlement_need", "need": "office", "offer_kind": "office-space"}],
        scored_at=timezone.now(),
    )
    introduction = _brokered(company)
    client.force_login(_person(company))

    page = client.get(_company_page(company, introduction)).text

    assert "Why you match" in page
    assert "office" in page.split("Why you match")[1]


def test_the_company_declining_tells_the_municipalitys_people(
    client, django_capture_on_commit_callbacks
):
    company = _newcomer()
    official = _official(language="de")
    introduction = _brokered(company)
    client.force_login(_person(company))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_company_page(company, introduction, "decline"), follow=True)

    assert "You declined the introduction to Dortmund" in response.text
    assert [message.to for message in mail.outbox] == [[official.email]]
    assert "hat die Vorstellung abgelehnt" in mail.outbox[0].subject


def test_a_company_outside_the_introduction_does_not_see_it(client):
    introduction = _brokered(_newcomer())
    stranger = CompanyFactory()
    client.force_login(_person(stranger))

    response = client.get(_company_page(stranger, introduction))

    assert response.status_code == 404
