"""Signals other apps listen to, so that `companies` never imports them.

`company_profile_changed` is sent once per save that changes what matching reads (the side,
sectors, offers, needs, partnership types, descriptions, size, settlement intent, openness to
matching, bridge memberships), after the transaction commits, with `company_id`.
"""

from django.db import transaction
from django.dispatch import Signal

company_profile_changed = Signal()
# Sent inside the transaction (not on commit) when a company stops being matchable on a bridge
# (`bridge_id`) without a model save that says so, e.g. a withdrawal by a conditional update;
# listeners remove it in the same transaction.
company_matching_stopped = Signal()


def company_profile_changed_send(*, company_id: int) -> None:
    def send() -> None:
        company_profile_changed.send(sender="companies", company_id=company_id)

    transaction.on_commit(send)
