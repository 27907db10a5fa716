"""About eighty clearly fictional companies for the demo: every name, person, address, web
site (``.example``) and telephone number is invented. Each sector has a Ruhr side and a
partner side whose offers and seeks answer each other, so the demo's matches mean something.
"""

import re
import unicodedata

PARTNER_BRIDGE = {
    "GB": "united-kingdom",
    "NL": "netherlands",
    "IL": "israel",
    "US": "north-america",
    "CA": "north-america",
}

# Number ranges kept free for fiction where a country has them (Ofcom's drama numbers for
# Manchester, the North American 555-01xx block); the others are simply invented.
_PHONE_PREFIX = {
    "DE": "+49 201 555",
    "GB": "+44 161 496 0",
    "NL": "+31 20 555",
    "IL": "+972 3 555",
    "US": "+1 716 555 01",
    "CA": "+1 416 555 01",
}

_LEGAL_FORMS = re.compile(r"\b(GmbH|gGmbH|AG|Ltd|B\.V\.|Inc\.|Corp\.)$")


def _ascii(text: str) -> str:
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = text.replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _mailbox(person: str) -> str:
    names = [word for word in person.split() if not word.endswith(".")]  # no "Dr." or "Prof."
    return ".".join(re.sub(r"[^a-z-]", "", _ascii(word).lower()) for word in names)


