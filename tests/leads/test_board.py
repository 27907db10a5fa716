import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from openpyxl import load_workbook

from bridges.models import Bridge, Municipality
from companies.permissions import BRIDGE_MANAGERS
from leads.enums import LeadKind, LeadOrigin, LeadStage
from leads.models import Lead
from leads.services import lead_open
from tests.factories import CompanyFactory, StaffFactory, UserFactory
from tests.support.admin import admin_client_for, assert_constant_queries
from tests.support.html import inline_code_problems

pytestmark = pytest.mark.django_db

BOARD = "/en/staff/leads/"


def _lead(
    first: str = "Emscher Elektrolyse GmbH",
    second: str = "Pennine Power Ltd",
    *,
    bridge: str = "united-kingdom",
    stage: str = LeadStage.INTRODUCED,
) -> Lead:
    lead, _created = lead_open(
        actor=None,
        bridge=Bridge.objects.get(slug=bridge),
        kind=LeadKind.PARTNERSHIP,
        company=CompanyFactory(name=first, ruhr=True),
        partner_company=CompanyFactory(name=second),
        origin=LeadOrigin.STAFF,
        stage=stage,
    )
    return lead


def _settlement_lead(name: str = "Ontario Batteries Inc.") -> Lead:
    lead, _created = lead_open(
        actor=None,
        bridge=Bridge.objects.get(slug="north-america"),
        kind=LeadKind.SETTLEMENT,
        company=CompanyFactory(name=name, country="CA"),
        municipality=Municipality.objects.get(name="Essen"),
        origin=LeadOrigin.SETTLEMENT_REQUEST,
        stage=LeadStage.REQUESTED,
    )
    return lead


def _manager_of(slug: str):
    manager = UserFactory(is_staff=True, full_name="Maren Manager")
    manager.groups.add(Group.objects.get(name=BRIDGE_MANAGERS))
    Bridge.objects.get(slug=slug).managers.add(manager)
    return manager


@pytest.fixture
def staff_client(client):
    return admin_client_for(client, StaffFactory(full_name="Anna Brückner"))


def _stage(lead: Lead) -> str:
    lead.refresh_from_db()
    return lead.stage


def test_it_shows_a_column_per_stage_and_a_card_per_lead(staff_client):
    lead = _lead()

    response = staff_client.get(BOARD)

    assert response.status_code == 200
    titles = [column.label for column in response.context["columns"]]
    assert titles == [
        "requested",
        "introduced",
        "meeting held",
        "partnership agreed",
        "settled in the Ruhr",
        "no fit",
    ]
    assert "Emscher Elektrolyse GmbH" in response.text
    assert "Pennine Power Ltd" in response.text
    assert f'href="/admin/leads/lead/{lead.pk}/change/"' in response.text
    assert inline_code_problems(response.text) == []


def test_a_card_says_how_long_the_lead_is_in_its_stage_and_when_the_next_step_is_due(
    staff_client,
):
    lead = _lead()
    Lead.objects.filter(pk=lead.pk).update(
        stage_changed_at=timezone.now() - datetime.timedelta(days=9),
        next_step_on=timezone.localdate() - datetime.timedelta(days=1),
    )

    response = staff_client.get(BOARD)

    card = response.context["columns"][1].cards[0]
    assert (card.days_in_stage, card.next_step_overdue) == (9, True)
    assert "overdue" in response.text


