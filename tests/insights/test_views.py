"""The key-figure page and its downloads: what staff see, the filters, who may look."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group

from bridges.models import Bridge
from companies.permissions import BRIDGE_MANAGERS
from leads.enums import IntroductionStatus, LeadStage
from tests.factories import StaffFactory, UserFactory
from tests.insights import builders as make
from tests.support.admin import admin_client_for, assert_constant_queries
from tests.support.html import inline_code_problems

pytestmark = pytest.mark.django_db

PAGE = "/en/staff/insights/"


@pytest.fixture
def staff_client(client):
    return admin_client_for(client, StaffFactory(full_name="Anna Brückner"))


def _manager_of(slug: str):
    manager = UserFactory(is_staff=True, full_name="Maren Manager")
    manager.groups.add(Group.objects.get(name=BRIDGE_MANAGERS))
    Bridge.objects.get(slug=slug).managers.add(manager)
    return manager


def _rows(html: str, section: str) -> list[list[str]]:
    """The table of a section as its cells' texts, header first."""
    part = html.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]
    table = part.split("<table", 1)[1].split("</table>", 1)[0]
    return [
        [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]
        for cells in (
            re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
        )
    ]


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def _known_figures() -> None:
    make.membership("approved", applied=30, decided=20)
    make.membership("declined", applied=40, decided=35, on="israel")
    make.lead(LeadStage.MEETING_HELD, sector="hydrogen")
    make.settlement_lead("Essen", LeadStage.SETTLED)
    first = make.introduction(IntroductionStatus.ACCEPTED, asked=30, closed=25)
    make.match(first.requester, first.recipient, scored=34)
    make.outcome(make.accepted_lead(first), "partnership-agreed", reported=19)
    make.introduction(IntroductionStatus.EXPIRED, asked=40, closed=26)
    make.event("Hydrogen roundtable", starts=60, registered=5, waitlisted=2, checked_in=3)


def test_it_shows_every_section_with_a_chart_and_a_table_of_the_same_figures(staff_client):
    _known_figures()

    response = staff_client.get(PAGE)

    assert response.status_code == 200
    html = response.text
    assert _rows(html, "members")[1:] == [
        ["Israel", "0", "1", "0", "1", "0"],
        ["Netherlands", "0", "0", "0", "0", "0"],
        ["North America", "0", "0", "0", "0", "0"],
        ["United Kingdom", "1", "1", "1", "0", "0"],
    ]
    assert _rows(html, "stages")[3] == ["meeting held", "1", "0", "1"]
    assert _rows(html, "stages")[2] == ["introduced", "1", "0", "1"]
    assert _rows(html, "sectors")[1:] == [["Hydrogen", "1"]]
    assert _rows(html, "introductions")[1:] == [
        ["Requested", "2"],
        ["Accepted", "1"],
        ["Declined", "0"],
        ["Expired", "1"],
        ["Withdrawn", "0"],
    ]
    assert _rows(html, "timings")[1:] == [
        ["From match to introduction", "4", "1"],
        ["From introduction to outcome", "6", "1"],
    ]
    assert _rows(html, "settlements")[1:] == [["Essen", "1", "1"]]
    assert _rows(html, "events")[1][0] == "Hydrogen roundtable"
    assert _rows(html, "events")[1][2:] == ["5", "2", "3"]
    assert _rows(html, "outcomes")[1:] == [
        ["we met", "0"],
        ["we agreed a partnership", "1"],
        ["no fit", "0"],
    ]
    assert html.count('role="img"') == 8
    assert 'aria-label="Members and applications per bridge"' in html
    assert inline_code_problems(html) == []


def test_the_page_says_when_there_is_not_enough_data(staff_client):
    response = staff_client.get(PAGE)

    assert _rows(response.text, "timings")[1:] == [
        ["From match to introduction", "not enough data", "0"],
        ["From introduction to outcome", "not enough data", "0"],
    ]
    assert "Not enough data yet." in response.text
    assert 'aria-label="How long it takes"' not in response.text


def test_the_page_speaks_german(staff_client):
    make.lead(LeadStage.MEETING_HELD)

    response = staff_client.get("/de/staff/insights/")

    stages = _rows(response.text, "stages")
    assert stages[1][0] == "angefragt"
    assert stages[3] == ["Treffen fand statt", "1", "0", "1"]
    assert _rows(response.text, "members")[0][0] == "Brücke"


def test_the_filters_change_the_figures(staff_client):
    make.lead(LeadStage.MEETING_HELD, sector="hydrogen")
    make.lead(LeadStage.NO_FIT, on="israel")
    make.lead(LeadStage.INTRODUCED, opened=500)

    by_bridge = staff_client.get(f"{PAGE}?bridge=israel")
    by_sector = staff_client.get(f"{PAGE}?sector=hydrogen")
    by_period = staff_client.get(f"{PAGE}?from=2020-01-01&to=2099-12-31")

    def totals(response) -> list[str]:
        return [row[3] for row in _rows(response.text, "stages")[1:]]

    assert totals(by_bridge) == ["0", "0", "0", "0", "0", "1"]
    assert totals(by_sector) == ["0", "0", "1", "0", "0", "0"]
    assert totals(by_period) == ["0", "1", "1", "0", "0", "1"]
    assert "Innovation Bridge Israel · All sectors" in by_bridge.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2026-05-01&to=2025-01-01", "The period starts after it ends."),
        ("from=yesterday", "From: Enter a valid date."),
        ("to=0001-01-01", "To: Please enter a date between 2000 and 2099."),
        ("bridge=atlantis", "Bridge: Select a valid choice."),
        ("sector=mining", "Sector: Select a valid choice."),
    ],
)
def test_filters_that_cannot_be_used_are_explained_and_the_defaults_are_shown(
    staff_client, query, message
):
    make.lead(LeadStage.MEETING_HELD)

    response = staff_client.get(f"{PAGE}?{query}")

    assert response.status_code == 200
    assert "Some filters could not be used, so the figures use their defaults instead:" in (
        response.text
    )
    assert message in response.text
    assert _rows(response.text, "stages")[3] == ["meeting held", "1", "0", "1"]


