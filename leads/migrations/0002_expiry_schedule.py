"""The beat schedule of introduction expiry, as a django-celery-beat row staff may retime."""

from django.db import migrations

EXPIRY = "leads: expire unanswered introduction requests"


def ensure_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    hourly, _ = CrontabSchedule.objects.get_or_create(
        minute="15",
        hour="*",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Berlin",
    )
    PeriodicTask.objects.get_or_create(
        name=EXPIRY,
        defaults={"task": "leads.tasks.introductions_expire", "crontab": hourly},
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=EXPIRY).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0001_introductions_and_leads"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(ensure_schedule, remove_schedule)]
