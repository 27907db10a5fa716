"""What the agency sets up before anyone signs up, for the evidence journeys: the people and
things no visitor can create through the site.

The bridges and municipalities come with the migrations. Here: the UK bridge's manager
(staff, in the "Bridge managers" group, with an authenticator app), a Dortmund officer linked
to the city, a Ruhr company already approved on the UK bridge with one German-speaking person
and a contact person, and RuhrSummit with 1:1 meetings and a table.
"""

import datetime
from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.utils import timezone

from bridges.models import Municipality
from companies.permissions import BRIDGE_MANAGERS
from events.models import Event, MeetingTable
from tests.factories import CompanyContactFactory, CompanyMemberFactory, EventFactory, UserFactory
from tests.matchmaking.runs_support import member, uk

MANAGER_EMAIL = "maren.brueckner@bmr.example"
# Fixed so that the test can compute the codes the manager's authenticator app shows.
MANAGER_TOTP_SECRET = "EVIDENCEJOURNEYMANAGERTOTP234567"
CITY_OFFICER_EMAIL = "lena.wittkamp@dortmund.example"
RUHR_PERSON_EMAIL = "jana@emscher.example"
RUHR_COMPANY = "Emscher Sensorik GmbH"
RUHR_CONTACT_EMAIL = "vertrieb@emscher.example"
EVENT_SLUG = "ruhrsummit"
EVENT_TITLE = "RuhrSummit"


@dataclass(frozen=True)
class Cast:
    event: Event


def cast_ensure() -> Cast:
    manager = UserFactory(
        email=MANAGER_EMAIL,
        full_name="Maren Brückner",
        preferred_language="en",
        is_staff=True,
    )
    manager.groups.add(Group.objects.get(name=BRIDGE_MANAGERS))
    uk().managers.add(manager)
    TOTP.activate(manager, MANAGER_TOTP_SECRET)

    officer = UserFactory(
        email=CITY_OFFICER_EMAIL, full_name="Lena Wittkamp", preferred_language="de"
    )
    Municipality.objects.get(name="Dortmund").users.add(officer)

    ruhr = member(
        ruhr=True,
        name=RUHR_COMPANY,
        city="Dortmund",
        offers=["managed-detection-response"],
        seeks=["incident-response-forensics"],
        types=("supplier",),
    )
    CompanyMemberFactory(
        company=ruhr,
        user__email=RUHR_PERSON_EMAIL,
        user__full_name="Jana Kowalski",
        user__preferred_language="de",
    )
    CompanyContactFactory(
        company=ruhr, name="Jana Kowalski", role="Vertrieb", email=RUHR_CONTACT_EMAIL
    )

    start = (timezone.now() + datetime.timedelta(days=30)).replace(
        hour=7, minute=0, second=0, microsecond=0
    )
    event = EventFactory(
        slug=EVENT_SLUG,
        title_en=EVENT_TITLE,
        title_de=EVENT_TITLE,
        venue="Zeche Zollverein, Gelsenkirchener Str. 181, 45309 Essen",
        time_zone="Europe/Berlin",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=9),
        meetings_enabled=True,
        meetings_start=datetime.time(10),
        meetings_end=datetime.time(12),
    )
    MeetingTable.objects.create(event=event, name="Tisch 1")
    return Cast(event=event)
