"""Both sides saying yes at the same moment: one lead, on real PostgreSQL with two threads."""

import pytest
from django.db import transaction

from leads import services
from leads.enums import IntroductionStatus
from leads.models import Introduction, Lead
from tests.factories import StaffFactory
from tests.matchmaking.runs_support import member, uk
from tests.support.threads import at_once

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_both_companies_accepting_a_brokered_introduction_at_once_open_one_lead():
    first, second = member(ruhr=False), member(ruhr=True)
    introduction = services.introduction_broker(
        actor=StaffFactory(), bridge=uk(), first=first, second=second, why="Both build stacks."
    )

    results = at_once(
        lambda: services.introduction_accept(
            actor=None, introduction_id=introduction.pk, company=first
        ),
        lambda: services.introduction_accept(
            actor=None, introduction_id=introduction.pk, company=second
        ),
    )

    assert not [result for result in results if isinstance(result, Exception)]
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert Lead.objects.filter(introduction=introduction).count() == 1


def test_two_leads_for_one_pair_opened_at_the_same_moment_become_one():
    first, second = member(ruhr=False), member(ruhr=True)

    def open_lead(company, partner):
        def call():
            with transaction.atomic():
                lead, created = services.lead_open(
                    actor=None,
                    bridge=uk(),
                    kind="partnership",
                    company=company,
                    partner_company=partner,
                    origin="staff",
                )
            return lead.pk, created

        return call

    results = at_once(open_lead(first, second), open_lead(second, first))

    assert not [result for result in results if isinstance(result, Exception)], results
    assert Lead.objects.count() == 1
    assert sorted(created for _pk, created in results) == [False, True]
    assert {pk for pk, _created in results} == {Lead.objects.get().pk}
    assert not Introduction.objects.exists()
