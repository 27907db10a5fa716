"""People who saved their e-mail choices before meeting e-mails existed get them too: a new
kind is on by default, for them as for everyone else. Whoever switched every e-mail off (or
unsubscribed from all) stays without."""

from django.db import migrations

MEETING_KINDS = [
    "meeting-requested",
    "meeting-booked",
    "meeting-declined",
    "meeting-moved",
    "meeting-cancelled",
]


def switch_on(apps, schema_editor):
    NotificationSetting = apps.get_model("notifications", "NotificationSetting")
    for setting in NotificationSetting.objects.exclude(email_kinds=[]).iterator():
        missing = [kind for kind in MEETING_KINDS if kind not in setting.email_kinds]
        if missing:
            setting.email_kinds = [*setting.email_kinds, *missing]
            setting.save(update_fields=["email_kinds"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0005_meeting_kinds")]

    operations = [migrations.RunPython(switch_on, migrations.RunPython.noop)]
