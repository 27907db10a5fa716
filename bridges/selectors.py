from django.db.models import QuerySet

from bridges.models import Bridge


def bridges_managed_by(*, user) -> QuerySet[Bridge]:
    """The bridges whose memberships this person decides: all for superusers."""
    if not (user.is_authenticated and user.is_staff):
        return Bridge.objects.none()
    if user.is_superuser:
        return Bridge.objects.all()
    return Bridge.objects.filter(managers=user)


def can_manage_bridge(*, user, bridge: Bridge) -> bool:
    return bridges_managed_by(user=user).filter(pk=bridge.pk).exists()
