"""A chunk that writes while a company is being removed cannot write it back (PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection, transaction

from companies.enums import Visibility
from matchmaking import runs, services
from matchmaking.enums import MatchKind, PartnerKind
from matchmaking.models import Match
from tests.matchmaking.runs_support import small_bridge, uk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_chunk_writing_during_a_removal_waits_and_leaves_the_removed_company_out():
    ruhr, partner = small_bridge(1)
    bridge_id = uk().pk
    removal_holds_the_lock = threading.Event()
    let_the_removal_commit = threading.Event()
    chunk_done = threading.Event()

    def remove():
        try:
            with transaction.atomic():
                type(partner).objects.filter(pk=partner.pk).update(visibility=Visibility.HIDDEN)
                services.matches_remove_company(company_id=partner.pk, bridge_id=bridge_id)
                removal_holds_the_lock.set()
                let_the_removal_commit.wait(10)
        finally:
            connection.close()

    def write_chunk():
        # The chunk's rows were computed from a snapshot taken before the removal.
        row = runs.Row(ruhr.pk, PartnerKind.COMPANY, partner.pk, 1, 0.9, {}, [])
        try:
            with transaction.atomic():
                runs.matches_replace(
                    bridge_id=bridge_id,
                    kind=MatchKind.PARTNERSHIP,
                    company_ids=[ruhr.pk],
                    rows=[row],
                )
            chunk_done.set()
        finally:
            connection.close()

    remover = threading.Thread(target=remove)
    remover.start()
    assert removal_holds_the_lock.wait(10)
    writer = threading.Thread(target=write_chunk)
    writer.start()
    time.sleep(0.5)
    waited = not chunk_done.is_set()
    let_the_removal_commit.set()
    remover.join(10)
    writer.join(10)

    assert waited, "the chunk should wait for the removal to commit"
    assert chunk_done.is_set()
    assert not Match.objects.filter(partner_company=partner).exists()
