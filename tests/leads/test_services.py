"""Introductions and leads without HTTP: the double opt-in, its limits, expiry and e-mails."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from leads import services
from leads.enums import IntroductionStatus, LeadStage
from leads.models import Introduction, Lead
from matchmaking.enums import PairState
from matchmaking.models import MatchPair
from notifications.models import OutboundEmail
from tests.factories import CompanyMemberFactory, StaffFactory, UserFactory
from tests.matchmaking.runs_support import member, uk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English; e-mails choose their recipient's language."""
    with translation.override("en"):
        yield


@pytest.fixture
def pair():
    """A UK company and a Ruhr company on the UK bridge, each with one person."""
    asking = member(ruhr=False, name="Pennine Test Ltd")
    asked = member(ruhr=True, name="Emscher Test GmbH")
    CompanyMemberFactory(company=asking, user=UserFactory(email="asker@pennine.example"))
    CompanyMemberFactory(
        company=asked,
        user=UserFactory(email="answer@emscher.example", preferred_language="de"),
    )
    return asking, asked


def _request(asking, asked, message="Let us talk about stacks."):
    actor = asking.members.get().user
    return services.introduction_request(
        actor=actor, bridge=uk(), requester=asking, recipient=asked, message=message
    )


def _answerer(company):
    return company.members.get().user


def _emails(to: str) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(to_email=to).order_by("pk"))


def test_a_request_waits_for_the_asked_company_and_tells_its_people_in_their_language(
    pair, django_capture_on_commit_callbacks
):
    asking, asked = pair

    with django_capture_on_commit_callbacks(execute=True):
        introduction = _request(asking, asked)

    assert introduction.status == IntroductionStatus.PENDING
    assert introduction.expires_at - introduction.created_at == datetime.timedelta(days=14)
    assert MatchPair.objects.get(company=asking, partner=asked).state == (
        PairState.INTRODUCTION_REQUESTED
    )
    [email] = _emails("answer@emscher.example")
    assert email.language == "de"
    assert "Pennine Test Ltd" in email.subject
    assert "möchte" in email.subject
    assert "Let us talk about stacks." in email.text_body
    assert f"/de/my/companies/{asked.pk}/introductions/{introduction.pk}/" in email.text_body
    assert _emails("asker@pennine.example") == []


def test_the_asked_company_cannot_ask_back_while_a_request_waits(pair):
    asking, asked = pair
    _request(asking, asked)

    with pytest.raises(ValidationError, match="already asked to be introduced to you"):
        _request(asked, asking)

    assert Introduction.objects.count() == 1


def test_a_company_has_at_most_the_set_number_of_open_requests(pair, settings):
    settings.INTRODUCTION_OPEN_REQUEST_LIMIT = 2
    asking, _asked = pair
    others = [member(ruhr=True) for _ in range(3)]
    first = _request(asking, others[0])
    _request(asking, others[1])

    with pytest.raises(ValidationError, match="2 requests waiting for an answer"):
        _request(asking, others[2])
    assert Introduction.objects.filter(requester=asking).count() == 2

    services.introduction_withdraw(
        actor=_answerer(asking), introduction_id=first.pk, company=asking
    )
    _request(asking, others[2])
    assert Introduction.objects.filter(requester=asking, status="pending").count() == 2


def test_requests_are_rate_limited_per_person(pair, settings):
    settings.INTRODUCTION_REQUESTS_PER_HOUR = 2
    settings.INTRODUCTION_OPEN_REQUEST_LIMIT = 10
    asking, _asked = pair
    others = [member(ruhr=True) for _ in range(3)]
    _request(asking, others[0])
    _request(asking, others[1])

    with pytest.raises(ValidationError, match="many requests in the last hour"):
        _request(asking, others[2])
    assert Introduction.objects.count() == 2


def test_accepting_opens_one_lead_and_tells_both_sides(pair, django_capture_on_commit_callbacks):
    asking, asked = pair
    introduction = _request(asking, asked)

    with django_capture_on_commit_callbacks(execute=True):
        services.introduction_accept(
            actor=_answerer(asked), introduction_id=introduction.pk, company=asked
        )

    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED
    lead = Lead.objects.get()
    assert (lead.company_id, lead.partner_company_id) == tuple(sorted((asking.pk, asked.pk)))
    assert lead.stage == LeadStage.INTRODUCED
    assert lead.introduction == introduction
    assert lead.why == "Let us talk about stacks."
    assert set(MatchPair.objects.values_list("company", "state")) == {
        (asking.pk, PairState.INTRODUCTION_ACCEPTED),
        (asked.pk, PairState.INTRODUCTION_ACCEPTED),
    }
    [to_asker] = _emails("asker@pennine.example")
    [to_answerer] = _emails("answer@emscher.example")
    assert to_asker.language == "en" and "accepted" in to_asker.subject
    assert to_answerer.language == "de" and "angenommen" in to_answerer.subject


