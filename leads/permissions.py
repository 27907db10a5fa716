"""Bridge managers work the leads of their bridges in the admin; this gives the group the
model permissions after every migrate (idempotent). Which bridges they see is narrowed in
the admin."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from companies.permissions import BRIDGE_MANAGERS


def bridge_managers_may_work_leads(**_kwargs) -> None:
    create_permissions(apps.get_app_config("leads"), verbosity=0)
    group, _created = Group.objects.get_or_create(name=BRIDGE_MANAGERS)
    codenames = [
        "view_introduction",
        "add_introduction",
        "view_lead",
        "add_lead",
        "change_lead",
        "view_leadoutcome",
    ]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="leads", codename__in=codenames)
    )