def test_moving_a_lead_goes_back_to_the_board_with_its_filters(staff_client):
    lead = _lead()

    response = staff_client.post(
        f"{BOARD}{lead.pk}/move/",
        {"stage": LeadStage.MEETING_HELD, "bridge": "united-kingdom", "kind": "partnership"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{BOARD}?bridge=united-kingdom&kind=partnership#lead-{lead.pk}"
    assert _stage(lead) == LeadStage.MEETING_HELD
    page = staff_client.get(response["Location"])
    assert "Emscher Elektrolyse GmbH – Pennine Power Ltd: now “meeting held”." in page.text


def test_moving_with_htmx_swaps_the_columns_and_shows_the_message(staff_client):
    lead = _lead()

    response = staff_client.post(
        f"{BOARD}{lead.pk}/move/",
        {"stage": LeadStage.PARTNERSHIP_AGREED},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert _stage(lead) == LeadStage.PARTNERSHIP_AGREED
    assert "<html" not in response.text
    assert 'id="board-messages"' in response.text and 'data-hx-swap-oob="true"' in response.text
    assert "now “partnership agreed”" in response.text
    agreed = response.context["columns"][3]
    assert [card.lead.pk for card in agreed.cards] == [lead.pk]


def test_no_fit_without_a_reason_says_so_and_changes_nothing(staff_client):
    lead = _lead()

    response = staff_client.post(
        f"{BOARD}{lead.pk}/move/", {"stage": LeadStage.NO_FIT, "reason": "  "}, follow=True
    )

    assert "Please say why the two are no fit." in response.text
    assert _stage(lead) == LeadStage.INTRODUCED
    assert lead.history.count() == 1


def test_no_fit_with_a_reason_is_kept_with_the_lead_and_in_its_history(staff_client):
    lead = _lead()

    staff_client.post(
        f"{BOARD}{lead.pk}/move/",
        {"stage": LeadStage.NO_FIT, "reason": "They need a partner in Scotland."},
        HTTP_HX_REQUEST="true",
    )

    lead.refresh_from_db()
    assert (lead.stage, lead.no_fit_reason) == ("no-fit", "They need a partner in Scotland.")
    latest = lead.history.first()
    assert (latest.stage, latest.history_change_reason) == ("no-fit", "stage → no-fit")
    assert [record.stage for record in lead.history.all()] == ["no-fit", "introduced"]


def test_an_unknown_stage_is_refused_with_a_message(staff_client):
    lead = _lead()

    response = staff_client.post(f"{BOARD}{lead.pk}/move/", {"stage": "won"}, follow=True)

    assert "Please choose a stage to move the lead to." in response.text
    assert _stage(lead) == LeadStage.INTRODUCED


def test_people_who_are_not_staff_get_a_404_and_move_nothing(client):
    lead = _lead()
    client.force_login(UserFactory())

    responses = [
        client.get(BOARD),
        client.get(f"{BOARD}export/?format=csv"),
        client.post(f"{BOARD}{lead.pk}/move/", {"stage": LeadStage.MEETING_HELD}),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert _stage(lead) == LeadStage.INTRODUCED


def test_signed_out_people_are_sent_to_sign_in(client):
    lead = _lead()

    response = client.post(f"{BOARD}{lead.pk}/move/", {"stage": LeadStage.MEETING_HELD})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert _stage(lead) == LeadStage.INTRODUCED


def test_a_bridge_manager_sees_and_moves_only_the_leads_of_their_bridges(client):
    _lead()
    israeli = _lead("Ruhr Cyber GmbH", "Negev Cyber Ltd.", bridge="israel")
    admin_client_for(client, _manager_of("united-kingdom"))

    board = client.get(BOARD)
    export = client.get(f"{BOARD}export/?format=csv")
    moved = client.post(f"{BOARD}{israeli.pk}/move/", {"stage": LeadStage.MEETING_HELD})

    assert "Pennine Power Ltd" in board.text
    assert "Negev Cyber Ltd." not in board.text
    assert [bridge.slug for bridge in board.context["filter_form"].fields["bridge"].queryset] == [
        "united-kingdom"
    ]
    assert "Negev Cyber Ltd." not in export.content.decode()
    assert moved.status_code == 404
    assert _stage(israeli) == LeadStage.INTRODUCED


def test_the_filters_narrow_the_board_to_a_bridge_and_a_kind(staff_client):
    _lead()
    _settlement_lead()

    by_bridge = staff_client.get(f"{BOARD}?bridge=north-america")
    by_kind = staff_client.get(f"{BOARD}?kind=partnership")

    assert "Ontario Batteries Inc." in by_bridge.text
    assert "Pennine Power Ltd" not in by_bridge.text
    assert "Pennine Power Ltd" in by_kind.text
    assert "Ontario Batteries Inc." not in by_kind.text


def test_filtering_with_htmx_returns_the_board_alone(staff_client):
    _settlement_lead()

    response = staff_client.get(f"{BOARD}?kind=settlement", HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="lead-board"' in response.text
    assert "Ontario Batteries Inc." in response.text


def test_the_board_does_a_constant_number_of_queries(staff_client):
    names = iter(range(100))

    def make_lead():
        number = next(names)
        _lead(f"Ruhr {number} GmbH", f"Partner {number} Ltd")

    assert_constant_queries(staff_client, BOARD, make_lead)


def test_the_download_neutralises_formulas(staff_client):
    _lead('=HYPERLINK("http://evil.example","Click")', "Pennine Power Ltd")

    response = staff_client.get(f"{BOARD}export/?format=csv&bridge=united-kingdom")

    assert response["Content-Disposition"].startswith('attachment; filename="leads-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["bridge", "kind", "stage", "company"]
    company_cells = {row[3] for row in rows[1:]}
    assert company_cells == {'\'=HYPERLINK("http://evil.example","Click")'}


def test_the_excel_download_neutralises_formulas_too(staff_client):
    _lead("@SUM(1+1)*cmd", "Pennine Power Ltd")

    response = staff_client.get(f"{BOARD}export/?format=xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in sheet[2]]
    assert "'@SUM(1+1)*cmd" in values
    assert "introduced" in values


def test_an_unknown_download_format_says_so(staff_client):
    response = staff_client.get(f"{BOARD}export/?format=pdf", follow=True)

    assert "Please choose CSV or Excel (XLSX) for the download." in response.text


def test_a_full_column_links_to_the_rest_in_the_workbench(staff_client, monkeypatch):
    monkeypatch.setattr("leads.board.CARDS_PER_COLUMN", 1)
    _lead()
    _lead("Zollverein Sensorik GmbH", "Leeds Robotics Ltd")

    response = staff_client.get(f"{BOARD}?kind=partnership")

    introduced = response.context["columns"][1]
    assert (introduced.total, len(introduced.cards)) == (2, 1)
    assert "1 more in the workbench" in response.text
    assert "/admin/leads/lead/?stage__exact=introduced&amp;kind__exact=partnership" in response.text
