"""The company side of introductions: request one from a match, answer, follow, report."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from bridges.models import Municipality
from companies.models import CompanyContact
from leads import services
from leads.enums import IntroductionStatus, Outcome
from leads.models import Introduction, LeadOutcome
from matchmaking import services as matching
from matchmaking.enums import MatchKind, PairState, RunStatus
from matchmaking.models import Match, MatchPair, MatchRun
from tests.factories import (
    CompanyContactFactory,
    CompanyFactory,
    CompanyMemberFactory,
    StaffFactory,
    UserFactory,
)
from tests.matchmaking.runs_support import member, small_bridge, uk
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


@pytest.fixture
def pair(django_capture_on_commit_callbacks):
    """A Ruhr company and its best UK match after a real run, each with one person."""
    companies = small_bridge(2)
    with django_capture_on_commit_callbacks(execute=True):
        matching.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    assert MatchRun.objects.get().status == RunStatus.SUCCEEDED
    requester = companies[0]
    recipient = Match.objects.filter(company=requester).order_by("rank").first().partner_company
    assert Match.objects.filter(company=recipient, partner_company=requester).exists()
    return requester, recipient


def _person(company, language="en"):
    return CompanyMemberFactory(company=company, user__preferred_language=language).user


def _url(name, *args, language="en", query=""):
    with translation.override(language):
        return reverse(f"introductions:{name}", args=args) + query


def _request_url(requester, recipient, language="en"):
    return _url("request", requester.pk, "united-kingdom", recipient.pk, language=language)


def _matches_url(company):
    with translation.override("en"):
        return reverse("matches:list", args=[company.pk, "united-kingdom"])


def _requested(requester, recipient, message="We make sensors."):
    return services.introduction_request(
        actor=UserFactory(),
        bridge=uk(),
        requester=requester,
        recipient=recipient,
        message=message,
    )


# --- Requesting -----------------------------------------------------------------------------


def test_a_request_creates_the_introduction_and_emails_the_recipients_people(
    pair, client, django_capture_on_commit_callbacks
):
    requester, recipient = pair
    client.force_login(_person(requester))
    recipient_person = _person(recipient)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _request_url(requester, recipient), {"message": "We look for a UK distributor."}
        )

    introduction = Introduction.objects.get()
    assert (introduction.requester, introduction.recipient) == (requester, recipient)
    assert introduction.message == "We look for a UK distributor."
    assert response["Location"] == _url("detail", requester.pk, introduction.pk)
    assert [message.to for message in mail.outbox] == [[recipient_person.email]]
    page = client.get(response["Location"]).content.decode()
    assert f"Your request has gone to {recipient.name}" in page


def test_the_request_page_shows_the_partner_and_why_it_matches(pair, client):
    requester, recipient = pair
    client.force_login(_person(requester))

    page = client.get(_request_url(requester, recipient)).content.decode()

    assert recipient.name in page
    assert "United Kingdom" in page
    assert "You are looking for" in page
    assert "only if both say yes" in page


def test_a_too_long_message_is_refused_and_nothing_is_created(pair, client):
    requester, recipient = pair
    client.force_login(_person(requester))

    response = client.post(_request_url(requester, recipient), {"message": "x" * 1001})

    assert response.status_code == 200
    assert "at most 1000 characters" in response.content.decode()
    assert not Introduction.objects.exists()
    assert not MatchPair.objects.exists()


def test_the_open_request_limit_is_explained_on_the_form(pair, client, settings):
    requester, recipient = pair
    settings.INTRODUCTION_OPEN_REQUEST_LIMIT = 1
    _requested(requester, member(ruhr=False))
    client.force_login(_person(requester))

    response = client.post(_request_url(requester, recipient), {"message": ""})

    assert "the most it may have at once" in response.content.decode()
    assert not Introduction.objects.filter(recipient=recipient).exists()


def test_a_company_outside_the_matches_cannot_be_requested(pair, client):
    requester, _recipient = pair
    stranger = member(ruhr=False)
    client.force_login(_person(requester))

    response = client.post(_request_url(requester, stranger), {"message": ""})

    assert response.status_code == 404
    assert not Introduction.objects.exists()


def test_the_request_page_points_to_a_waiting_request_instead_of_asking_twice(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    client.force_login(_person(recipient))

    page = client.get(_request_url(recipient, requester)).content.decode()

    assert "waiting for your answer" in page
    assert _url("detail", recipient.pk, introduction.pk) in page
    assert 'name="message"' not in page


def test_a_pair_one_side_declined_cannot_be_asked_again(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    services.introduction_decline(
        actor=UserFactory(), introduction_id=introduction.pk, company=recipient
    )
    client.force_login(_person(requester))

    page = client.get(_request_url(requester, recipient)).content.decode()
    response = client.post(_request_url(requester, recipient), {"message": "Again?"})

    assert "This introduction is not possible" in page
    assert 'name="message"' not in page
    assert "does not want to be introduced" in response.content.decode()
    assert Introduction.objects.count() == 1


# --- Matches page ---------------------------------------------------------------------------


def test_the_matches_card_links_to_the_request_and_then_shows_it_was_requested(pair, client):
    requester, recipient = pair
    client.force_login(_person(requester))

    before = client.get(_matches_url(requester)).content.decode()
    _requested(requester, recipient)
    after = client.get(_matches_url(requester)).content.decode()

    assert _request_url(requester, recipient) in before
    assert "Introduction requested" in after
    assert _request_url(requester, recipient) not in after


def test_the_asked_companys_card_says_they_asked_and_leads_to_the_answer(pair, client):
    requester, recipient = pair
    client.force_login(_person(recipient))
    _requested(requester, recipient)

    page = client.get(_matches_url(recipient)).content.decode()

    card = page[page.index(f'id="match-{requester.pk}"') :]
    card = card[: card.index("</article>")]
    assert "They asked to meet you" in card
    assert _url("list", recipient.pk, query="?tab=waiting") in card
    assert _request_url(recipient, requester) not in card


# --- Answering ------------------------------------------------------------------------------


def test_the_recipient_sees_the_reasons_from_its_own_side_in_german(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    client.force_login(_person(recipient, language="de"))

    page = client.get(_url("detail", recipient.pk, introduction.pk, language="de")).content
    page = page.decode()

    assert "Sie suchen" in page
    assert "You are looking for" not in page
    assert "We make sensors." in page


def test_the_reasons_are_read_from_the_partners_row_when_the_viewer_has_none(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    Match.objects.filter(company=recipient, partner_company=requester).delete()
    client.force_login(_person(recipient))

    page = client.get(_url("detail", recipient.pk, introduction.pk)).content.decode()

    assert f"{requester.name} is looking for" in page
    assert "not available" not in page


def test_contact_persons_appear_only_after_both_said_yes(
    pair, client, django_capture_on_commit_callbacks
):
    requester, recipient = pair
    CompanyContactFactory(company=recipient, email="anna@recipient.example", phone="+44 161 1")
    CompanyContactFactory(company=requester, email="ben@requester.example")
    CompanyContact.objects.create(company=recipient, objected_at=timezone.now())
    introduction = _requested(requester, recipient)
    requester_client, recipient_client = client, client.__class__()
    requester_client.force_login(_person(requester))
    recipient_client.force_login(_person(recipient))
    requester_page = _url("detail", requester.pk, introduction.pk)
    recipient_page = _url("detail", recipient.pk, introduction.pk)

    pending = requester_client.get(requester_page).content.decode()
    pending_other = recipient_client.get(recipient_page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        recipient_client.post(_url("accept", recipient.pk, introduction.pk))
    accepted = requester_client.get(requester_page).content.decode()
    accepted_other = recipient_client.get(recipient_page).content.decode()

    assert "anna@recipient.example" not in pending
    assert "ben@requester.example" not in pending_other
    assert 'href="mailto:anna@recipient.example"' in accepted
    assert 'href="tel:+441611"' in accepted
    assert 'href="mailto:ben@requester.example"' in accepted_other
    assert accepted.count('class="team-row"') == 1  # the objected contact stays out
    assert Introduction.objects.get().status == IntroductionStatus.ACCEPTED
    assert len(mail.outbox) == 2  # the "both said yes" e-mail to each side's person


def test_without_contact_persons_the_other_sides_owners_are_shown(pair, client):
    requester, recipient = pair
    owner = _person(recipient)
    introduction = _requested(requester, recipient)
    services.introduction_accept(actor=owner, introduction_id=introduction.pk, company=recipient)
    client.force_login(_person(requester))

    page = client.get(_url("detail", requester.pk, introduction.pk)).content.decode()

    assert f'href="mailto:{owner.email}"' in page


def test_declining_removes_the_pair_from_both_matches_pages(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    requester_person, recipient_person = _person(requester), _person(recipient)
    client.force_login(recipient_person)

    response = client.post(
        _url("decline", recipient.pk, introduction.pk), {"reason": "Not our market."}, follow=True
    )

    assert "You declined" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.DECLINED
    assert introduction.decline_reason == "Not our market."
    assert f'id="match-{requester.pk}"' not in client.get(_matches_url(recipient)).text
    client.force_login(requester_person)
    assert f'id="match-{recipient.pk}"' not in client.get(_matches_url(requester)).text
    requester_view = client.get(_url("detail", requester.pk, introduction.pk)).text
    assert "Not our market." not in requester_view


def test_a_too_long_decline_reason_is_refused_and_nothing_changes(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    client.force_login(_person(recipient))

    response = client.post(_url("decline", recipient.pk, introduction.pk), {"reason": "x" * 501})

    assert "at most 500 characters" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING


def test_the_requester_withdraws_a_waiting_request(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    client.force_login(_person(requester))
    detail = client.get(_url("detail", requester.pk, introduction.pk)).content.decode()

    response = client.post(_url("withdraw", requester.pk, introduction.pk), follow=True)

    assert _url("withdraw", requester.pk, introduction.pk) in detail
    assert "You withdrew your request" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.WITHDRAWN
    assert not MatchPair.objects.filter(company=requester, partner=recipient).exists()
    assert _request_url(requester, recipient) in client.get(_matches_url(requester)).text


def test_the_recipient_cannot_withdraw_and_is_told_why(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    client.force_login(_person(recipient))

    response = client.post(_url("withdraw", recipient.pk, introduction.pk), follow=True)

    assert "Only the company that asked can withdraw" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING


@pytest.mark.parametrize(
    ("close", "message"),
    [("expire", "This request has expired"), ("withdraw", "This request was withdrawn")],
)
def test_accepting_a_closed_request_says_why_and_changes_nothing(pair, client, close, message):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    if close == "expire":
        Introduction.objects.filter(pk=introduction.pk).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    else:
        services.introduction_withdraw(
            actor=None, introduction_id=introduction.pk, company=requester
        )
    before = Introduction.objects.filter(pk=introduction.pk).values().get()
    client.force_login(_person(recipient))

    response = client.post(_url("accept", recipient.pk, introduction.pk), follow=True)

    assert message in response.content.decode()
    assert Introduction.objects.filter(pk=introduction.pk).values().get() == before
    assert not MatchPair.objects.filter(state=PairState.INTRODUCTION_ACCEPTED).exists()


def test_a_brokered_introduction_waits_for_both_and_cannot_be_withdrawn(pair, client):
    requester, recipient = pair
    introduction = services.introduction_broker(
        actor=StaffFactory(full_name="Petra Staff"),
        bridge=uk(),
        first=requester,
        second=recipient,
        why="You both work on grid security.",
    )
    client.force_login(_person(requester))

    waiting = client.get(_url("list", requester.pk)).content.decode()
    page = client.get(_url("detail", requester.pk, introduction.pk)).content.decode()

    assert f'id="introduction-{introduction.pk}"' in waiting
    assert "Petra Staff" in page
    assert "You both work on grid security." in page
    assert _url("accept", requester.pk, introduction.pk) in page
    assert _url("withdraw", requester.pk, introduction.pk) not in page


# --- Outcome --------------------------------------------------------------------------------


@pytest.fixture
def accepted(pair):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    services.introduction_accept(
        actor=UserFactory(), introduction_id=introduction.pk, company=recipient
    )
    return requester, recipient, introduction


def test_each_side_reports_what_came_of_it_and_sees_the_others_answer(accepted, client):
    requester, recipient, introduction = accepted
    client.force_login(_person(recipient))
    client.post(_url("outcome", recipient.pk, introduction.pk), {"outcome": "meeting-held"})
    client.force_login(_person(requester))

    response = client.post(
        _url("outcome", requester.pk, introduction.pk),
        {"outcome": "partnership-agreed"},
        follow=True,
    )

    page = response.content.decode()
    assert "your answer is recorded" in page
    assert "we met" in page
    assert "we agreed a partnership" in page
    assert sorted(LeadOutcome.objects.values_list("outcome", flat=True)) == [
        Outcome.MEETING_HELD,
        Outcome.PARTNERSHIP_AGREED,
    ]


def test_no_fit_without_a_reason_is_refused_and_nothing_is_stored(accepted, client):
    _requester, recipient, introduction = accepted
    client.force_login(_person(recipient))

    response = client.post(_url("outcome", recipient.pk, introduction.pk), {"outcome": "no-fit"})

    assert "Please say briefly why it was no fit." in response.content.decode()
    assert not LeadOutcome.objects.exists()


def test_an_outcome_before_both_said_yes_is_refused(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    client.force_login(_person(requester))

    response = client.post(
        _url("outcome", requester.pk, introduction.pk), {"outcome": "meeting-held"}, follow=True
    )

    assert "once both companies said yes" in response.content.decode()
    assert not LeadOutcome.objects.exists()


# --- The list -------------------------------------------------------------------------------


def test_the_tabs_sort_requests_by_who_has_to_answer(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    client.force_login(_person(recipient))
    recipient_waiting = client.get(_url("list", recipient.pk)).context
    recipient_sent = client.get(_url("list", recipient.pk, query="?tab=sent")).context
    client.force_login(_person(requester))
    requester_waiting = client.get(_url("list", requester.pk)).context
    requester_sent = client.get(_url("list", requester.pk, query="?tab=sent")).context

    assert [row.introduction for row in recipient_waiting["rows"]] == [introduction]
    assert recipient_sent["rows"] == []
    assert requester_waiting["rows"] == []
    assert [row.other for row in requester_sent["rows"]] == [recipient]
    assert recipient_waiting["counts"] == {"waiting": 1, "sent": 0, "accepted": 0, "closed": 0}


def test_a_request_past_its_deadline_is_closed_in_the_list(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    Introduction.objects.filter(pk=introduction.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(_person(recipient))

    closed = client.get(_url("list", recipient.pk, query="?tab=closed"))

    assert closed.context["counts"]["waiting"] == 0
    assert [row.status for row in closed.context["rows"]] == [IntroductionStatus.EXPIRED]
    assert "expired" in closed.content.decode()


def test_the_list_does_a_constant_number_of_queries(client):
    company = CompanyFactory()
    client.force_login(_person(company))

    municipalities = iter(Municipality.objects.order_by("pk"))

    def make_row():
        Introduction.objects.create(
            bridge=uk(),
            requester=CompanyFactory(),
            recipient=company,
            expires_at=timezone.now() + datetime.timedelta(days=3),
            requester_accepted_at=timezone.now(),
        )
        # Brokered to a municipality: the company is asked too.
        Introduction.objects.create(
            bridge=uk(),
            requester=company,
            recipient_municipality=next(municipalities),
            expires_at=timezone.now() + datetime.timedelta(days=3),
        )

    assert_constant_queries(client, _url("list", company.pk), make_row)


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("outsider", ["other company", "staff", "no company"])
def test_outsiders_get_a_404_and_change_nothing(pair, client, outsider):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    user = {
        "other company": lambda: _person(CompanyFactory()),
        "staff": StaffFactory,
        "no company": UserFactory,
    }[outsider]()
    client.force_login(user)

    pages = [
        client.get(_url("list", recipient.pk)),
        client.get(_url("detail", recipient.pk, introduction.pk)),
        client.get(_request_url(requester, recipient)),
        client.post(_url("accept", recipient.pk, introduction.pk)),
        client.post(_url("decline", recipient.pk, introduction.pk)),
        client.post(_url("withdraw", requester.pk, introduction.pk)),
    ]

    assert [page.status_code for page in pages] == [404] * len(pages)
    assert Introduction.objects.get().status == IntroductionStatus.PENDING


def test_a_company_sees_no_introduction_it_is_no_party_of(pair, client):
    requester, recipient = pair
    introduction = _requested(requester, recipient)
    third = member(ruhr=True)
    client.force_login(_person(third))

    detail = client.get(_url("detail", third.pk, introduction.pk))
    accept = client.post(_url("accept", third.pk, introduction.pk))

    assert (detail.status_code, accept.status_code) == (404, 404)
    assert Introduction.objects.get().status == IntroductionStatus.PENDING