def _domain(name: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", _ascii(_LEGAL_FORMS.sub("", name)).lower()).strip("-")
    return f"{words}.example"


COMPANIES: list[dict] = []


def _company(
    name: str,
    country: str,
    city: str,
    postcode: str,
    *,
    founded: int,
    size: str,
    sectors: str,
    offers: str,
    seeks: str,
    types: str,
    en: str,
    de: str,
    contact: tuple[str, str],
    bridges: str = "",
    visibility: str = "members-only",
    settlement: dict | None = None,
    demo_owner: bool = False,
) -> None:
    domain = _domain(name)
    person, role = contact
    partnership_types = types.split()
    if settlement is not None and "settlement" not in partnership_types:
        partnership_types.append("settlement")
    COMPANIES.append(
        {
            "name": name,
            "country": country,
            "city": city,
            "postcode": postcode,
            "website": f"https://www.{domain}",
            "founded": founded,
            "size": size,
            "sectors": sectors.split(),
            "offers": offers.split(),
            "seeks": seeks.split(),
            "partnership_types": partnership_types,
            "description_en": en,
            "description_de": de,
            "visibility": visibility,
            "bridges": bridges.split() if country == "DE" else [PARTNER_BRIDGE[country]],
            "settlement": settlement,
            "contact": {
                "name": person,
                "role": role,
                "email": f"{_mailbox(person)}@{domain}",
                "phone": f"{_PHONE_PREFIX[country]}{len(COMPANIES) + 100:03d}",
            },
            "demo_owner": demo_owner,
        }
    )


def _settlement(timeline: str, headcount: int, needs: str, *, contact_allowed: bool = True) -> dict:
    return {
        "timeline": timeline,
        "headcount": headcount,
        "needs": needs.split(),
        "contact_allowed": contact_allowed,
    }


# Hydrogen — the Ruhr side: steel, chemicals, pipelines and test benches.
_company(
    "Emscher Elektrolyse GmbH",
    "DE",
    "Gelsenkirchen",
    "45881",
    founded=2012,
    size="medium",
    sectors="hydrogen",
    offers="electrolyser-stacks electrolysis-plants h2-balance-of-plant",
    seeks="renewable-power-supply h2-project-development-finance green-h2-offtake",
    types="supplier joint-venture research-development",
    bridges="united-kingdom netherlands",
    visibility="public",
    contact=("Katrin Wiesmann", "Head of Business Development"),
    en="Builds PEM electrolysis plants from 1 to 20 MW on a former colliery site, stacks "
    "included, and looks for power and offtake partners for its next projects.",
    de="Baut PEM-Elektrolyseanlagen von 1 bis 20 MW auf einem ehemaligen Zechengelände, "
    "Stacks inklusive, und sucht Partner für Strom und Abnahme der nächsten Projekte.",
)
_company(
    "Hüttenwerk Walsum Grünstahl GmbH",
    "DE",
    "Duisburg",
    "47179",
    founded=1998,
    size="large",
    sectors="hydrogen",
    offers="green-h2-offtake h2-steel-chemicals",
    seeks="electrolysis-plants h2-storage h2-pipelines-grid-conversion renewable-power-supply",
    types="customer joint-venture",
    bridges="united-kingdom netherlands",
    visibility="public",
    contact=("Dr. Matthias Kornfeld", "Director Decarbonisation"),
    en="Converts a blast-furnace route to direct reduction with hydrogen and needs long-term "
    "supplies of green hydrogen, storage and pipeline capacity from 2028.",
    de="Stellt eine Hochofenroute auf Direktreduktion mit Wasserstoff um und braucht ab 2028 "
    "langfristig grünen Wasserstoff, Speicher und Leitungskapazität.",
)
_company(
    "Lippe Pipeline Engineering GmbH",
    "DE",
    "Marl",
    "45770",
    founded=2004,
    size="medium",
    sectors="hydrogen",
    offers="h2-pipelines-grid-conversion h2-storage h2-safety-certification",
    seeks="h2-transport-logistics h2-project-development-finance",
    types="supplier joint-venture",
    bridges="united-kingdom netherlands north-america",
    contact=("Jens Overbeck", "Managing Director"),
    en="Plans and converts natural-gas pipelines and cavern storage for hydrogen, from "
    "material assessment to approval.",
    de="Plant und stellt Erdgasleitungen und Kavernenspeicher auf Wasserstoff um, von der "
    "Werkstoffbewertung bis zur Genehmigung.",
)
_company(
    "Prüfzentrum Wasserstoff Bochum GmbH",
    "DE",
    "Bochum",
    "44801",
    founded=2016,
    size="small",
    sectors="hydrogen",
    offers="h2-test-benches-materials h2-safety-certification",
    seeks="electrolyser-stacks fuel-cell-systems",
    types="research-development customer",
    bridges="united-kingdom israel",
    contact=("Aylin Demir", "Head of Laboratory"),
    en="Independent test centre for stacks and fuel cells: endurance runs, hydrogen "
    "embrittlement of materials and certification support.",
    de="Unabhängiges Prüfzentrum für Stacks und Brennstoffzellen: Dauerläufe, "
    "Wasserstoffversprödung von Werkstoffen und Begleitung der Zertifizierung.",
)
_company(
    "Revier H2 Mobil GmbH",
    "DE",
    "Herne",
    "44623",
    founded=2019,
    size="small",
    sectors="hydrogen e-mobility",
    offers="h2-refuelling-infrastructure h2-heavy-duty-vehicles",
    seeks="fuel-cell-systems h2-storage h2-transport-logistics",
    types="supplier distribution",
    bridges="united-kingdom netherlands",
    visibility="public",
    contact=("Sven Kuczera", "Managing Director"),
    en="Operates 700-bar hydrogen stations for trucks and buses along the A42 and A43 and "
    "leases fuel-cell trucks to logistics companies.",
    de="Betreibt 700-bar-Wasserstofftankstellen für Lkw und Busse entlang A42 und A43 und "
    "vermietet Brennstoffzellen-Lkw an Logistiker.",
)
_company(
    "Kanalhafen Ammoniak Terminal GmbH",
    "DE",
    "Dortmund",
    "44147",
    founded=2021,
    size="medium",
    sectors="hydrogen",
    offers="h2-transport-logistics ammonia-methanol-efuels",
    seeks="h2-project-development-finance h2-safety-certification",
    types="distribution investment",
    bridges="netherlands north-america",
    contact=("Ole Brinkhoff", "Commercial Director"),
    en="Develops an inland terminal for green ammonia and methanol on the Dortmund–Ems "
    "Canal, with cracking to hydrogen for industrial customers.",
    de="Entwickelt am Dortmund-Ems-Kanal ein Binnenterminal für grünes Ammoniak und "
    "Methanol mit Cracking zu Wasserstoff für Industriekunden.",
)
_company(
    "Westfälische Brennstoffzellen GmbH",
    "DE",
    "Hamm",
    "59065",
    founded=2015,
    size="small",
    sectors="hydrogen",
    offers="fuel-cell-systems h2-balance-of-plant",
    seeks="h2-test-benches-materials h2-heavy-duty-vehicles h2-project-development-finance",
    types="research-development supplier",
    bridges="united-kingdom israel north-america",
    contact=("Dr. Lena Hagedorn", "Chief Technology Officer"),
    en="Designs stationary and mobile fuel-cell systems of 50 to 300 kW, including the "
    "power electronics and thermal management.",
    de="Entwickelt stationäre und mobile Brennstoffzellensysteme von 50 bis 300 kW "
    "einschließlich Leistungselektronik und Thermomanagement.",
)
_company(
    "Hafen Wesel Energiepark GmbH",
    "DE",
    "Wesel",
    "46483",
    founded=2020,
    size="small",
    sectors="hydrogen",
    offers="renewable-power-supply h2-project-development-finance",
    seeks="electrolysis-plants h2-storage",
    types="joint-venture investment",
    bridges="netherlands",
    contact=("Britta Lohmann", "Project Director"),
    en="Combines Lower Rhine wind and solar parks into power purchase agreements for "
    "electrolysers and co-finances the projects.",
    de="Bündelt Wind- und Solarparks am Niederrhein zu Stromlieferverträgen für "
    "Elektrolyseure und beteiligt sich an der Projektfinanzierung.",
)
_company(
    "Ruhr H2 Sicherheit Ingenieurbüro GmbH",
    "DE",
    "Witten",
    "58452",
    founded=2018,
    size="micro",
    sectors="hydrogen",
    offers="h2-safety-certification h2-test-benches-materials",
    seeks="h2-refuelling-infrastructure electrolysis-plants",
    types="supplier",
    bridges="united-kingdom",
    contact=("Tobias Reinartz", "Owner"),
    en="Explosion protection, HAZOP studies and approval documents for hydrogen plants "
    "and refuelling stations.",
    de="Explosionsschutz, HAZOP-Studien und Genehmigungsunterlagen für Wasserstoffanlagen "
    "und Tankstellen.",
)

# Hydrogen — the partner regions.
_company(
    "Pennine Electrolysis Ltd",
    "GB",
    "Manchester",
    "M4 6BF",
    founded=2017,
    size="small",
    sectors="hydrogen",
    offers="electrolyser-stacks h2-test-benches-materials",
    seeks="green-h2-offtake h2-balance-of-plant h2-project-development-finance",
    types="supplier joint-venture",
    visibility="public",
    demo_owner=True,
    settlement=_settlement("12-24-months", 12, "production funding recruiting"),
    contact=("Harriet Ashworth", "Chief Executive"),
    en="Spin-out from a Manchester university making anion-exchange-membrane stacks without "
    "iridium; plans an assembly line in Germany close to its first industrial customers.",
    de="Ausgründung einer Universität in Manchester, die Anionenaustauschmembran-Stacks ohne "
    "Iridium fertigt; plant eine Montagelinie in Deutschland nahe den ersten Industriekunden.",
)
_company(
    "Mersey Hydrogen Storage Ltd",
    "GB",
    "Liverpool",
    "L3 4AD",
    founded=2014,
    size="medium",
    sectors="hydrogen",
    offers="h2-storage h2-transport-logistics",
    seeks="h2-pipelines-grid-conversion h2-safety-certification green-h2-offtake",
    types="customer distribution",
    visibility="public",
    contact=("Declan Murphy", "Business Development Manager"),
    en="Salt-cavern and tube-trailer storage for hydrogen in the North West; looks for "
    "offtakers and pipeline know-how on the Continent.",
    de="Salzkavernen- und Trailerspeicher für Wasserstoff im Nordwesten Englands; sucht "
    "Abnehmer und Pipeline-Know-how auf dem Kontinent.",
)
_company(
    "Tees Valley Ammonia Ltd",
    "GB",
    "Middlesbrough",
    "TS2 1AA",
    founded=2011,
    size="medium",
    sectors="hydrogen",
    offers="ammonia-methanol-efuels h2-transport-logistics",
    seeks="green-h2-offtake electrolysis-plants",
    types="supplier customer",
    contact=("Priya Raman", "Commercial Lead"),
    en="Produces low-carbon ammonia on Teesside and ships it as a hydrogen carrier.",
    de="Produziert kohlenstoffarmes Ammoniak in Teesside und verschifft es als Wasserstoffträger.",
)
_company(
    "Northern Fuel Cell Buses Ltd",
    "GB",
    "Leeds",
    "LS1 4DY",
    founded=2018,
    size="small",
    sectors="hydrogen e-mobility",
    offers="h2-heavy-duty-vehicles fuel-cell-systems",
    seeks="h2-refuelling-infrastructure h2-test-benches-materials h2-safety-certification",
    types="distribution",
    settlement=_settlement("6-12-months", 5, "office lab"),
    contact=("Gareth Hughes", "Managing Director"),
    en="Retrofits diesel buses with fuel-cell drives and wants a German service base for "
    "its first continental customers.",
    de="Rüstet Dieselbusse auf Brennstoffzellenantrieb um und sucht einen Servicestandort in "
    "Deutschland für die ersten Kunden auf dem Kontinent.",
)
_company(
    "Humber Clean Power Ltd",
    "GB",
    "Kingston upon Hull",
    "HU1 2AA",
    founded=2009,
    size="large",
    sectors="hydrogen",
    offers="renewable-power-supply h2-project-development-finance",
    seeks="electrolysis-plants electrolyser-stacks h2-pipelines-grid-conversion",
    types="investment joint-venture",
    contact=("Eleanor Whitfield", "Head of Hydrogen"),
    en="Offshore wind developer that co-invests in electrolysis projects to use its "
    "curtailed power.",
    de="Offshore-Windentwickler, der sich an Elektrolyseprojekten beteiligt, um "
    "abgeregelten Strom zu nutzen.",
)
_company(
    "Groningen Waterstof Netwerk B.V.",
    "NL",
    "Groningen",
    "9711 LM",
    founded=2013,
    size="medium",
    sectors="hydrogen",
    offers="h2-pipelines-grid-conversion h2-storage",
    seeks="electrolysis-plants h2-balance-of-plant green-h2-offtake",
    types="joint-venture customer",
    visibility="public",
    contact=("Sanne de Vries", "Partnership Manager"),
    en="Runs a converted gas pipeline section for hydrogen in the northern Netherlands and "
    "connects it to cross-border corridors.",
    de="Betreibt einen umgestellten Gasleitungsabschnitt für Wasserstoff in den nördlichen "
    "Niederlanden und bindet ihn an grenzüberschreitende Korridore an.",
)
_company(
    "Rijnmond H2 Logistiek B.V.",
    "NL",
    "Rotterdam",
    "3011 AD",
    founded=2016,
    size="medium",
    sectors="hydrogen",
    offers="h2-transport-logistics ammonia-methanol-efuels",
    seeks="green-h2-offtake h2-safety-certification",
    types="distribution supplier",
    settlement=_settlement("6-12-months", 8, "office"),
    contact=("Joris Bakker", "Director Hinterland"),
    en="Moves hydrogen derivatives from the port of Rotterdam by barge and rail to "
    "industrial customers along the Rhine.",
    de="Bringt Wasserstoffderivate aus dem Rotterdamer Hafen per Binnenschiff und Bahn zu "
    "Industriekunden entlang des Rheins.",
)
_company(
    "Eemshaven Elektrolyse B.V.",
    "NL",
    "Delfzijl",
    "9934 AA",
    founded=2020,
    size="small",
    sectors="hydrogen",
    offers="electrolysis-plants renewable-power-supply",
    seeks="h2-test-benches-materials h2-steel-chemicals h2-pipelines-grid-conversion",
    types="supplier research-development",
    contact=("Maarten Kuipers", "Chief Executive"),
    en="Builds containerised alkaline electrolysers next to North Sea wind landings.",
    de="Baut containerisierte alkalische Elektrolyseure an den Anlandepunkten der "
    "Nordsee-Windparks.",
)
_company(
    "Negev Hydrogen Materials Ltd",
    "IL",
    "Be'er Sheva",
    "8410501",
    founded=2019,
    size="small",
    sectors="hydrogen",
    offers="electrolyser-stacks h2-storage",
    seeks="h2-balance-of-plant h2-project-development-finance h2-test-benches-materials",
    types="research-development investment",
    settlement=_settlement("12-24-months", 6, "lab funding"),
    contact=("Dr. Noa Ben-David", "Chief Executive"),
    en="Develops catalyst-coated membranes and metal-hydride storage from university "
    "research in the Negev.",
    de="Entwickelt katalysatorbeschichtete Membranen und Metallhydridspeicher aus der "
    "Hochschulforschung im Negev.",
)
_company(
    "Great Lakes Fuel Cell Inc.",
    "US",
    "Buffalo",
    "14202",
    founded=2008,
    size="medium",
    sectors="hydrogen",
    offers="fuel-cell-systems h2-heavy-duty-vehicles",
    seeks="h2-refuelling-infrastructure h2-safety-certification",
    types="distribution",
    visibility="public",
    settlement=_settlement("12-24-months", 20, "production recruiting funding"),
    contact=("Michael O'Connor", "VP International"),
    en="Fuel-cell power modules for forklifts, terminal tractors and regional trucks; "
    "evaluating a European assembly site.",
    de="Brennstoffzellenmodule für Stapler, Terminalzugmaschinen und Regional-Lkw; prüft "
    "einen europäischen Montagestandort.",
)
_company(
    "Prairie Hydrogen Corp.",
    "CA",
    "Calgary",
    "T2P 1J9",
    founded=2015,
    size="medium",
    sectors="hydrogen",
    offers="ammonia-methanol-efuels h2-storage",
    seeks="h2-pipelines-grid-conversion electrolysis-plants",
    types="supplier investment",
    contact=("Jennifer Tremblay", "Director Europe"),
    en="Produces blue and green ammonia in Alberta for export to European ports.",
    de="Produziert blaues und grünes Ammoniak in Alberta für den Export in europäische Häfen.",
)

# Cybersecurity — the Ruhr side: industry, critical infrastructure, compliance.
_company(
    "Zechenwacht Security GmbH",
    "DE",
    "Bochum",
    "44799",
    founded=2013,
    size="medium",
    sectors="cybersecurity",
    offers="soc-services managed-detection-response incident-response-forensics",
    seeks="threat-intelligence post-quantum-cryptography red-teaming",
    types="supplier joint-venture",
    bridges="united-kingdom israel",
    visibility="public",
    contact=("Marco Spielmann", "Managing Director"),
    en="24/7 security operations centre for mid-sized industry and municipal utilities, "
    "with its own incident response team.",
    de="Security Operations Center rund um die Uhr für Mittelstand und Stadtwerke, mit "
    "eigenem Incident-Response-Team.",
)
_company(
    "Ruhr OT Schutz GmbH",
    "DE",
    "Duisburg",
    "47051",
    founded=2017,
    size="small",
    sectors="cybersecurity",
    offers="ot-ics-security nis2-kritis-compliance",
    seeks="threat-intelligence penetration-testing red-teaming",
    types="research-development supplier",
    bridges="united-kingdom netherlands israel",
    visibility="public",
    contact=("Julia Brandt", "Head of OT Security"),
    en="Secures control systems in steel, chemicals and water supply: network segmentation, "
    "monitoring and NIS2 readiness.",
    de="Sichert Leittechnik in Stahl, Chemie und Wasserversorgung: Netzsegmentierung, "
    "Monitoring und NIS2-Readiness.",
)
_company(
    "Kontrollraum Informationssicherheit GmbH",
    "DE",
    "Essen",
    "45127",
    founded=2010,
    size="medium",
    sectors="cybersecurity",
    offers="iso27001-isms nis2-kritis-compliance security-awareness-training",
    seeks="cloud-security identity-access-management",
    types="supplier distribution",
    bridges="united-kingdom netherlands",
    contact=("Stefanie Kühn", "Principal Consultant"),
    en="ISMS consulting, ISO 27001 certification support and awareness training for "
    "companies that fall under NIS2.",
    de="ISMS-Beratung, Begleitung der ISO-27001-Zertifizierung und Awareness-Schulungen für "
    "Unternehmen, die unter NIS2 fallen.",
)
_company(
    "Phoenixsee Kryptografie GmbH",
    "DE",
    "Dortmund",
    "44263",
    founded=2020,
    size="small",
    sectors="cybersecurity",
    offers="post-quantum-cryptography secure-software-development",
    seeks="cloud-security threat-intelligence",
    types="research-development",
    bridges="israel north-america",
    contact=("Dr. Felix Amrhein", "Chief Executive"),
    en="University spin-off migrating public-key infrastructure and embedded devices to "
    "post-quantum algorithms.",
    de="Hochschulausgründung, die Public-Key-Infrastrukturen und eingebettete Geräte auf "
    "Post-Quanten-Verfahren umstellt.",
)
_company(
    "Schachtsicher IT GmbH",
    "DE",
    "Gelsenkirchen",
    "45879",
    founded=2021,
    size="micro",
    sectors="cybersecurity",
    offers="penetration-testing red-teaming",
    seeks="soc-services security-awareness-training",
    types="supplier",
    bridges="united-kingdom",
    contact=("Nils Osterkamp", "Founder"),
    en="Penetration tests and red-team exercises for web applications and corporate networks.",
    de="Penetrationstests und Red-Team-Übungen für Webanwendungen und Unternehmensnetze.",
)
_company(
    "Emscher Identity Solutions GmbH",
    "DE",
    "Oberhausen",
    "46045",
    founded=2015,
    size="small",
    sectors="cybersecurity",
    offers="identity-access-management cloud-security",
    seeks="managed-detection-response secure-software-development",
    types="distribution supplier",
    bridges="netherlands north-america",
    contact=("Carina Wolters", "Head of Sales"),
    en="Identity and access management for hybrid clouds, from single sign-on to "
    "privileged access.",
    de="Identitäts- und Zugriffsmanagement für hybride Clouds, von Single Sign-on bis zu "
    "privilegierten Zugängen.",
)
_company(
    "Lippe Forensik GmbH",
    "DE",
    "Recklinghausen",
    "45657",
    founded=2016,
    size="micro",
    sectors="cybersecurity",
    offers="incident-response-forensics",
    seeks="threat-intelligence managed-detection-response",
    types="joint-venture",
    bridges="united-kingdom israel",
    contact=("Rainer Pütz", "Owner"),
    en="IT forensics and ransomware response for small and medium-sized companies.",
    de="IT-Forensik und Hilfe bei Ransomware-Angriffen für kleine und mittlere Unternehmen.",
)
_company(
    "Autosicher Systems GmbH",
    "DE",
    "Unna",
    "59423",
    founded=2018,
    size="small",
    sectors="cybersecurity e-mobility",
    offers="automotive-cybersecurity secure-software-development",
    seeks="penetration-testing post-quantum-cryptography",
    types="supplier research-development",
    bridges="netherlands north-america",
    visibility="public",
    contact=("Hannah Schulte", "Managing Director"),
    en="UNECE R155 cybersecurity management for vehicle and charging-station manufacturers.",
    de="Cybersecurity-Managementsysteme nach UNECE R155 für Fahrzeug- und Ladesäulenhersteller.",
)
_company(
    "Medsec Ruhr GmbH",
    "DE",
    "Hattingen",
    "45525",
    founded=2022,
    size="micro",
    sectors="cybersecurity digital-health",
    offers="medical-device-security penetration-testing",
    seeks="iso27001-isms threat-intelligence",
    types="supplier",
    bridges="united-kingdom israel",
    contact=("Mira Janßen", "Founder"),
    en="Security testing of connected medical devices for the MDR technical documentation.",
    de="Sicherheitsprüfungen vernetzter Medizingeräte für die technische Dokumentation nach MDR.",
)

# Cybersecurity — the partner regions.
_company(
    "Salford Threat Labs Ltd",
    "GB",
    "Salford",
    "M50 3UB",
    founded=2016,
    size="small",
    sectors="cybersecurity",
    offers="threat-intelligence red-teaming",
    seeks="ot-ics-security soc-services nis2-kritis-compliance",
    types="distribution",
    visibility="public",
    settlement=_settlement("within-6-months", 4, "office recruiting"),
    contact=("Aisha Khan", "Chief Operating Officer"),
    en="Threat intelligence on industrial attackers, sold through security operations "
    "centres; wants a German office to serve NIS2 customers.",
    de="Threat Intelligence zu Angreifern auf die Industrie, vertrieben über Security "
    "Operations Center; möchte ein Büro in Deutschland für NIS2-Kunden.",
)
_company(
    "Manchester SOC Partners Ltd",
    "GB",
    "Manchester",
    "M1 3HU",
    founded=2012,
    size="medium",
    sectors="cybersecurity",
    offers="soc-services managed-detection-response",
    seeks="nis2-kritis-compliance iso27001-isms ot-ics-security",
    types="distribution",
    contact=("Tom Fairbairn", "Partner Manager"),
    en="Managed detection and response for manufacturers, with analysts in Manchester.",
    de="Managed Detection and Response für Hersteller, mit Analysten in Manchester.",
)
_company(
    "Cheltenham Quantum Secure Ltd",
    "GB",
    "Cheltenham",
    "GL50 1AA",
    founded=2021,
    size="micro",
    sectors="cybersecurity",
    offers="post-quantum-cryptography",
    seeks="secure-software-development automotive-cybersecurity",
    types="research-development investment",
    settlement=_settlement("later", 3, "lab funding", contact_allowed=False),
    contact=("Dr. Oliver Grant", "Founder"),
    en="Post-quantum key exchange for embedded controllers with very little memory.",
    de="Post-Quanten-Schlüsselaustausch für eingebettete Steuergeräte mit sehr wenig Speicher.",
)
_company(
    "Thames Cloud Guard Ltd",
    "GB",
    "London",
    "EC2A 4NE",
    founded=2014,
    size="medium",
    sectors="cybersecurity",
    offers="cloud-security identity-access-management",
    seeks="iso27001-isms security-awareness-training",
    types="distribution",
    visibility="public",
    contact=("Sophie Bennett", "Head of Partnerships"),
    en="Cloud security posture management and zero-trust access for regulated industries.",
    de="Cloud Security Posture Management und Zero-Trust-Zugänge für regulierte Branchen.",
)
_company(
    "Clyde Incident Response Ltd",
    "GB",
    "Glasgow",
    "G1 1XQ",
    founded=2015,
    size="small",
    sectors="cybersecurity",
    offers="incident-response-forensics penetration-testing",
    seeks="ot-ics-security soc-services",
    types="joint-venture",
    contact=("Callum Fraser", "Director"),
    en="Incident response retainers and penetration tests for energy and water companies.",
    de="Incident-Response-Bereitschaft und Penetrationstests für Energie- und Wasserversorger.",
)
_company(
    "Delft Secure Systems B.V.",
    "NL",
    "Delft",
    "2611 HK",
    founded=2013,
    size="small",
    sectors="cybersecurity",
    offers="secure-software-development automotive-cybersecurity",
    seeks="post-quantum-cryptography penetration-testing",
    types="research-development",
    contact=("Lotte Janssen", "Chief Technology Officer"),
    en="Secure embedded software and over-the-air update chains for vehicles.",
    de="Sichere eingebettete Software und Over-the-Air-Updateketten für Fahrzeuge.",
)
_company(
    "Eindhoven OT Defence B.V.",
    "NL",
    "Eindhoven",
    "5611 AB",
    founded=2017,
    size="small",
    sectors="cybersecurity",
    offers="ot-ics-security threat-intelligence",
    seeks="identity-access-management incident-response-forensics",
    types="supplier joint-venture",
    visibility="public",
    contact=("Bram Hendriks", "Business Developer"),
    en="Anomaly detection for production networks in the Brainport region's high-tech industry.",
    de="Anomalieerkennung für Produktionsnetze der Hightech-Industrie in der Region Brainport.",
)
_company(
    "Herzliya Cyber Intelligence Ltd",
    "IL",
    "Herzliya",
    "4672509",
    founded=2014,
    size="medium",
    sectors="cybersecurity",
    offers="threat-intelligence red-teaming",
    seeks="soc-services ot-ics-security incident-response-forensics",
    types="distribution joint-venture",
    visibility="public",
    settlement=_settlement("6-12-months", 10, "office recruiting"),
    contact=("Yael Shapiro", "VP Business Development"),
    en="Attack simulation and threat intelligence from former national CERT analysts; "
    "opening a European hub.",
    de="Angriffssimulation und Threat Intelligence von ehemaligen Analysten eines "
    "nationalen CERT; eröffnet einen europäischen Standort.",
)
_company(
    "Beersheba OT Shield Ltd",
    "IL",
    "Be'er Sheva",
    "8489101",
    founded=2018,
    size="small",
    sectors="cybersecurity",
    offers="ot-ics-security managed-detection-response",
    seeks="nis2-kritis-compliance penetration-testing",
    types="distribution",
    contact=("Amit Levi", "Chief Executive"),
    en="Passive monitoring of industrial control networks, from the Be'er Sheva cyber park.",
    de="Passives Monitoring industrieller Steuerungsnetze aus dem Cyberpark in Be'er Sheva.",
)
_company(
    "Tel Aviv MedSec Ltd",
    "IL",
    "Tel Aviv-Yafo",
    "6789141",
    founded=2019,
    size="small",
    sectors="cybersecurity digital-health",
    offers="medical-device-security post-quantum-cryptography",
    seeks="iso27001-isms medical-device-certification",
    types="supplier",
    contact=("Tamar Rosen", "Head of Regulatory"),
    en="Runtime protection for infusion pumps and imaging devices in hospital networks.",
    de="Laufzeitschutz für Infusionspumpen und Bildgebungsgeräte in Krankenhausnetzen.",
)
_company(
    "Pittsburgh Identity Labs Inc.",
    "US",
    "Pittsburgh",
    "15222",
    founded=2016,
    size="medium",
    sectors="cybersecurity",
    offers="identity-access-management cloud-security",
    seeks="nis2-kritis-compliance security-awareness-training",
    types="distribution",
    settlement=_settlement("12-24-months", 15, "office recruiting"),
    contact=("Rachel Kim", "Director EMEA"),
    en="Passwordless authentication for industrial workforces; preparing EU market entry.",
    de="Passwortlose Anmeldung für Beschäftigte in der Industrie; bereitet den "
    "EU-Markteintritt vor.",
)

# Digital health — the Ruhr side: hospitals, care, certification.
_company(
    "Revier Telemedizin GmbH",
    "DE",
    "Bochum",
    "44787",
    founded=2014,
    size="small",
    sectors="digital-health",
    offers="telemedicine-platforms remote-patient-monitoring",
    seeks="ai-medical-imaging wearables-medical-sensors reimbursement-market-access",
    types="distribution research-development",
    bridges="united-kingdom netherlands",
    visibility="public",
    contact=("Dr. Anna Grabowski", "Medical Director"),
    en="Telemedicine platform for heart-failure patients, used by hospitals in the Ruhr.",
    de="Telemedizinplattform für Menschen mit Herzinsuffizienz, im Einsatz in Kliniken des "
    "Ruhrgebiets.",
)
_company(
    "Klinikverbund Emscher-Lippe Innovationslabor gGmbH",
    "DE",
    "Gelsenkirchen",
    "45894",
    founded=2011,
    size="large",
    sectors="digital-health",
    offers="clinical-pilot-sites clinical-trials-rwe",
    seeks="ai-medical-imaging clinical-decision-support digital-mental-health",
    types="research-development customer",
    bridges="united-kingdom israel north-america",
    visibility="public",
    contact=("Prof. Dr. Ulrich Baumann", "Head of Innovation Lab"),
    en="Innovation lab of a hospital group with eight sites: tests digital products in "
    "clinical routine and generates real-world evidence.",
    de="Innovationslabor eines Klinikverbunds mit acht Standorten: erprobt digitale Produkte "
    "im Klinikalltag und erhebt Real-World-Evidenz.",
)
_company(
    "MedZert Ruhr GmbH",
    "DE",
    "Essen",
    "45131",
    founded=2009,
    size="small",
    sectors="digital-health",
    offers="medical-device-certification reimbursement-market-access",
    seeks="ai-medical-imaging digital-therapeutics wearables-medical-sensors",
    types="supplier distribution",
    bridges="united-kingdom israel north-america",
    visibility="public",
    contact=("Sabine Feldhaus", "Managing Director"),
    en="Regulatory consultancy for software as a medical device: MDR and IVDR, DiGA "
    "listing and reimbursement in Germany.",
    de="Regulatorische Beratung für Software als Medizinprodukt: MDR und IVDR, "
    "DiGA-Listung und Erstattung in Deutschland.",
)
_company(
    "Dortmunder Pflegetechnik GmbH",
    "DE",
    "Dortmund",
    "44139",
    founded=2012,
    size="medium",
    sectors="digital-health",
    offers="care-technology-aal wearables-medical-sensors",
    seeks="health-data-analytics fhir-interoperability",
    types="supplier research-development",
    bridges="netherlands",
    contact=("Peter Hülsmann", "Head of Product"),
    en="Fall detection and ambient assisted living sensors for care homes and home care.",
    de="Sturzerkennung und Sensorik für altersgerechtes Wohnen in Pflegeheimen und der "
    "häuslichen Pflege.",
)
_company(
    "FHIR Werk GmbH",
    "DE",
    "Mülheim an der Ruhr",
    "45468",
    founded=2018,
    size="small",
    sectors="digital-health",
    offers="fhir-interoperability hospital-information-systems",
    seeks="clinical-decision-support e-prescription-digital-pharmacy",
    types="supplier",
    bridges="united-kingdom netherlands",
    contact=("Jan-Philipp Wessels", "Chief Executive"),
    en="Integration engine that connects hospital information systems with apps over FHIR.",
    de="Integrationsplattform, die Krankenhausinformationssysteme über FHIR mit Apps verbindet.",
)
_company(
    "Hagener Gesundheitsdaten GmbH",
    "DE",
    "Hagen",
    "58095",
    founded=2020,
    size="micro",
    sectors="digital-health",
    offers="health-data-analytics clinical-trials-rwe",
    seeks="remote-patient-monitoring wearables-medical-sensors",
    types="research-development",
    bridges="israel",
    contact=("Dr. Elif Yıldız", "Founder"),
    en="Privacy-preserving analysis of routine care data for studies and health insurers.",
    de="Datenschutzfreundliche Auswertung von Versorgungsdaten für Studien und Krankenkassen.",
)
_company(
    "Apotheke Digital Ruhr GmbH",
    "DE",
    "Herne",
    "44625",
    founded=2019,
    size="small",
    sectors="digital-health",
    offers="e-prescription-digital-pharmacy",
    seeks="telemedicine-platforms digital-therapeutics",
    types="distribution",
    bridges="netherlands",
    contact=("Christian Nowak", "Managing Director"),
    en="E-prescription redemption and delivery for a network of pharmacies in the Ruhr.",
    de="Einlösung von E-Rezepten und Lieferung für einen Verbund von Apotheken im Ruhrgebiet.",
)
_company(
    "Seelenruhe Digital GmbH",
    "DE",
    "Essen-Rüttenscheid",
    "45130",
    founded=2021,
    size="micro",
    sectors="digital-health",
    offers="digital-mental-health digital-therapeutics",
    seeks="clinical-trials-rwe telemedicine-platforms",
    types="research-development",
    bridges="united-kingdom",
    contact=("Lea Marx", "Chief Executive"),
    en="App-based therapy for anxiety disorders, provisionally listed as a DiGA.",
    de="App-basierte Therapie bei Angststörungen, vorläufig als DiGA gelistet.",
)
_company(
    "Lünen Reha Sensorik GmbH",
    "DE",
    "Lünen",
    "44532",
    founded=2017,
    size="small",
    sectors="digital-health",
    offers="wearables-medical-sensors remote-patient-monitoring",
    seeks="health-data-analytics reimbursement-market-access clinical-decision-support",
    types="supplier",
    bridges="united-kingdom north-america",
    contact=("Martin Evers", "Head of Sales"),
    en="Motion sensors and a home-rehabilitation app after knee and hip replacement.",
    de="Bewegungssensoren und eine App für die Reha zu Hause nach Knie- und Hüftendoprothetik.",
)

# Digital health — the partner regions.
_company(
    "Salford Telecare Ltd",
    "GB",
    "Salford",
    "M5 4WT",
    founded=2015,
    size="small",
    sectors="digital-health",
    offers="remote-patient-monitoring care-technology-aal",
    seeks="clinical-pilot-sites fhir-interoperability reimbursement-market-access",
    types="distribution",
    visibility="public",
    settlement=_settlement("6-12-months", 6, "office funding"),
    contact=("Chloe Patterson", "Managing Director"),
    en="Remote monitoring for people living alone, commissioned by councils in Greater "
    "Manchester; looking for German care providers.",
    de="Telemonitoring für allein lebende Menschen im Auftrag von Kommunen in Greater "
    "Manchester; sucht Pflegeanbieter in Deutschland.",
)
_company(
    "Manchester Imaging AI Ltd",
    "GB",
    "Manchester",
    "M13 9PL",
    founded=2018,
    size="small",
    sectors="digital-health",
    offers="ai-medical-imaging clinical-decision-support",
    seeks="clinical-pilot-sites medical-device-certification hospital-information-systems",
    types="research-development",
    visibility="public",
    settlement=_settlement("12-24-months", 10, "office lab recruiting"),
    contact=("Dr. Samuel Okafor", "Chief Executive"),
    en="AI triage of chest X-rays with UKCA marking; needs CE marking and German "
    "reference hospitals.",
    de="KI-Triage von Röntgenaufnahmen des Thorax mit UKCA-Kennzeichnung; braucht die "
    "CE-Kennzeichnung und Referenzkliniken in Deutschland.",
)
_company(
    "Leeds Health Data Ltd",
    "GB",
    "Leeds",
    "LS2 9JT",
    founded=2013,
    size="medium",
    sectors="digital-health",
    offers="health-data-analytics clinical-trials-rwe",
    seeks="hospital-information-systems wearables-medical-sensors",
    types="research-development supplier",
    contact=("Imogen Clarke", "Director of Research"),
    en="Trusted research environment and real-world evidence studies with NHS data.",
    de="Vertrauenswürdige Forschungsumgebung und Real-World-Evidence-Studien mit Daten des NHS.",
)
_company(
    "Oxford Digital Therapeutics Ltd",
    "GB",
    "Oxford",
    "OX1 2JD",
    founded=2019,
    size="small",
    sectors="digital-health",
    offers="digital-therapeutics digital-mental-health",
    seeks="reimbursement-market-access medical-device-certification clinical-pilot-sites",
    types="distribution",
    contact=("James Holloway", "Chief Commercial Officer"),
    en="Sleep and insomnia therapy app recommended in NHS pathways.",
    de="App-Therapie bei Schlafstörungen, in Versorgungspfaden des NHS empfohlen.",
)
_company(
    "Sheffield Assistive Living Ltd",
    "GB",
    "Sheffield",
    "S1 2HE",
    founded=2012,
    size="small",
    sectors="digital-health",
    offers="care-technology-aal wearables-medical-sensors",
    seeks="telemedicine-platforms health-data-analytics",
    types="supplier",
    contact=("Ruth Lindley", "Managing Director"),
    en="Smart-home kits for people with dementia and their carers.",
    de="Smart-Home-Ausstattung für Menschen mit Demenz und ihre Angehörigen.",
)
_company(
    "Utrecht Zorg Platform B.V.",
    "NL",
    "Utrecht",
    "3511 AB",
    founded=2014,
    size="medium",
    sectors="digital-health",
    offers="telemedicine-platforms e-prescription-digital-pharmacy",
    seeks="care-technology-aal fhir-interoperability",
    types="distribution joint-venture",
    visibility="public",
    contact=("Femke Visser", "International Director"),
    en="Video consultation and e-prescription platform used by Dutch general practitioners.",
    de="Plattform für Videosprechstunden und E-Rezepte, genutzt von niederländischen "
    "Hausarztpraxen.",
)
_company(
    "Nijmegen Clinical Sensors B.V.",
    "NL",
    "Nijmegen",
    "6511 AA",
    founded=2016,
    size="small",
    sectors="digital-health",
    offers="wearables-medical-sensors health-data-analytics",
    seeks="medical-device-certification clinical-pilot-sites",
    types="research-development",
    contact=("Thijs van Dijk", "Chief Technology Officer"),
    en="Wearable ECG patches with cloud analysis, developed with a university hospital.",
    de="Tragbare EKG-Pflaster mit Cloud-Auswertung, entwickelt mit einer Universitätsklinik.",
)
_company(
    "Haifa Imaging Intelligence Ltd",
    "IL",
    "Haifa",
    "3508409",
    founded=2017,
    size="small",
    sectors="digital-health",
    offers="ai-medical-imaging clinical-decision-support",
    seeks="clinical-pilot-sites medical-device-certification reimbursement-market-access",
    types="research-development distribution",
    visibility="public",
    settlement=_settlement("6-12-months", 7, "office lab funding"),
    contact=("Dr. Avi Mizrahi", "Chief Executive"),
    en="Stroke detection in CT scans, FDA-cleared; plans a German subsidiary for the EU market.",
    de="Schlaganfallerkennung in CT-Aufnahmen mit FDA-Zulassung; plant eine deutsche "
    "Tochtergesellschaft für den EU-Markt.",
)
_company(
    "Jerusalem Remote Care Ltd",
    "IL",
    "Jerusalem",
    "9103401",
    founded=2015,
    size="medium",
    sectors="digital-health",
    offers="remote-patient-monitoring telemedicine-platforms",
    seeks="hospital-information-systems clinical-trials-rwe",
    types="supplier",
    contact=("Michal Katz", "VP Europe"),
    en="Hospital-at-home monitoring for chronic obstructive pulmonary disease.",
    de="Überwachung von COPD-Patientinnen und -Patienten im Hospital-at-Home-Modell.",
)
_company(
    "Rehovot Digital Pharma Ltd",
    "IL",
    "Rehovot",
    "7610001",
    founded=2020,
    size="micro",
    sectors="digital-health",
    offers="clinical-trials-rwe digital-therapeutics",
    seeks="clinical-pilot-sites e-prescription-digital-pharmacy",
    types="research-development",
    contact=("Dr. Eitan Weiss", "Founder"),
    en="Decentralised clinical trials with a companion app for adherence.",
    de="Dezentrale klinische Studien mit einer Begleit-App für die Therapietreue.",
)
_company(
    "Boston Care Analytics Inc.",
    "US",
    "Boston",
    "02110",
    founded=2012,
    size="medium",
    sectors="digital-health",
    offers="clinical-decision-support health-data-analytics",
    seeks="clinical-pilot-sites fhir-interoperability",
    types="research-development",
    contact=("Laura Chen", "Head of International"),
    en="Sepsis early-warning scores running on hospital data streams.",
    de="Frühwarnscores für Sepsis auf Basis der Datenströme im Krankenhaus.",
)
_company(
    "Toronto Virtual Care Inc.",
    "CA",
    "Toronto",
    "M5V 2T6",
    founded=2016,
    size="small",
    sectors="digital-health",
    offers="telemedicine-platforms digital-mental-health",
    seeks="reimbursement-market-access medical-device-certification",
    types="distribution",
    settlement=_settlement("12-24-months", 8, "office recruiting", contact_allowed=False),
    contact=("Daniel Roy", "Chief Operating Officer"),
    en="Virtual mental-health clinic for employers, in English and French.",
    de="Virtuelle Praxis für psychische Gesundheit für Arbeitgeber, auf Englisch und Französisch.",
)

# E-mobility — the Ruhr side: charging, buses, batteries, logistics.
_company(
    "Ladepark Kamener Kreuz GmbH",
    "DE",
    "Kamen",
    "59174",
    founded=2019,
    size="medium",
    sectors="e-mobility",
    offers="high-power-charging-hubs charging-infrastructure grid-connection-load-planning",
    seeks="charge-point-management-software smart-charging-v2g mobility-data-payment",
    types="customer joint-venture",
    bridges="united-kingdom netherlands",
    visibility="public",
    contact=("André Kowalski", "Managing Director"),
    en="Builds and runs high-power charging parks for trucks and cars at motorway "
    "junctions in the eastern Ruhr.",
    de="Baut und betreibt Schnellladeparks für Lkw und Pkw an Autobahnkreuzen im östlichen "
    "Ruhrgebiet.",
)
_company(
    "Revier E-Bus Service GmbH",
    "DE",
    "Bottrop",
    "46236",
    founded=2016,
    size="medium",
    sectors="e-mobility",
    offers="electric-buses-public-transport fleet-electrification",
    seeks="battery-management-systems smart-charging-v2g",
    types="customer supplier",
    bridges="united-kingdom netherlands",
    contact=("Dirk Pawlak", "Technical Director"),
    en="Plans the switch of municipal bus fleets to battery buses, including depot "
    "charging and maintenance.",
    de="Plant die Umstellung kommunaler Busflotten auf Batteriebusse einschließlich "
    "Depotladen und Wartung.",
)
_company(
    "Zweitleben Batteriespeicher GmbH",
    "DE",
    "Castrop-Rauxel",
    "44575",
    founded=2020,
    size="small",
    sectors="e-mobility",
    offers="second-life-storage battery-recycling",
    seeks="battery-cells-modules battery-management-systems",
    types="supplier research-development",
    bridges="united-kingdom netherlands north-america",
    visibility="public",
    contact=("Nadine Vogt", "Chief Executive"),
    en="Turns used vehicle batteries into stationary storage for businesses and charging parks.",
    de="Macht aus gebrauchten Fahrzeugbatterien stationäre Speicher für Gewerbe und Ladeparks.",
)
_company(
    "Ruhr Recycling Metalle GmbH",
    "DE",
    "Duisburg-Rheinhausen",
    "47226",
    founded=1987,
    size="large",
    sectors="e-mobility",
    offers="battery-recycling",
    seeks="battery-cells-modules electric-last-mile-logistics",
    types="customer supplier",
    bridges="united-kingdom north-america",
    contact=("Frank Siebert", "Head of Battery Recycling"),
    en="Recovers lithium, nickel and cobalt from production scrap and end-of-life "
    "batteries by hydrometallurgy.",
    de="Gewinnt Lithium, Nickel und Kobalt aus Produktionsausschuss und Altbatterien per "
    "Hydrometallurgie zurück.",
)
_company(
    "Antriebstechnik Hamm GmbH",
    "DE",
    "Hamm",
    "59063",
    founded=2002,
    size="medium",
    sectors="e-mobility",
    offers="electric-drivetrains ev-testing-homologation",
    seeks="battery-management-systems battery-cells-modules",
    types="supplier joint-venture",
    bridges="united-kingdom north-america",
    contact=("Ralf Ostermann", "Sales Director"),
    en="Electric axles and inverters for light commercial vehicles and special vehicles.",
    de="Elektrische Achsen und Wechselrichter für leichte Nutzfahrzeuge und Sonderfahrzeuge.",
)
_company(
    "Letzte Meile Logistik Ruhr GmbH",
    "DE",
    "Dortmund",
    "44145",
    founded=2015,
    size="medium",
    sectors="e-mobility",
    offers="electric-last-mile-logistics fleet-electrification",
    seeks="micromobility-sharing charge-point-management-software",
    types="customer",
    bridges="netherlands",
    contact=("Melanie Brückner", "Head of Operations"),
    en="Parcel delivery with cargo bikes and electric vans from micro-hubs in Dortmund and Bochum.",
    de="Paketzustellung mit Lastenrädern und E-Transportern aus Mikro-Hubs in Dortmund und Bochum.",
)
_company(
    "Prüfstelle Fahrzeugtechnik Moers GmbH",
    "DE",
    "Moers",
    "47441",
    founded=2008,
    size="small",
    sectors="e-mobility",
    offers="ev-testing-homologation",
    seeks="electric-drivetrains micromobility-sharing",
    types="supplier",
    bridges="united-kingdom netherlands",
    contact=("Georg Terhorst", "Head of Testing"),
    en="Type approval and EMC testing for electric vehicles and light electric vehicles.",
    de="Typgenehmigung und EMV-Prüfungen für Elektrofahrzeuge und leichte Elektrofahrzeuge.",
)
_company(
    "Netzanschluss Plus GmbH",
    "DE",
    "Herten",
    "45699",
    founded=2017,
    size="small",
    sectors="e-mobility",
    offers="grid-connection-load-planning smart-charging-v2g",
    seeks="charge-point-management-software second-life-storage",
    types="supplier",
    bridges="united-kingdom netherlands",
    contact=("Yasemin Arslan", "Managing Director"),
    en="Grid connection planning and load management for depots and charging parks.",
    de="Netzanschlussplanung und Lastmanagement für Betriebshöfe und Ladeparks.",
)
_company(
    "Velo Revier GmbH",
    "DE",
    "Schwerte",
    "58239",
    founded=2022,
    size="micro",
    sectors="e-mobility",
    offers="micromobility-sharing mobility-data-payment",
    seeks="electric-last-mile-logistics",
    types="joint-venture",
    bridges="netherlands",
    visibility="hidden",
    contact=("Timo Brandenburg", "Founder"),
    en="E-bike sharing for commuters between the Ruhr's train stations and business parks "
    "(in stealth mode).",
    de="E-Bike-Sharing für Pendelnde zwischen Bahnhöfen und Gewerbegebieten im Ruhrgebiet "
    "(noch nicht öffentlich).",
)

# E-mobility — the partner regions.
_company(
    "Northern Charge Networks Ltd",
    "GB",
    "Manchester",
    "M3 3EB",
    founded=2017,
    size="small",
    sectors="e-mobility",
    offers="charge-point-management-software smart-charging-v2g",
    seeks="high-power-charging-hubs grid-connection-load-planning",
    types="supplier",
    visibility="public",
    settlement=_settlement("6-12-months", 8, "office recruiting"),
    contact=("Liam Doyle", "Chief Executive"),
    en="Charge-point management software running 9,000 public chargers in the North of "
    "England; looking for operators in Germany.",
    de="Software für Ladepunktmanagement mit 9.000 öffentlichen Ladepunkten im Norden "
    "Englands; sucht Betreiber in Deutschland.",
)
_company(
    "Midlands Cell Works Ltd",
    "GB",
    "Coventry",
    "CV1 5FB",
    founded=2010,
    size="large",
    sectors="e-mobility",
    offers="battery-cells-modules battery-management-systems",
    seeks="battery-recycling ev-testing-homologation electric-drivetrains",
    types="supplier joint-venture",
    settlement=_settlement("12-24-months", 40, "production recruiting funding"),
    contact=("Andrew Mistry", "Director Strategy"),
    en="Battery modules and packs for commercial vehicles; considering a European pack "
    "assembly plant.",
    de="Batteriemodule und -packs für Nutzfahrzeuge; erwägt ein europäisches Werk für die "
    "Packmontage.",
)
_company(
    "Sunderland Drive Systems Ltd",
    "GB",
    "Sunderland",
    "SR1 3SD",
    founded=2013,
    size="medium",
    sectors="e-mobility",
    offers="electric-drivetrains battery-management-systems",
    seeks="ev-testing-homologation battery-recycling",
    types="supplier",
    contact=("Helen Robson", "Head of Business Development"),
    en="Electric drive units and battery management for vans, built in the North East.",
    de="Elektrische Antriebseinheiten und Batteriemanagement für Transporter, gefertigt im "
    "Nordosten Englands.",
)
_company(
    "London Fleet Electric Ltd",
    "GB",
    "London",
    "SE1 9SG",
    founded=2018,
    size="medium",
    sectors="e-mobility",
    offers="fleet-electrification electric-last-mile-logistics",
    seeks="charging-infrastructure high-power-charging-hubs",
    types="customer",
    visibility="public",
    contact=("Marcus Adeyemi", "Head of Partnerships"),
    en="Electrifies delivery fleets as a service: vehicles, depot charging and energy management.",
    de="Elektrifiziert Lieferflotten als Dienstleistung: Fahrzeuge, Depotladen und "
    "Energiemanagement.",
)
_company(
    "Bristol Mobility Data Ltd",
    "GB",
    "Bristol",
    "BS1 4DJ",
    founded=2019,
    size="small",
    sectors="e-mobility",
    offers="mobility-data-payment charge-point-management-software",
    seeks="charging-infrastructure fleet-electrification",
    types="distribution",
    contact=("Georgia Price", "Chief Executive"),
    en="Roaming and ad-hoc payment for public charging, with open data interfaces.",
    de="Roaming und Ad-hoc-Bezahlung an öffentlichen Ladepunkten, mit offenen Datenschnittstellen.",
)
_company(
    "Amsterdam Laadnet B.V.",
    "NL",
    "Amsterdam",
    "1012 AB",
    founded=2012,
    size="medium",
    sectors="e-mobility",
    offers="smart-charging-v2g charge-point-management-software",
    seeks="grid-connection-load-planning second-life-storage",
    types="joint-venture",
    visibility="public",
    contact=("Daan Smit", "Director Germany"),
    en="Smart charging and vehicle-to-grid for cities with congested grids.",
    de="Intelligentes Laden und Vehicle-to-Grid für Städte mit ausgelasteten Netzen.",
)
_company(
    "Utrecht Deelmobiliteit B.V.",
    "NL",
    "Utrecht",
    "3521 AL",
    founded=2016,
    size="small",
    sectors="e-mobility",
    offers="micromobility-sharing mobility-data-payment",
    seeks="fleet-electrification electric-last-mile-logistics",
    types="distribution",
    contact=("Eva Mulder", "Expansion Manager"),
    en="Shared e-bikes and e-cargo bikes run on a white-label platform for municipalities.",
    de="Geteilte E-Bikes und E-Lastenräder auf einer White-Label-Plattform für Kommunen.",
)
_company(
    "Venlo E-Logistiek B.V.",
    "NL",
    "Venlo",
    "5911 AA",
    founded=2014,
    size="medium",
    sectors="e-mobility",
    offers="electric-last-mile-logistics battery-management-systems",
    seeks="high-power-charging-hubs electric-buses-public-transport",
    types="customer",
    contact=("Ruud Peeters", "Managing Director"),
    en="Electric trucks between the Venlo logistics hub and the Ruhr.",
    de="Elektro-Lkw zwischen dem Logistikknoten Venlo und dem Ruhrgebiet.",
)
_company(
    "Detroit Drivetrain Labs Inc.",
    "US",
    "Detroit",
    "48226",
    founded=2011,
    size="medium",
    sectors="e-mobility",
    offers="electric-drivetrains battery-cells-modules",
    seeks="ev-testing-homologation battery-recycling",
    types="research-development supplier",
    visibility="public",
    settlement=_settlement("12-24-months", 25, "production lab recruiting"),
    contact=("Kevin Walsh", "VP Engineering"),
    en="E-axles and battery packs for pick-ups and delivery vans; scouting a European "
    "engineering and test centre.",
    de="E-Achsen und Batteriepacks für Pick-ups und Lieferwagen; sucht einen Standort für "
    "ein europäisches Entwicklungs- und Testzentrum.",
)
_company(
    "Québec Batteries Circulaires Inc.",
    "CA",
    "Montréal",
    "H2Y 1C6",
    founded=2018,
    size="small",
    sectors="e-mobility",
    offers="battery-cells-modules second-life-storage",
    seeks="battery-recycling battery-management-systems",
    types="supplier research-development",
    contact=("Émilie Gagnon", "Chief Executive"),
    en="Sodium-ion cells and second-life storage made with hydropower.",
    de="Natrium-Ionen-Zellen und Second-Life-Speicher, hergestellt mit Wasserkraft.",
)
