"""Filter forms read their choice lists with plain queries, not server-side cursors (three
round trips each on PostgreSQL: the directory's filter panel made up a good part of its cost
under load)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bridges.models import Sector
from tests.factories import CompanyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _approved(name: str):
    company = CompanyFactory(name=name, visibility="public")
    MembershipFactory(company=company, status="approved", decided_at=timezone.now())
    return company


def test_the_directory_lists_its_filter_choices_without_server_side_cursors(client):
    _approved("Ruhr Wasserstoff GmbH")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/companies/")

    assert response.status_code == 200
    assert "Ruhr Wasserstoff GmbH" in response.text
    assert 'name="sector"' in response.text and "All sectors" in response.text
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DECLARE")]


def test_a_sector_chosen_in_the_directory_filter_stays_selected_and_filters(client):
    sector = Sector.objects.order_by("pk").first()
    in_sector = _approved("Ruhr Wasserstoff GmbH")
    in_sector.sectors.add(sector)
    _approved("Emscher Software GmbH")

    response = client.get("/en/companies/", {"sector": sector.slug})

    assert f'<option value="{sector.slug}" selected>' in response.text
    assert "Ruhr Wasserstoff GmbH" in response.text
    assert "Emscher Software GmbH" not in response.text
