from allauth.account.models import EmailAddress
from django.db.models import QuerySet

from notifications.models import OutboundEmail


def user_email_addresses(*, user) -> set[str]:
    addresses = {user.email.lower()}
    addresses.update(
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return addresses


def outbound_emails_for(*, user) -> QuerySet[OutboundEmail]:
    """Every outbox row sent, or to be sent, to one of the user's addresses."""
    return OutboundEmail.objects.filter(to_email__in=user_email_addresses(user=user))
