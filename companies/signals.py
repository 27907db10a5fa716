"""Signals other apps listen to, so that `companies` never imports them.

`company_profile_changed` is sent once per save that changes what matching reads (the side,
sectors, offers, needs, partnership types, descriptions, size, settlement intent, openness to
matching, bridge memberships), after the transaction commits, with `company_id`.
"""

from django.db import transaction
from django.dispatch import Signal

company_profile_changed = Signal()


def company_profile_changed_send(*, company_id: int) -> None:
    def send() -> None:
        company_profile_changed.send(sender="companies", company_id=company_id)

    transaction.on_commit(send)
