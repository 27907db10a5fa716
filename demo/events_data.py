"""Demo events from the agency's announcements: the Greater Manchester stand at RuhrSummit,
the Greater Manchester-Germany Innovation Summit, market-entry webinars and a trade-fair visit
for UK companies, and one event on each other bridge.

Each event falls on the next occurrence of its day (month, day) after today, so the demo
always shows the coming year. Times are wall-clock times in the event's own time zone.
"""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from bridges.models import Bridge, PartnerOrganisation, Sector
from companies.models import CompanyMember
from events.models import Event, ProgrammeDay, Registration, Session

GMCA = "Greater Manchester Combined Authority"
CONSULATE_UK = "British Consulate-General Düsseldorf"

EVENTS = [
    {
        "slug": "greater-manchester-at-ruhrsummit",
        "kind": "stand",
        "bridges": ["united-kingdom"],
        "sectors": ["hydrogen", "digital-health", "cybersecurity", "e-mobility"],
        "organisers": [GMCA],
        "title_en": "Greater Manchester at RuhrSummit",
        "title_de": "Greater Manchester auf dem RuhrSummit",
        "description_en": (
            "RuhrSummit is the Ruhr's leading start-up event. Greater Manchester has its own "
            "stand: six companies travel from Manchester on 27 May to meet founders, investors "
            "and industrial partners from the Ruhr. Come by the stand, or book a slot to meet "
            "the delegation."
        ),
        "description_de": (
            "Der RuhrSummit ist das führende Start-up-Event des Ruhrgebiets. Greater Manchester "
            "hat einen eigenen Stand: Sechs Unternehmen reisen am 27. Mai aus Manchester an, um "
            "Gründerinnen und Gründer, Investoren und Industriepartner aus dem Ruhrgebiet zu "
            "treffen. Besuchen Sie den Stand oder vereinbaren Sie ein Treffen mit der Delegation."
        ),
        "venue": "RuhrSummit, Dortmund",
        "online_url": "",
        "time_zone": "Europe/Berlin",
        "start": ((5, 27), (9, 0)),
        "end": ((5, 28), (18, 0)),
        "capacity": 40,
        "visibility": "public",
        "days": [
            (
                (5, 27),
                "Greater Manchester stand: six companies from Manchester",
                "Stand von Greater Manchester: sechs Unternehmen aus Manchester",
                [
                    ((9, 0), (10, 0), "Opening of RuhrSummit", "Eröffnung des RuhrSummit"),
                    (
                        (11, 0),
                        (12, 30),
                        "Pitches of the Greater Manchester delegation",
                        "Pitches der Delegation aus Greater Manchester",
                    ),
                    (
                        (14, 0),
                        (17, 0),
                        "1:1 meetings at the Greater Manchester stand",
                        "1:1-Gespräche am Stand von Greater Manchester",
                    ),
                ],
            ),
            (
                (5, 28),
                "Investors and industrial partners",
                "Investoren und Industriepartner",
                [
                    (
                        (10, 0),
                        (12, 0),
                        "Investor breakfast: scaling from Manchester to the EU",
                        "Investorenfrühstück: von Manchester in die EU wachsen",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "greater-manchester-germany-innovation-summit",
        "kind": "summit",
        "bridges": ["united-kingdom"],
        "sectors": ["hydrogen", "digital-health", "cybersecurity"],
        "organisers": [GMCA, CONSULATE_UK],
        "title_en": "Greater Manchester–Germany Innovation Summit",
        "title_de": "Innovationsgipfel Greater Manchester–Deutschland",
        "description_en": (
            "Two days in Manchester in the spirit of the triple-helix model: business, science "
            "and local government from Greater Manchester and the Ruhr work on shared projects. "
            "Day 1 is about energy and hydrogen, day 2 about digital health and cybersecurity."
        ),
        "description_de": (
            "Zwei Tage in Manchester im Sinne des Triple-Helix-Modells: Wirtschaft, Wissenschaft "
            "und Kommunen aus Greater Manchester und dem Ruhrgebiet arbeiten an gemeinsamen "
            "Projekten. Tag 1 steht im Zeichen von Energie und Wasserstoff, Tag 2 von digitaler "
            "Gesundheit und Cybersicherheit."
        ),
        "venue": "Manchester Central, Windmill Street, Manchester M2 3GX",
        "online_url": "",
        "time_zone": "Europe/London",
        "start": ((9, 24), (9, 0)),
        "end": ((9, 25), (17, 0)),
        "capacity": 120,
        "visibility": "public",
        "days": [
            (
                (9, 24),
                "Energy and hydrogen",
                "Energie und Wasserstoff",
                [
                    (
                        (9, 0),
                        (9, 45),
                        "Welcome by the Mayor of Greater Manchester and Business Metropole Ruhr",
                        "Begrüßung durch den Bürgermeister von Greater Manchester und die "
                        "Business Metropole Ruhr",
                    ),
                    (
                        (10, 0),
                        (12, 0),
                        "Hydrogen valleys: the North West and the Ruhr",
                        "Wasserstofftäler: der Nordwesten Englands und das Ruhrgebiet",
                    ),
                    (
                        (13, 30),
                        (16, 30),
                        "Matchmaking: electrolysers, pipelines and industrial users",
                        "Matchmaking: Elektrolyseure, Leitungen und industrielle Abnehmer",
                    ),
                ],
            ),
            (
                (9, 25),
                "Digital health and cybersecurity",
                "Digitale Gesundheit und Cybersicherheit",
                [
                    (
                        (9, 30),
                        (11, 30),
                        "Digital health: from NHS pilots to German hospitals",
                        "Digitale Gesundheit: von NHS-Pilotprojekten in deutsche Kliniken",
                    ),
                    (
                        (12, 0),
                        (13, 0),
                        "Securing critical infrastructure across borders",
                        "Kritische Infrastruktur grenzüberschreitend schützen",
                    ),
                    (
                        (14, 0),
                        (17, 0),
                        "Matchmaking and closing",
                        "Matchmaking und Abschluss",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "market-entry-germany-setting-up-in-the-ruhr",
        "kind": "webinar",
        "bridges": ["united-kingdom"],
        "sectors": [],
        "organisers": [CONSULATE_UK],
        "title_en": "Market entry Germany: setting up in the Ruhr",
        "title_de": "Markteintritt Deutschland: Niederlassung im Ruhrgebiet",
        "description_en": (
            "For UK companies considering the EU market: company forms, registration, banking "
            "and the first office in the Ruhr, with the answers of companies that have done it. "
            "Founders without a company profile are welcome as guests."
        ),
        "description_de": (
            "Für britische Unternehmen, die den EU-Markt erwägen: Rechtsformen, Eintragung, "
            "Bankkonto und das erste Büro im Ruhrgebiet, mit den Antworten von Unternehmen, die "
            "es schon getan haben. Gründerinnen und Gründer ohne Unternehmensprofil sind als "
            "Gäste willkommen."
        ),
        "venue": "",
        "online_url": "https://meet.demo.ruhrbridge.example/market-entry-setting-up",
        "time_zone": "Europe/London",
        "start": ((2, 10), (10, 0)),
        "end": ((2, 10), (11, 30)),
        "capacity": 100,
        "visibility": "public",
        "days": [],
    },
    {
        "slug": "market-entry-germany-funding-tax-and-hiring",
        "kind": "webinar",
        "bridges": ["united-kingdom"],
        "sectors": [],
        "organisers": [],
        "title_en": "Market entry Germany: funding, tax and hiring",
        "title_de": "Markteintritt Deutschland: Förderung, Steuern und Personal",
        "description_en": (
            "Public funding for settling companies, the German tax basics and how to hire your "
            "first team in the Ruhr. For UK companies; guests welcome."
        ),
        "description_de": (
            "Öffentliche Förderung für ansiedelnde Unternehmen, steuerliche Grundlagen in "
            "Deutschland und wie Sie Ihr erstes Team im Ruhrgebiet einstellen. Für britische "
            "Unternehmen; Gäste willkommen."
        ),
        "venue": "",
        "online_url": "https://meet.demo.ruhrbridge.example/market-entry-funding",
        "time_zone": "Europe/London",
        "start": ((4, 14), (14, 0)),
        "end": ((4, 14), (15, 30)),
        "capacity": 100,
        "visibility": "public",
        "days": [],
    },
    {
        "slug": "trade-fair-visit-e-world-energy-and-water",
        "kind": "trade_fair",
        "bridges": ["united-kingdom"],
        "sectors": ["hydrogen"],
        "organisers": [CONSULATE_UK],
        "title_en": "Trade-fair visit: E-world energy & water, Essen",
        "title_de": "Messebesuch: E-world energy & water, Essen",
        "description_en": (
            "A guided visit for UK companies to Europe's energy-industry fair in Essen: a tour "
            "of the hydrogen exhibitors, meetings with Ruhr utilities, and an evening reception "
            "with Business Metropole Ruhr."
        ),
        "description_de": (
            "Ein begleiteter Besuch für britische Unternehmen auf der Leitmesse der "
            "Energiewirtschaft in Essen: ein Rundgang zu den Wasserstoff-Ausstellern, Gespräche "
            "mit Energieversorgern aus dem Ruhrgebiet und ein Abendempfang der Business "
            "Metropole Ruhr."
        ),
        "venue": "Messe Essen, Norbertstraße 2, 45131 Essen",
        "online_url": "",
        "time_zone": "Europe/Berlin",
        "start": ((2, 16), (9, 30)),
        "end": ((2, 17), (19, 0)),
        "capacity": 15,
        "visibility": "public",
        "days": [],
    },
    {
        "slug": "delegation-port-of-rotterdam-hydrogen-imports",
        "kind": "delegation",
        "bridges": ["netherlands"],
        "sectors": ["hydrogen"],
        "organisers": ["Consulate-General of the Kingdom of the Netherlands in Düsseldorf"],
        "title_en": "Delegation trip to Rotterdam: hydrogen imports for the Ruhr",
        "title_de": "Delegationsreise nach Rotterdam: Wasserstoffimporte für das Ruhrgebiet",
        "description_en": (
            "Ruhr companies visit the Port of Rotterdam and Dutch partners along the hydrogen "
            "corridor to the Ruhr: terminals, pipelines and the companies that will use them."
        ),
        "description_de": (
            "Unternehmen aus dem Ruhrgebiet besuchen den Hafen Rotterdam und niederländische "
            "Partner entlang des Wasserstoffkorridors ins Ruhrgebiet: Terminals, Leitungen und "
            "die Unternehmen, die sie nutzen werden."
        ),
        "venue": "Port of Rotterdam, Wilhelminakade 909, 3072 AP Rotterdam",
        "online_url": "",
        "time_zone": "Europe/Amsterdam",
        "start": ((3, 18), (8, 0)),
        "end": ((3, 18), (19, 0)),
        "capacity": 20,
        "visibility": "public",
        "days": [],
    },
    {
        "slug": "cybersecurity-delegation-to-tel-aviv",
        "kind": "delegation",
        "bridges": ["israel"],
        "sectors": ["cybersecurity", "digital-health"],
        "organisers": ["Embassy of Israel in Berlin"],
        "title_en": "Cybersecurity delegation to Tel Aviv",
        "title_de": "Cybersicherheits-Delegation nach Tel Aviv",
        "description_en": (
            "For members of the Israel bridge: three days with Israeli cybersecurity and "
            "digital-health companies, research centres and investors in Tel Aviv."
        ),
        "description_de": (
            "Für Mitglieder der Israel-Brücke: drei Tage mit israelischen Unternehmen für "
            "Cybersicherheit und digitale Gesundheit, Forschungszentren und Investoren in "
            "Tel Aviv."
        ),
        "venue": "Tel Aviv",
        "online_url": "",
        "time_zone": "Asia/Jerusalem",
        "start": ((6, 21), (9, 0)),
        "end": ((6, 23), (18, 0)),
        "capacity": 12,
        "visibility": "members",
        "days": [],
    },
    {
        "slug": "market-entry-europe-e-mobility-in-the-ruhr",
        "kind": "webinar",
        "bridges": ["north-america"],
        "sectors": ["e-mobility"],
        "organisers": ["U.S. Consulate General Düsseldorf"],
        "title_en": "Market entry Europe: e-mobility companies in the Ruhr",
        "title_de": "Markteintritt Europa: Elektromobilitätsunternehmen im Ruhrgebiet",
        "description_en": (
            "For North American companies in charging infrastructure, battery recycling and "
            "fleet electrification: why the Ruhr wants to become Europe's leading metropolis "
            "for e-mobility (E-METROPOLE.RUHR), and how to set up your EU base here."
        ),
        "description_de": (
            "Für nordamerikanische Unternehmen aus Ladeinfrastruktur, Batterierecycling und "
            "Flottenelektrifizierung: warum das Ruhrgebiet Europas führende Metropole der "
            "Elektromobilität werden will (E-METROPOLE.RUHR) und wie Sie hier Ihren EU-Standort "
            "aufbauen."
        ),
        "venue": "",
        "online_url": "https://meet.demo.ruhrbridge.example/market-entry-e-mobility",
        "time_zone": "America/New_York",
        "start": ((3, 9), (10, 0)),
        "end": ((3, 9), (11, 30)),
        "capacity": 80,
        "visibility": "public",
        "days": [],
    },
]

# The demo company user is registered for the summit, so its page shows a registration.
DEMO_REGISTRATIONS = [("greater-manchester-germany-innovation-summit", "in_person")]


def _next(month_day: tuple[int, int], today: datetime.date) -> datetime.date:
    """The next time this day of the year comes, after today."""
    month, day = month_day
    this_year = datetime.date(today.year, month, day)
    return this_year if this_year > today else this_year.replace(year=today.year + 1)


def _moment(day: datetime.date, clock: tuple[int, int], zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(*clock), tzinfo=zoneinfo.ZoneInfo(zone))


def _event_ensure(entry: dict, today: datetime.date) -> Event:
    first_day = _next(entry["start"][0], today)
    # Days of one event belong to the same year, even across a new year.
    day_of = {
        month_day: first_day
        + (datetime.date(2001, *month_day) - datetime.date(2001, *entry["start"][0]))
        for month_day in [entry["end"][0], *(day[0] for day in entry["days"])]
    }
    day_of[entry["start"][0]] = first_day
    zone = entry["time_zone"]
    event, _created = Event.objects.update_or_create(
        slug=entry["slug"],
        defaults={
            key: entry[key]
            for key in (
                "kind",
                "title_en",
                "title_de",
                "description_en",
                "description_de",
                "venue",
                "online_url",
                "time_zone",
                "capacity",
                "visibility",
            )
        }
        | {
            "starts_at": _moment(first_day, entry["start"][1], zone),
            "ends_at": _moment(day_of[entry["end"][0]], entry["end"][1], zone),
        },
    )
    event.bridges.set(Bridge.objects.filter(slug__in=entry["bridges"]))
    event.sectors.set(Sector.objects.filter(slug__in=entry["sectors"]))
    event.organisers.set(PartnerOrganisation.objects.filter(name__in=entry["organisers"]))
    for month_day, theme_en, theme_de, sessions in entry["days"]:
        day, _created = ProgrammeDay.objects.update_or_create(
            event=event,
            date=day_of[month_day],
            defaults={"theme_en": theme_en, "theme_de": theme_de},
        )
        for starts, ends, title_en, title_de in sessions:
            Session.objects.update_or_create(
                day=day,
                starts=datetime.time(*starts),
                defaults={"ends": datetime.time(*ends), "title_en": title_en, "title_de": title_de},
            )
    return event


@transaction.atomic
def events_demo_ensure(*, company_user: User | None = None) -> int:
    """The demo events (and the company user's registration); returns how many events."""
    today = timezone.localdate()
    events = {entry["slug"]: _event_ensure(entry, today) for entry in EVENTS}
    if company_user is not None:
        member = CompanyMember.objects.filter(user=company_user).select_related("company").first()
        for slug, attendance in DEMO_REGISTRATIONS:
            Registration.objects.get_or_create(
                event=events[slug],
                user=company_user,
                defaults={
                    "company": member.company if member else None,
                    "attendance": attendance,
                    "status": "registered",
                },
            )
    return len(events)
