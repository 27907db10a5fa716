"""Demo delegations: the Greater Manchester delegation to RuhrSummit with its six selected
companies at the Greater Manchester stand, and an open UK delegation to E-world that the demo
company may still apply for. The travel plan is invented for the demo.

Idempotent: running it again changes nothing (rows are found by their natural keys).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from bridges.models import Bridge
from companies.models import Company
from events.models import (
    Delegation,
    DelegationApplication,
    DelegationApplicationStatus,
    DelegationStatus,
    Event,
    Stand,
    StandExhibitor,
)

RUHRSUMMIT = "greater-manchester-at-ruhrsummit"
E_WORLD = "trade-fair-visit-e-world-energy-and-water"

# Six Greater Manchester companies, one or two for each of the summit's sectors.
MANCHESTER_SIX = [
    (
        "Pennine Electrolysis Ltd",
        "We build compact PEM electrolysers and look for Ruhr steel and chemicals partners "
        "to pilot them on site.",
    ),
    (
        "Salford Threat Labs Ltd",
        "Our threat-intelligence platform protects SMEs; we want to meet Ruhr start-ups and "
        "managed-service providers.",
    ),
    (
        "Manchester SOC Partners Ltd",
        "We run security operations for utilities and seek a German partner for a 24/7 "
        "service in the Ruhr.",
    ),
    (
        "Salford Telecare Ltd",
        "Our remote-care platform is in 40 UK care homes; we look for German care providers "
        "and a pilot in the Ruhr.",
    ),
    (
        "Manchester Imaging AI Ltd",
        "We want to meet university hospitals and investors in the Ruhr about our AI for "
        "radiology triage.",
    ),
    (
        "Northern Charge Networks Ltd",
        "We install rapid chargers for fleets and want to meet Ruhr municipal utilities and "
        "logistics companies.",
    ),
]

TRAVEL_PLAN_EN = "\n".join(
    [
        "(Demo travel plan, for illustration only.)",
        "",
        (
            "27 May, 07:05: flight from Manchester Airport (Terminal 2) to Düsseldorf, "
            "arriving 09:40 local time. The BMR team meets you at arrivals."
        ),
        (
            "10:15: regional train RE 1 from Düsseldorf Flughafen to Essen Hauptbahnhof "
            "(about 40 minutes; tickets are provided). Bags to the hotel, then on with the RE 1 to "
            "RuhrSummit in Dortmund (about 25 minutes)."
        ),
        (
            "Afternoon: set-up of the Greater Manchester stand, briefing with Business "
            "Metropole Ruhr."
        ),
        (
            "Hotel: two nights at a hotel next to Essen Hauptbahnhof (27–29 May), booked by "
            "us for one person per company."
        ),
        "28 May: pitches and 1:1 meetings at the stand; evening reception.",
        "29 May: train back to Düsseldorf Airport, flight to Manchester in the afternoon.",
    ]
)

TRAVEL_PLAN_DE = "\n".join(
    [
        "(Demo-Reiseplan, nur zur Veranschaulichung.)",
        "",
        (
            "27. Mai, 07:05 Uhr: Flug ab Manchester Airport (Terminal 2) nach Düsseldorf, "
            "Ankunft 09:40 Uhr Ortszeit. Das BMR-Team empfängt Sie in der Ankunftshalle."
        ),
        (
            "10:15 Uhr: Regionalexpress RE 1 von Düsseldorf Flughafen nach Essen Hauptbahnhof "
            "(etwa 40 Minuten; die Fahrkarten stellen wir). Gepäck ins Hotel, dann weiter "
            "mit dem RE 1 zum RuhrSummit in Dortmund (etwa 25 Minuten)."
        ),
        (
            "Nachmittag: Aufbau des Stands von Greater Manchester, Briefing mit der Business "
            "Metropole Ruhr."
        ),
        (
            "Hotel: zwei Nächte in einem Hotel am Essener Hauptbahnhof (27.–29. Mai), von uns "
            "gebucht für eine Person je Unternehmen."
        ),
        "28. Mai: Pitches und 1:1-Gespräche am Stand, abends ein Empfang.",
        ("29. Mai: Zug zurück zum Flughafen Düsseldorf, Rückflug nach Manchester am Nachmittag."),
    ]
)


def _stand_ensure(event: Event) -> Stand:
    stand, _created = Stand.objects.update_or_create(
        event=event,
        name_en="Greater Manchester stand",
        defaults={"name_de": "Stand von Greater Manchester", "location": "Foyer, stand 12"},
    )
    return stand


def _manchester_ensure(event: Event, bridge: Bridge) -> Delegation:
    stand = _stand_ensure(event)
    travel_date = timezone.localtime(event.starts_at, event.tzinfo).date()
    delegation, _created = Delegation.objects.update_or_create(
        event=event,
        title_en="Greater Manchester delegation to RuhrSummit",
        defaults={
            "bridge": bridge,
            "stand": stand,
            "title_de": "Delegation aus Greater Manchester zum RuhrSummit",
            "description_en": (
                "Six Greater Manchester companies travel to RuhrSummit on 27 May and exhibit "
                "at the Greater Manchester stand: hydrogen, cybersecurity, digital health and "
                "e-mobility."
            ),
            "description_de": (
                "Sechs Unternehmen aus Greater Manchester reisen am 27. Mai zum RuhrSummit und "
                "stellen am Stand von Greater Manchester aus: Wasserstoff, Cybersicherheit, "
                "digitale Gesundheit und E-Mobilität."
            ),
            "travel_plan_en": TRAVEL_PLAN_EN,
            "travel_plan_de": TRAVEL_PLAN_DE,
            "travel_date": travel_date,
            "application_deadline": event.starts_at - datetime.timedelta(days=42),
            "seats": len(MANCHESTER_SIX),
            "status": DelegationStatus.CLOSED,
        },
    )
    for name, motivation in MANCHESTER_SIX:
        company = Company.objects.get(name=name)
        DelegationApplication.objects.update_or_create(
            delegation=delegation,
            company=company,
            defaults={
                "motivation": motivation,
                "status": DelegationApplicationStatus.SELECTED,
                "reason": "",
                "decided_at": delegation.application_deadline,
            },
        )
        StandExhibitor.objects.get_or_create(stand=stand, company=company)
    return delegation


def _e_world_ensure(event: Event, bridge: Bridge) -> Delegation:
    deadline = event.starts_at - datetime.timedelta(days=14)
    if deadline <= timezone.now():
        deadline = event.starts_at - datetime.timedelta(hours=1)
    delegation, _created = Delegation.objects.update_or_create(
        event=event,
        title_en="UK hydrogen delegation to E-world",
        defaults={
            "bridge": bridge,
            "title_de": "Britische Wasserstoff-Delegation zur E-world",
            "description_en": (
                "Up to eight UK hydrogen companies visit E-world in Essen with Business "
                "Metropole Ruhr: a guided tour of the hydrogen exhibitors and meetings with "
                "Ruhr utilities. Apply with a few lines on what your company offers."
            ),
            "description_de": (
                "Bis zu acht britische Wasserstoffunternehmen besuchen mit der Business "
                "Metropole Ruhr die E-world in Essen: ein Rundgang zu den Wasserstoff-"
                "Ausstellern und Gespräche mit Energieversorgern aus dem Ruhrgebiet. Bewerben "
                "Sie sich mit ein paar Zeilen zum Angebot Ihres Unternehmens."
            ),
            "travel_plan_en": "(Demo) Flights and hotel follow once the companies are selected.",
            "travel_plan_de": "(Demo) Flüge und Hotel folgen, sobald die Auswahl feststeht.",
            "travel_date": timezone.localtime(event.starts_at, event.tzinfo).date(),
            "application_deadline": deadline,
            "seats": 8,
            "status": DelegationStatus.OPEN,
        },
    )
    return delegation


@transaction.atomic
def delegations_demo_ensure() -> int:
    """The demo delegations and the stand (after the demo events); returns how many."""
    bridge = Bridge.objects.get(slug="united-kingdom")
    delegations = [
        _manchester_ensure(Event.objects.get(slug=RUHRSUMMIT), bridge),
        _e_world_ensure(Event.objects.get(slug=E_WORLD), bridge),
    ]
    return len(delegations)
