"""1:1 meetings at events.

On PostgreSQL, exclusion constraints hold the bookings: a table never hosts two overlapping
accepted meetings, and a person's active seats never overlap. SQLite (the embedded mode)
relies on the services, which book under the event's row lock.
"""

import datetime

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import events.models

EXCLUDE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE events_meeting ADD CONSTRAINT events_meeting_table_free
    EXCLUDE USING gist (table_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
    WHERE (status = 'accepted');
ALTER TABLE events_meetingseat ADD CONSTRAINT events_meetingseat_person_free
    EXCLUDE USING gist (registration_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
    WHERE (active);
"""

UNEXCLUDE = """
ALTER TABLE events_meetingseat DROP CONSTRAINT IF EXISTS events_meetingseat_person_free;
ALTER TABLE events_meeting DROP CONSTRAINT IF EXISTS events_meeting_table_free;
"""

EXPIRY = "events: expire unanswered meeting requests at the event's start"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def ensure_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    quarterly, _ = CrontabSchedule.objects.get_or_create(
        minute="*/15",
        hour="*",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Berlin",
    )
    PeriodicTask.objects.get_or_create(
        name=EXPIRY, defaults={"task": "events.tasks.meetings_expire", "crontab": quarterly}
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=EXPIRY).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bridges", "0003_partner_region_de"),
        ("events", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name="Meeting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("requested", "Requested"),
                            ("accepted", "Accepted"),
                            ("declined", "Declined"),
                            ("cancelled", "Cancelled"),
                            ("expired", "Expired"),
                        ],
                        default="requested",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "wished_start",
                    models.DateTimeField(blank=True, null=True, verbose_name="wished time"),
                ),
                (
                    "starts_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="starts at"),
                ),
                ("ends_at", models.DateTimeField(blank=True, null=True, verbose_name="ends at")),
                ("message", models.TextField(blank=True, max_length=1000, verbose_name="message")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                (
                    "ics_sequence",
                    models.PositiveIntegerField(default=0, verbose_name="calendar sequence"),
                ),
            ],
            options={
                "verbose_name": "meeting",
                "verbose_name_plural": "meetings",
            },
        ),
        migrations.CreateModel(
            name="MeetingSeat",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("ends_at", models.DateTimeField(verbose_name="ends at")),
                ("active", models.BooleanField(default=True, verbose_name="active")),
            ],
            options={
                "verbose_name": "meeting seat",
                "verbose_name_plural": "meeting seats",
            },
        ),
        migrations.CreateModel(
            name="MeetingTable",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=80, verbose_name="name")),
            ],
            options={
                "verbose_name": "meeting table",
                "verbose_name_plural": "meeting tables",
                "ordering": ["name", "pk"],
            },
        ),
        migrations.AddField(
            model_name="event",
            name="meeting_breaks",
            field=models.CharField(
                blank=True,
                help_text="No meetings then, e.g. “12:00-13:00, 15:30-15:45”.",
                max_length=200,
                validators=[events.models.validate_breaks],
                verbose_name="breaks",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="meeting_minutes",
            field=models.PositiveSmallIntegerField(
                default=20,
                validators=[django.core.validators.MinValueValidator(5)],
                verbose_name="meeting length (minutes)",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="meetings_enabled",
            field=models.BooleanField(
                default=False,
                help_text="Registered participants may ask each other for meetings at tables.",
                verbose_name="1:1 meetings",
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="meetings_end",
            field=models.TimeField(default=datetime.time(17, 0), verbose_name="meetings until"),
        ),
        migrations.AddField(
            model_name="event",
            name="meetings_start",
            field=models.TimeField(
                default=datetime.time(9, 0),
                help_text="Each day, in the event's time zone.",
                verbose_name="meetings from",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("meetings_end__gt", models.F("meetings_start"))),
                name="events_event_meetings_end_after_start",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="event",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="meetings",
                to="events.event",
                verbose_name="event",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="invitee",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="meetings_invited",
                to="events.registration",
                verbose_name="invited",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="requester",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="meetings_requested",
                to="events.registration",
                verbose_name="requested by",
            ),
        ),
        migrations.AddField(
            model_name="meetingseat",
            name="meeting",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="seats",
                to="events.meeting",
                verbose_name="meeting",
            ),
        ),
        migrations.AddField(
            model_name="meetingseat",
            name="registration",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="meeting_seats",
                to="events.registration",
                verbose_name="registration",
            ),
        ),
        migrations.AddField(
            model_name="meetingtable",
            name="event",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="meeting_tables",
                to="events.event",
                verbose_name="event",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="table",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="meetings",
                to="events.meetingtable",
                verbose_name="table",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingseat",
            constraint=models.UniqueConstraint(
                fields=("meeting", "registration"), name="events_meetingseat_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingseat",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                name="events_meetingseat_ends_after_start",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingtable",
            constraint=models.UniqueConstraint(
                fields=("event", "name"), name="events_meetingtable_name_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.CheckConstraint(
                condition=models.Q(("requester", models.F("invitee")), _negated=True),
                name="events_meeting_not_with_oneself",
            ),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "accepted"), _negated=True),
                    models.Q(
                        ("ends_at__gt", models.F("starts_at")),
                        ("ends_at__isnull", False),
                        ("starts_at__isnull", False),
                        ("table__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="events_meeting_accepted_is_booked",
            ),
        ),
        migrations.RunPython(_on_postgresql(EXCLUDE), _on_postgresql(UNEXCLUDE)),
        migrations.RunPython(ensure_schedule, remove_schedule),
    ]