def test_accepting_an_expired_or_withdrawn_request_changes_nothing(pair):
    asking, asked = pair
    late = _request(asking, asked)
    Introduction.objects.filter(pk=late.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    with pytest.raises(ValidationError, match="expired"):
        services.introduction_accept(actor=_answerer(asked), introduction_id=late.pk, company=asked)
    late.refresh_from_db()
    assert (late.status, late.recipient_accepted_at) == (IntroductionStatus.PENDING, None)

    services.introductions_expire()
    other = member(ruhr=True)
    withdrawn = _request(asking, other)
    services.introduction_withdraw(
        actor=_answerer(asking), introduction_id=withdrawn.pk, company=asking
    )
    with pytest.raises(ValidationError, match="withdrawn"):
        services.introduction_accept(actor=None, introduction_id=withdrawn.pk, company=other)
    assert not Lead.objects.exists()


def test_a_company_outside_the_introduction_cannot_answer_it(pair):
    asking, asked = pair
    introduction = _request(asking, asked)

    with pytest.raises(Introduction.DoesNotExist):
        services.introduction_accept(
            actor=None, introduction_id=introduction.pk, company=member(ruhr=True)
        )
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING


def test_a_declined_pair_is_never_asked_again_by_either_side(
    pair, django_capture_on_commit_callbacks
):
    asking, asked = pair
    introduction = _request(asking, asked)

    with django_capture_on_commit_callbacks(execute=True):
        services.introduction_decline(
            actor=_answerer(asked),
            introduction_id=introduction.pk,
            company=asked,
            reason="We only work with larger firms.",
        )

    assert MatchPair.objects.get(company=asked, partner=asking).state == (
        PairState.INTRODUCTION_DECLINED
    )
    for one, other in ((asking, asked), (asked, asking)):
        with pytest.raises(ValidationError, match="does not want to be introduced"):
            _request(one, other)
    [email] = _emails("asker@pennine.example")
    assert "declined" in email.subject
    assert "larger firms" not in email.text_body


def test_unanswered_requests_expire_once_and_the_requester_is_told(
    pair, django_capture_on_commit_callbacks
):
    asking, asked = pair
    introduction = _request(asking, asked)
    later = timezone.now() + datetime.timedelta(days=14, minutes=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.introductions_expire(now=later) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.introductions_expire(now=later) == 0

    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.EXPIRED
    [email] = _emails("asker@pennine.example")
    assert "expired" in email.subject
    assert not MatchPair.objects.filter(company=asking, partner=asked).exists()
    _request(asking, asked)  # the pair may be asked again


def test_a_request_not_yet_due_does_not_expire(pair):
    asking, asked = pair
    _request(asking, asked)

    assert services.introductions_expire(now=timezone.now() + datetime.timedelta(days=13)) == 0


def test_staff_brokered_introductions_need_both_yeses(pair, django_capture_on_commit_callbacks):
    asking, asked = pair
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        introduction = services.introduction_broker(
            actor=staff, bridge=uk(), first=asking, second=asked, why="Both work on stacks."
        )
    assert len(_emails("asker@pennine.example")) == len(_emails("answer@emscher.example")) == 1

    services.introduction_accept(
        actor=_answerer(asking), introduction_id=introduction.pk, company=asking
    )
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING
    assert not Lead.objects.exists()
    with pytest.raises(ValidationError, match="said yes already"):
        services.introduction_accept(
            actor=_answerer(asking), introduction_id=introduction.pk, company=asking
        )

    services.introduction_accept(
        actor=_answerer(asked), introduction_id=introduction.pk, company=asked
    )
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert Lead.objects.get().introduction == introduction


def test_brokering_needs_a_reason_and_two_bridge_members(pair):
    asking, asked = pair
    staff = StaffFactory()
    with pytest.raises(ValidationError, match="why these two should meet"):
        services.introduction_broker(actor=staff, bridge=uk(), first=asking, second=asked, why="")
    outsider = member(ruhr=True)
    outsider.bridge_memberships.update(status="applied", decided_at=None)
    with pytest.raises(ValidationError, match="members of the bridge"):
        services.introduction_broker(
            actor=staff, bridge=uk(), first=asking, second=outsider, why="Fit."
        )
    assert not Introduction.objects.exists()


def test_a_pair_with_a_lead_is_not_introduced_again(pair):
    asking, asked = pair
    services.lead_open(
        actor=StaffFactory(),
        bridge=uk(),
        kind="partnership",
        company=asked,
        partner_company=asking,
        origin="staff",
    )

    with pytest.raises(ValidationError, match="introduced already"):
        _request(asking, asked)


def test_no_fit_needs_a_reason_and_each_move_is_in_the_history(pair):
    asking, asked = pair
    lead, created = services.lead_open(
        actor=StaffFactory(),
        bridge=uk(),
        kind="partnership",
        company=asking,
        partner_company=asked,
        origin="staff",
    )
    assert created

    with pytest.raises(ValidationError, match="why the two are no fit"):
        services.lead_move(actor=None, lead_id=lead.pk, stage=LeadStage.NO_FIT)
    lead.refresh_from_db()
    assert lead.stage == LeadStage.INTRODUCED

    services.lead_move(actor=None, lead_id=lead.pk, stage=LeadStage.MEETING_HELD)
    services.lead_move(actor=None, lead_id=lead.pk, stage=LeadStage.NO_FIT, reason="Too small.")
    lead.refresh_from_db()
    assert (lead.stage, lead.no_fit_reason) == (LeadStage.NO_FIT, "Too small.")
    assert list(lead.history.order_by("history_id").values_list("stage", flat=True)) == [
        LeadStage.INTRODUCED,
        LeadStage.MEETING_HELD,
        LeadStage.NO_FIT,
    ]


def test_the_same_pair_in_either_order_has_one_lead(pair):
    asking, asked = pair
    first, created = services.lead_open(
        actor=None,
        bridge=uk(),
        kind="partnership",
        company=asking,
        partner_company=asked,
        origin="staff",
    )
    second, created_again = services.lead_open(
        actor=None,
        bridge=uk(),
        kind="partnership",
        company=asked,
        partner_company=asking,
        origin="staff",
    )

    assert (created, created_again) == (True, False)
    assert first == second
    assert Lead.objects.count() == 1


def test_an_outcome_of_no_fit_needs_a_reason(pair):
    asking, asked = pair
    lead, _created = services.lead_open(
        actor=None,
        bridge=uk(),
        kind="partnership",
        company=asking,
        partner_company=asked,
        origin="staff",
    )

    with pytest.raises(ValidationError, match="why it was no fit"):
        services.outcome_report(actor=None, lead=lead, company=asking, outcome="no-fit")
    services.outcome_report(actor=None, lead=lead, company=asking, outcome="meeting-held")
    services.outcome_report(
        actor=None, lead=lead, company=asking, outcome="no-fit", reason="Prices."
    )

    assert list(lead.outcomes.values_list("company", "outcome", "reason")) == [
        (asking.pk, "no-fit", "Prices.")
    ]


def test_the_personal_data_export_holds_the_persons_requests_and_answers(pair):
    from accounts import privacy

    asking, asked = pair
    introduction = _request(asking, asked, message="Shall we meet in Essen?")
    services.introduction_decline(
        actor=_answerer(asked), introduction_id=introduction.pk, company=asked, reason="Busy."
    )

    asker = privacy.personal_data_export(user=_answerer(asking))["introductions"]
    answerer = privacy.personal_data_export(user=_answerer(asked))["introductions"]

    assert [row["message"] for row in asker["introductions_requested"]] == [
        "Shall we meet in Essen?"
    ]
    assert answerer["introductions_requested"] == []
    assert [(row["status"], row["reason"]) for row in answerer["introductions_answered"]] == [
        ("declined", "Busy.")
    ]


def test_erasing_a_person_removes_their_words_and_keeps_what_happened(pair):
    from accounts import privacy

    asking, asked = pair
    introduction = _request(asking, asked, message="Call me on 0161 496 0000.")
    user = _answerer(asking)

    privacy.personal_data_erase(user=user)

    introduction.refresh_from_db()
    assert (introduction.message, introduction.requested_by) == ("", None)
    assert introduction.status == IntroductionStatus.PENDING
