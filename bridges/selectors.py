from django.db.models import Q, QuerySet

from bridges.models import Bridge, Municipality


def bridges_managed_by(*, user) -> QuerySet[Bridge]:
    """The bridges whose memberships this person decides: all for superusers."""
    if not (user.is_authenticated and user.is_staff):
        return Bridge.objects.none()
    if user.is_superuser:
        return Bridge.objects.all()
    return Bridge.objects.filter(managers=user)


def can_manage_bridge(*, user, bridge: Bridge) -> bool:
    return bridges_managed_by(user=user).filter(pk=bridge.pk).exists()


def municipalities_acted_for(*, user) -> QuerySet[Municipality]:
    """The municipalities whose pages, twinning projects and offers this person looks after.

    A district's people also act for the towns within it; staff act for every municipality.
    """
    if not user.is_authenticated:
        return Municipality.objects.none()
    if user.is_staff:
        return Municipality.objects.all()
    return Municipality.objects.filter(Q(users=user) | Q(district__users=user)).distinct()


def can_act_for_municipality(*, user, municipality: Municipality) -> bool:
    return municipalities_acted_for(user=user).filter(pk=municipality.pk).exists()
