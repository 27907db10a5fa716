"""The "Bridge managers" group: what agency staff who run a bridge may do in the admin.

Which memberships a manager may decide is narrowed further to their own bridges
(`bridges.selectors.bridges_managed_by`); the group gives the model permissions.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

BRIDGE_MANAGERS = "Bridge managers"
GRANTS = {
    "bridges": ("view", "add", "change"),
    "companies": ("view", "add", "change", "delete"),
    "notifications": ("view",),
    "accounts": ("view",),
}


def bridge_managers_group_ensure(**_kwargs) -> Group:
    """Create or complete the group; run after every migrate (idempotent)."""
    for app_label in GRANTS:
        # Our post_migrate handler may run before auth's: make sure the permissions exist.
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    group, _created = Group.objects.get_or_create(name=BRIDGE_MANAGERS)
    wanted = Permission.objects.none()
    for app_label, actions in GRANTS.items():
        wanted |= Permission.objects.filter(
            content_type__app_label=app_label,
            codename__regex=rf"^({'|'.join(actions)})_",
        )
    group.permissions.add(*wanted)
    return group
