import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from bridges.models import Bridge, Municipality
from companies.models import Company
from leads.enums import IntroductionStatus, LeadOrigin, LeadStage, Outcome
from leads.models import Introduction, Lead, LeadOutcome
from leads.services import introduction_broker
from notifications.models import OutboundEmail
from tests.factories import CompanyFactory, CompanyMemberFactory, StaffFactory, UserFactory
from tests.leads.test_board import _lead, _manager_of
from tests.matchmaking.runs_support import member
from tests.support.admin import admin_client_for, assert_constant_queries

pytestmark = pytest.mark.django_db

LEADS = "/admin/leads/lead/"
INTRODUCTIONS = "/admin/leads/introduction/"


@pytest.fixture
def anna():
    return StaffFactory(full_name="Anna Brückner")


@pytest.fixture
def staff_client(client, anna):
    return admin_client_for(client, anna)


def _uk():
    return Bridge.objects.get(slug="united-kingdom")


def _change_data(client, lead: Lead, **changes) -> dict:
    """What the lead's change form posts when staff change `changes` and nothing else."""
    page = client.get(f"{LEADS}{lead.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update(
            {management[name].html_name: management[name].value() for name in management.fields}
        )
        for inline_form in formset.forms:
            for name in ("id", "lead"):
                data[inline_form[name].html_name] = inline_form[name].value()
    return {**data, **changes}


# --- Leads ----------------------------------------------------------------------------------


def test_the_lead_list_shows_the_parties_and_the_stage_in_words(staff_client):
    _lead(stage=LeadStage.MEETING_HELD)

    response = staff_client.get(LEADS)

    assert "Emscher Elektrolyse GmbH – Pennine Power Ltd" in response.text
    assert "meeting held" in response.text
    assert "meeting-held</td>" not in response.text


def test_the_lead_list_is_searched_by_company_and_municipality(staff_client):
    _lead()
    _lead("Zollverein Sensorik GmbH", "Leeds Robotics Ltd")

    response = staff_client.get(f"{LEADS}?q=Leeds")

    assert "Leeds Robotics Ltd" in response.text
    assert "Pennine Power Ltd" not in response.text


def test_a_bridge_manager_sees_and_opens_only_the_leads_of_their_bridges(client):
    _lead()
    israeli = _lead("Ruhr Cyber GmbH", "Negev Cyber Ltd.", bridge="israel")
    admin_client_for(client, _manager_of("united-kingdom"))

    listing = client.get(LEADS)
    opened = client.get(f"{LEADS}{israeli.pk}/change/")

    assert "Pennine Power Ltd" in listing.text
    assert "Negev Cyber Ltd." not in listing.text
    assert opened.status_code == 302


@pytest.mark.parametrize("url", [LEADS, INTRODUCTIONS])
def test_the_lists_do_a_constant_number_of_queries(staff_client, anna, url):
    numbers = iter(range(100))

    def make_row():
        number = next(numbers)
        if url == LEADS:
            lead = _lead(f"Ruhr {number} GmbH", f"Partner {number} Ltd")
            Lead.objects.filter(pk=lead.pk).update(owner=anna)
        else:
            introduction_broker(
                actor=anna,
                bridge=_uk(),
                first=member(ruhr=True, name=f"Ruhr {number} GmbH"),
                second=member(ruhr=False, name=f"Partner {number} Ltd"),
                why="Both build electrolysers.",
            )
            introduction_broker(
                actor=anna,
                bridge=_uk(),
                first=member(ruhr=False, name=f"Newcomer {number} Ltd"),
                municipality=Municipality.objects.get(name="Dortmund"),
                why="Their offices fit.",
            )

    assert_constant_queries(staff_client, url, make_row)


def test_moving_a_lead_to_no_fit_without_a_reason_is_a_form_error(staff_client):
    lead = _lead()

    response = staff_client.post(
        f"{LEADS}{lead.pk}/change/",
        _change_data(staff_client, lead, stage=LeadStage.NO_FIT, notes="Called them."),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["no_fit_reason"] == [
        "Please say why the two are no fit."
    ]
    lead.refresh_from_db()
    assert (lead.stage, lead.notes, lead.history.count()) == (LeadStage.INTRODUCED, "", 1)


def test_a_stage_change_in_the_admin_is_recorded_like_a_move_on_the_board(staff_client):
    lead = _lead()
    before = lead.stage_changed_at

    response = staff_client.post(
        f"{LEADS}{lead.pk}/change/",
        _change_data(
            staff_client,
            lead,
            stage=LeadStage.NO_FIT,
            no_fit_reason="They want a partner in Scotland.",
            notes="Called them on Monday.",
        ),
    )

    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.stage, lead.no_fit_reason, lead.notes) == (
        "no-fit",
        "They want a partner in Scotland.",
        "Called them on Monday.",
    )
    assert lead.stage_changed_at > before
    assert lead.history.first().history_change_reason == "stage → no-fit"


