"""People who saved their e-mail choices before delegation decisions could be chosen get
them too: a new kind is on by default. Whoever switched every e-mail off stays without."""

from django.db import migrations

KIND = "delegation-decided"


def switch_on(apps, schema_editor):
    NotificationSetting = apps.get_model("notifications", "NotificationSetting")
    for setting in NotificationSetting.objects.exclude(email_kinds=[]).iterator():
        if KIND not in setting.email_kinds:
            setting.email_kinds = [*setting.email_kinds, KIND]
            setting.save(update_fields=["email_kinds"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0007_delegation_kind")]

    operations = [migrations.RunPython(switch_on, migrations.RunPython.noop)]
