"""Bridge managers follow their bridges' match runs and matches in the admin and start runs.

Which bridges they see is narrowed in the admin (`bridges_managed_by`); this gives the group
the model permissions, after every migrate (idempotent).
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from companies.permissions import BRIDGE_MANAGERS


def bridge_managers_may_view_matches(**_kwargs) -> None:
    create_permissions(apps.get_app_config("matchmaking"), verbosity=0)
    group, _created = Group.objects.get_or_create(name=BRIDGE_MANAGERS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="matchmaking", codename__startswith="view_"
        )
    )
