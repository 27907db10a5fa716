from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from announcements.enums import Side
from announcements.models import Announcement
from companies.enums import MembershipStatus
from companies.models import RUHR_COUNTRY, CompanyMember
from events.enums import RegistrationStatus
from events.models import Registration
from notifications.bounces import suppressed_addresses_for
from notifications.enums import NotificationKind
from notifications.selectors import notification_settings_by_user


def announcement_recipients(*, announcement: Announcement) -> QuerySet:
    """The active people the announcement is for, by id: an event's registered people, or
    the people of approved companies in the segment."""
    users = get_user_model().objects.filter(is_active=True)
    if announcement.event_id is not None:
        registered = Registration.objects.filter(
            event_id=announcement.event_id, status=RegistrationStatus.REGISTERED
        )
        return users.filter(pk__in=registered.values("user_id")).order_by("pk")
    approved: dict[str, object] = {"company__bridge_memberships__status": MembershipStatus.APPROVED}
    if announcement.bridge_id is not None:
        # In the same filter(): approved on this very bridge, not approved on any and
        # merely applied to this one.
        approved["company__bridge_memberships__bridge_id"] = announcement.bridge_id
    members = CompanyMember.objects.filter(**approved)
    if announcement.sector_id is not None:
        members = members.filter(company__sectors=announcement.sector_id)
    if announcement.side == Side.RUHR:
        members = members.filter(company__country=RUHR_COUNTRY)
    elif announcement.side == Side.PARTNER:
        members = members.exclude(company__country=RUHR_COUNTRY)
    return users.filter(pk__in=members.values("user_id")).order_by("pk")


@dataclass(frozen=True)
class RecipientPlan:
    """Who gets the e-mail and who is skipped, and why."""

    to_send: list
    unsubscribed: list
    undeliverable: list

    @property
    def recipients(self) -> int:
        return len(self.to_send) + len(self.unsubscribed) + len(self.undeliverable)


def announcement_recipient_plan(*, announcement: Announcement) -> RecipientPlan:
    """The recipients split in three, in three queries however many there are."""
    users = list(announcement_recipients(announcement=announcement))
    choices = notification_settings_by_user(user_ids=[user.pk for user in users])
    suppressed = suppressed_addresses_for(emails=[user.email for user in users])
    to_send, unsubscribed, undeliverable = [], [], []
    for user in users:
        if user.email.lower() in suppressed:
            undeliverable.append(user)
        elif not choices[user.pk].wants_email(NotificationKind.ANNOUNCEMENT):
            unsubscribed.append(user)
        else:
            to_send.append(user)
    return RecipientPlan(to_send, unsubscribed, undeliverable)
