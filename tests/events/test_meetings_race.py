"""Two bookings for the same person or table at the same moment, on real PostgreSQL with two
threads: one wins, and the database itself refuses overlapping bookings."""

import pytest
from django.db import IntegrityError, connection, transaction

from events.meetings import services
from events.meetings.slots import meeting_slots
from events.models import Meeting, MeetingSeat
from tests.events.test_meetings import meeting_event, participant
from tests.support.threads import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def _wished(event, requester, invitee, slot):
    return services.meeting_request(
        actor=requester.user, event_id=event.pk, invitee_id=invitee.pk, wished_start=slot
    )


def test_one_person_accepting_two_requests_for_the_same_slot_at_once_gets_one_meeting():
    event = meeting_event(tables=2)
    anna, ben, cara = participant(event), participant(event), participant(event)
    slot = meeting_slots(event)[0].starts_at
    first, second = _wished(event, ben, anna, slot), _wished(event, cara, anna, slot)

    results = at_once(
        *(
            lambda meeting=meeting: services.meeting_accept(
                actor=anna.user, event_id=event.pk, meeting_id=meeting.pk
            )
            for meeting in (first, second)
        )
    )

    assert len([result for result in results if isinstance(result, Exception)]) == 1
    assert Meeting.objects.filter(status="accepted").count() == 1
    assert MeetingSeat.objects.filter(registration=anna, active=True).count() == 1


def test_two_pairs_wanting_the_only_table_at_the_same_slot_at_once_get_one_booking():
    event = meeting_event(tables=1)
    anna, ben, cara, dan = (participant(event) for _ in range(4))
    slot = meeting_slots(event)[0].starts_at
    first, second = _wished(event, ben, anna, slot), _wished(event, dan, cara, slot)

    results = at_once(
        lambda: services.meeting_accept(actor=anna.user, event_id=event.pk, meeting_id=first.pk),
        lambda: services.meeting_accept(actor=cara.user, event_id=event.pk, meeting_id=second.pk),
    )

    assert len([result for result in results if isinstance(result, Exception)]) == 1
    assert Meeting.objects.filter(status="accepted").count() == 1


def test_the_database_refuses_a_second_overlapping_booking_of_a_table_or_a_person():
    event = meeting_event(tables=1)
    anna, ben, cara = participant(event), participant(event), participant(event)
    first = services.meeting_request(actor=anna.user, event_id=event.pk, invitee_id=ben.pk)
    booked = services.meeting_accept(actor=ben.user, event_id=event.pk, meeting_id=first.pk)
    other = services.meeting_request(actor=cara.user, event_id=event.pk, invitee_id=ben.pk)

    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=other.pk).update(
            status="accepted",
            starts_at=booked.starts_at,
            ends_at=booked.ends_at,
            table=booked.table,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSeat.objects.create(
            meeting=other, registration=ben, starts_at=booked.starts_at, ends_at=booked.ends_at
        )