def test_people_who_are_not_staff_get_a_404(client):
    client.force_login(UserFactory())

    responses = [client.get(PAGE), client.get(f"{PAGE}export/members/")]

    assert [response.status_code for response in responses] == [404, 404]


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_bridge_manager_sees_the_figures_of_their_bridges_only(client):
    make.lead(LeadStage.MEETING_HELD)
    make.lead(LeadStage.NO_FIT, on="israel")
    make.event("Cyber week", starts=20, registered=2, on="israel")
    admin_client_for(client, _manager_of("united-kingdom"))

    page = client.get(PAGE)
    foreign = client.get(f"{PAGE}?bridge=israel")
    export = client.get(f"{PAGE}export/stages/?bridge=israel")

    assert [row[0] for row in _rows(page.text, "members")[1:]] == ["United Kingdom"]
    assert [row[3] for row in _rows(page.text, "stages")[1:]] == ["0", "0", "1", "0", "0", "0"]
    assert "Cyber week" not in page.text
    assert [bridge.slug for bridge in page.context["form"].fields["bridge"].queryset] == [
        "united-kingdom"
    ]
    assert "Bridge: Select a valid choice." in foreign.text
    assert "Cyber week" not in foreign.text
    assert [row[3] for row in _csv(export)[1:]] == ["0", "0", "1", "0", "0", "0"]


def test_staff_without_a_bridge_of_their_own_see_no_figures(client):
    make.lead(LeadStage.MEETING_HELD)
    admin_client_for(client, _manager_of("israel"))

    response = client.get(PAGE)

    assert [row[3] for row in _rows(response.text, "stages")[1:]] == ["0"] * 6


def test_each_table_downloads_as_csv_with_the_same_filters(staff_client):
    make.lead(LeadStage.MEETING_HELD, sector="hydrogen")
    make.lead(LeadStage.NO_FIT, on="israel")

    response = staff_client.get(f"{PAGE}export/stages/?bridge=israel&from=2025-01-01&to=2099-12-31")

    assert response["Content-Disposition"] == (
        'attachment; filename="stages-2025-01-01-2099-12-31.csv"'
    )
    assert _csv(response) == [
        ["Stage", "Partnership", "Settlement", "Total"],
        ["requested", "0", "0", "0"],
        ["introduced", "0", "0", "0"],
        ["meeting held", "0", "0", "0"],
        ["partnership agreed", "0", "0", "0"],
        ["settled in the Ruhr", "0", "0", "0"],
        ["no fit", "1", "0", "1"],
    ]


def test_the_page_links_each_download_with_its_filters(staff_client):
    response = staff_client.get(f"{PAGE}?bridge=israel&from=2025-01-01&to=2025-12-31")

    assert (
        'href="/en/staff/insights/export/events/?bridge=israel&amp;from=2025-01-01&amp;to=2025-12-31"'
        in response.text
    )


def test_a_formula_in_a_download_is_made_harmless(staff_client):
    make.event('=HYPERLINK("http://evil.example","Click")', starts=10, registered=1)

    rows = _csv(staff_client.get(f"{PAGE}export/events/"))

    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","Click")'
    assert rows[1][2:] == ["1", "0", "0"]


def test_medians_without_data_download_as_empty_cells(staff_client):
    rows = _csv(staff_client.get(f"{PAGE}export/timings/"))

    assert rows[1:] == [
        ["From match to introduction", "", "0"],
        ["From introduction to outcome", "", "0"],
    ]


def test_an_unknown_table_is_a_404(staff_client):
    response = staff_client.get(f"{PAGE}export/salaries/")

    assert response.status_code == 404


def test_the_page_costs_the_same_number_of_queries_for_one_or_three_of_everything(
    staff_client,
):
    towns = iter(["Essen", "Dortmund", "Bochum"])

    def one_of_everything():
        make.membership("approved", applied=30, decided=20, sector="hydrogen")
        make.lead(LeadStage.MEETING_HELD, sector="hydrogen")
        make.settlement_lead(next(towns), LeadStage.SETTLED)
        made = make.introduction(IntroductionStatus.ACCEPTED, asked=30, closed=25)
        make.match(made.requester, made.recipient, scored=34)
        make.outcome(make.accepted_lead(made), "meeting-held", reported=19)
        make.event(starts=60, registered=2, waitlisted=1, checked_in=1, sector="hydrogen")

    assert_constant_queries(staff_client, PAGE, one_of_everything)