def test_changing_only_the_notes_leaves_the_stage_clock_alone(staff_client):
    lead = _lead()
    before = lead.stage_changed_at

    staff_client.post(
        f"{LEADS}{lead.pk}/change/", _change_data(staff_client, lead, notes="Sent the deck.")
    )

    lead.refresh_from_db()
    assert (lead.notes, lead.stage_changed_at) == ("Sent the deck.", before)


def test_the_outcomes_the_companies_reported_are_shown_but_not_editable(staff_client):
    lead = _lead()
    LeadOutcome.objects.create(
        lead=lead, company=lead.company, outcome=Outcome.MEETING_HELD, reason="Good call."
    )

    page = staff_client.get(f"{LEADS}{lead.pk}/change/")
    staff_client.post(
        f"{LEADS}{lead.pk}/change/",
        {**_change_data(staff_client, lead), "outcomes-0-reason": "Changed by staff"},
    )

    assert "Good call." in page.text
    assert 'name="outcomes-0-reason"' not in page.text
    assert LeadOutcome.objects.get().reason == "Good call."


def test_the_history_of_a_lead_lists_its_stage_changes(staff_client):
    lead = _lead()
    staff_client.post(
        f"{LEADS}{lead.pk}/change/",
        _change_data(staff_client, lead, stage=LeadStage.MEETING_HELD),
    )

    response = staff_client.get(f"{LEADS}{lead.pk}/history/")

    assert response.status_code == 200
    assert "stage → meeting-held" in response.text


def test_the_export_action_writes_the_leads_with_the_formula_guard(staff_client):
    lead = _lead("=cmd|' /C calc'!A0", "Pennine Power Ltd")

    response = staff_client.post(LEADS, {"action": "export_xlsx", "_selected_action": [lead.pk]})

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "'=cmd|' /C calc'!A0" in [cell.value for cell in sheet[2]]


# --- Opening a lead directly --------------------------------------------------------------


def _open_data(**changes) -> dict:
    return {
        "bridge": _uk().pk,
        "kind": "partnership",
        "stage": LeadStage.INTRODUCED,
        "why": "They agreed at the Hydrogen Summit in Manchester.",
        **changes,
    }


def test_staff_open_a_lead_for_two_companies_who_agreed_offline(staff_client, anna):
    first, second = CompanyFactory(ruhr=True), CompanyFactory()

    response = staff_client.post(
        f"{LEADS}add/", _open_data(company=second.pk, partner_company=first.pk, owner=anna.pk)
    )

    lead = Lead.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LEADS}{lead.pk}/change/"
    assert (lead.company, lead.partner_company, lead.origin, lead.owner) == (
        first,
        second,
        LeadOrigin.STAFF,
        anna,
    )
    assert lead.why == "They agreed at the Hydrogen Summit in Manchester."


def test_opening_a_lead_for_a_pair_that_has_one_is_a_form_error(staff_client):
    existing = _lead()

    response = staff_client.post(
        f"{LEADS}add/",
        _open_data(company=existing.partner_company.pk, partner_company=existing.company.pk),
    )

    assert response.status_code == 200
    assert "These two already have a lead (introduced)." in response.text
    assert f'href="{LEADS}{existing.pk}/change/"' in response.text
    assert Lead.objects.count() == 1


def test_a_settlement_lead_opens_with_a_municipality(staff_client):
    newcomer = CompanyFactory(name="Ontario Batteries Inc.", country="CA")

    staff_client.post(
        f"{LEADS}add/",
        _open_data(
            kind="settlement",
            company=newcomer.pk,
            municipality=Municipality.objects.get(name="Dortmund").pk,
            stage=LeadStage.REQUESTED,
        ),
    )

    lead = Lead.objects.get()
    assert (lead.kind, lead.municipality.name, lead.stage) == (
        "settlement",
        "Dortmund",
        "requested",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "Choose the partner company or the municipality."),
        ({"municipality": "essen"}, "A partnership is between two companies: choose a company."),
        ({"partner": "self"}, "A company cannot be introduced to itself."),
    ],
)
def test_opening_a_lead_with_missing_or_wrong_parties_says_what_is_wrong(
    staff_client, changes, message
):
    company = CompanyFactory()
    data = _open_data(company=company.pk)
    if changes.get("municipality"):
        data["municipality"] = Municipality.objects.get(slug=changes["municipality"]).pk
    if changes.get("partner"):
        data["partner_company"] = company.pk

    response = staff_client.post(f"{LEADS}add/", data)

    assert response.status_code == 200
    assert message in response.text
    assert not Lead.objects.exists()


def test_a_bridge_manager_opens_leads_only_on_their_bridges(client):
    admin_client_for(client, _manager_of("united-kingdom"))
    first, second = CompanyFactory(ruhr=True), CompanyFactory()

    response = client.post(
        f"{LEADS}add/",
        _open_data(
            bridge=Bridge.objects.get(slug="israel").pk,
            company=first.pk,
            partner_company=second.pk,
        ),
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert not Lead.objects.exists()


# --- Brokering an introduction --------------------------------------------------------------


def test_brokering_asks_the_people_of_both_companies_by_email(
    staff_client, anna, django_capture_on_commit_callbacks
):
    first = member(ruhr=True, name="Emscher Test GmbH")
    second = member(ruhr=False, name="Pennine Test Ltd")
    CompanyMemberFactory(company=first, user=UserFactory(email="jana@emscher.example"))
    CompanyMemberFactory(company=second, user=UserFactory(email="tom@pennine.example"))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"{INTRODUCTIONS}add/",
            {
                "bridge": _uk().pk,
                "first": first.pk,
                "second": second.pk,
                "why": "Both work on PEM stacks.",
            },
        )

    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.brokered_by, introduction.status, introduction.message) == (
        anna,
        IntroductionStatus.PENDING,
        "Both work on PEM stacks.",
    )
    assert introduction.requester_accepted_at is None
    recipients = set(OutboundEmail.objects.values_list("to_email", flat=True))
    assert recipients == {"jana@emscher.example", "tom@pennine.example"}
    listing = staff_client.get(response["Location"])
    assert "Emscher Test GmbH and Pennine Test Ltd are asked by e-mail" in listing.text


@pytest.mark.parametrize(
    ("why", "outsider", "message"),
    [
        ("  ", False, "Please write why these two should meet."),
        ("Both work on stacks.", True, "Both companies must be members of the bridge."),
    ],
)
def test_brokering_that_the_rules_refuse_is_a_form_error(staff_client, why, outsider, message):
    first = member(ruhr=True, name="Emscher Test GmbH")
    second = CompanyFactory() if outsider else member(ruhr=False, name="Pennine Test Ltd")

    response = staff_client.post(
        f"{INTRODUCTIONS}add/",
        {"bridge": _uk().pk, "first": first.pk, "second": second.pk, "why": why},
    )

    assert response.status_code == 200
    assert message in response.text
    assert not Introduction.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_an_introduction_is_read_only_in_the_admin(staff_client, anna):
    introduction = introduction_broker(
        actor=anna,
        bridge=_uk(),
        first=member(ruhr=True, name="Emscher Test GmbH"),
        second=member(ruhr=False, name="Pennine Test Ltd"),
        why="Both work on stacks.",
    )

    page = staff_client.get(f"{INTRODUCTIONS}{introduction.pk}/change/")
    staff_client.post(
        f"{INTRODUCTIONS}{introduction.pk}/change/",
        {"status": "accepted", "closed_at": timezone.now()},
    )

    assert page.status_code == 200
    assert 'name="status"' not in page.text
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING
    assert Company.objects.count() == 2


def test_brokering_a_company_and_a_municipality_asks_both_in_their_language(
    staff_client, anna, django_capture_on_commit_callbacks
):
    company = member(ruhr=False, name="Pennine Test Ltd")
    CompanyMemberFactory(
        company=company, user=UserFactory(email="tom@pennine.example", preferred_language="en")
    )
    dortmund = Municipality.objects.get(name="Dortmund")
    dortmund.users.add(UserFactory(email="jonas@dortmund.example", preferred_language="de"))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"{INTRODUCTIONS}add/",
            {
                "bridge": _uk().pk,
                "first": company.pk,
                "municipality": dortmund.pk,
                "why": "Their lab fits your pilot line.",
            },
        )

    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.requester, introduction.recipient, introduction.asked) == (
        company,
        None,
        dortmund,
    )
    subjects = dict(OutboundEmail.objects.values_list("to_email", "subject"))
    assert subjects["tom@pennine.example"] == "RuhrBridge suggests an introduction to Dortmund"
    assert subjects["jonas@dortmund.example"] == (
        "RuhrBridge schlägt eine Vorstellung bei Pennine Test Ltd vor"
    )
    listing = staff_client.get(response["Location"])
    assert "Pennine Test Ltd and Dortmund are asked by e-mail" in listing.text
    assert "Dortmund (municipality)" in listing.text
    page = staff_client.get(f"{INTRODUCTIONS}{introduction.pk}/change/")
    assert "Dortmund (municipality)" in page.text


@pytest.mark.parametrize(
    ("second", "municipality", "message"),
    [
        (True, True, "Choose either a second company or a municipality, not both."),
        (False, False, "Choose the second company or the municipality."),
    ],
)
def test_brokering_needs_exactly_one_second_party(staff_client, second, municipality, message):
    first = member(ruhr=False, name="Pennine Test Ltd")
    data = {"bridge": _uk().pk, "first": first.pk, "why": "A good fit."}
    if second:
        data["second"] = member(ruhr=True, name="Emscher Test GmbH").pk
    if municipality:
        data["municipality"] = Municipality.objects.get(name="Dortmund").pk

    response = staff_client.post(f"{INTRODUCTIONS}add/", data)

    assert response.status_code == 200
    assert message in response.text
    assert not Introduction.objects.exists()
    assert not OutboundEmail.objects.exists()
